// A tiny hand-written corpus in four topics, for embedder and index tests that must run in
// milliseconds: papers of one topic share vocabulary, so a trained model should put them together.
export const TOPIC_CORPUS: { topic: string; text: string }[] = [
  {
    topic: 'robots',
    text: 'Robot manipulation policies learned from human demonstration videos. A robot arm imitates grasping.',
  },
  {
    topic: 'robots',
    text: 'Imitation learning for robot grasping: the arm learns manipulation from demonstrations by people.',
  },
  {
    topic: 'robots',
    text: 'Dexterous robot hands learn manipulation skills from videos of human hands grasping objects.',
  },
  {
    topic: 'robots',
    text: 'A humanoid robot learns locomotion and manipulation policies with reinforcement learning.',
  },
  {
    topic: 'robots',
    text: 'Robot policies for object grasping trained in simulation transfer to a real robot arm.',
  },
  {
    topic: 'retrieval',
    text: 'Retrieval augmented generation: a language model retrieves documents before answering questions.',
  },
  {
    topic: 'retrieval',
    text: 'Dense passage retrieval with dual encoders improves open domain question answering over documents.',
  },
  {
    topic: 'retrieval',
    text: 'Search engines rank documents for a query; neural rankers rerank retrieved passages.',
  },
  {
    topic: 'retrieval',
    text: 'Question answering with retrieved passages: the retriever finds documents and the reader answers.',
  },
  {
    topic: 'retrieval',
    text: 'Hybrid retrieval fuses keyword search and dense embeddings to rank documents for questions.',
  },
  {
    topic: 'diffusion',
    text: 'Diffusion models generate images by denoising; a text encoder conditions image generation.',
  },
  {
    topic: 'diffusion',
    text: 'Latent diffusion for high resolution image synthesis with fewer denoising steps.',
  },
  {
    topic: 'diffusion',
    text: 'Video diffusion models generate videos from text prompts by denoising latent frames.',
  },
  {
    topic: 'diffusion',
    text: 'Image editing with diffusion: denoising guided by a text prompt changes the generated image.',
  },
  {
    topic: 'diffusion',
    text: 'Distilling diffusion models into few step image generators by consistency training.',
  },
  {
    topic: 'proteins',
    text: 'Protein structure prediction from amino acid sequences with deep learning models.',
  },
  {
    topic: 'proteins',
    text: 'Protein language models learn from sequences of amino acids and predict protein function.',
  },
  {
    topic: 'proteins',
    text: 'Designing protein binders: generative models propose amino acid sequences that fold.',
  },
  {
    topic: 'proteins',
    text: 'Predicting protein protein interactions and structure from sequences and evolution.',
  },
  {
    topic: 'proteins',
    text: 'Enzyme design with protein structure models and amino acid sequence generation.',
  },
];
