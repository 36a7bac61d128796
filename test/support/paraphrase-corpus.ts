// A small hand-written catalogue for "found by meaning" tests: four topics, each told in two
// vocabularies. Most papers of a topic use both, so a model trained on the catalogue learns that the
// words belong together; the target paper of each topic uses only one of them, and its query only the
// other, so the query shares no word with its target and the keyword index cannot find it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusPaper {
  id: string;
  title: string;
  summary: string;
}

const topics: { name: string; papers: [string, string][] }[] = [
  {
    name: 'robots',
    papers: [
      [
        'Robots learn grasping by watching people',
        'A robot arm watches videos of people and imitates their demonstrations to grasp household objects.',
      ],
      [
        'Teaching machines manual skills from demonstration videos',
        'Machines are taught manipulation skills by watching human demonstration videos of hands grasping.',
      ],
      [
        'Imitation of people for dexterous robot hands',
        'Watching people handle tools teaches robot hands dexterous manipulation through imitation.',
      ],
      [
        'Humanoid machines imitate demonstrations of everyday chores',
        'Humanoid robots watch people perform chores and learn to imitate the demonstrations with their arms.',
      ],
      [
        'Manipulation policies taught by watching human videos',
        'We teach robot manipulation policies from videos of people; the machines imitate grasping motions.',
      ],
      [
        'Learning to grasp by imitating demonstrations',
        'A robot arm learns grasping from demonstrations in videos, teaching machines without rewards.',
      ],
    ],
  },
  {
    name: 'speech',
    papers: [
      [
        'Natural voices for reading text aloud',
        'A synthesis model reads text aloud with natural voices, producing speech waveforms for any speaker.',
      ],
      [
        'Speech synthesis with expressive prosody',
        'Text is read aloud by a speech synthesis network whose voices carry expressive prosody and emotion.',
      ],
      [
        'Zero-shot voice cloning for speech synthesis',
        'From a short recording the model clones a voice and reads new text aloud as natural speech.',
      ],
      [
        'Fast vocoders that read aloud in real time',
        'Our vocoder turns text into natural spoken audio fast enough to read aloud in real time.',
      ],
      [
        'Multilingual text to speech with natural voices',
        'A single model reads text aloud in many languages with natural voices and clear pronunciation.',
      ],
      [
        'Prosody modelling for speech synthesis',
        'Speech synthesis of waveforms with prosody predicted from text, giving expressive natural voices.',
      ],
    ],
  },
  {
    name: 'quantization',
    papers: [
      [
        'Fewer bits per weight for phones',
        'Storing each weight in fewer bits lets large language models run on phones with little memory.',
      ],
      [
        'Quantization of language model weights to four bits',
        'Weights quantized to four bits shrink memory so language models run on phones and laptops.',
      ],
      [
        'Low-bit quantization with outlier handling',
        'Quantization to fewer bits fails on outlier weights; we rescale them so low-bit models keep accuracy.',
      ],
      [
        'Running language models on phones with integer arithmetic',
        'Integer quantization of weights and activations runs language models on phones in fewer bits.',
      ],
      [
        'Mixed precision bits for memory savings',
        'Each layer gets its own number of bits per weight, saving memory through mixed precision quantization.',
      ],
      [
        'Calibration for post-training quantization',
        'Post-training quantization calibrates low-bit weights on a few samples and saves memory on devices.',
      ],
    ],
  },
  {
    name: 'retrieval',
    papers: [
      [
        'Looking up documents before answering',
        'A chatbot looks up documents in a collection before answering, grounding answers in retrieved passages.',
      ],
      [
        'Retrieval augmented generation for question answering',
        'Retrieval of passages from a document collection grounds the generation of answers by a chatbot.',
      ],
      [
        'Dense retrievers for open-domain questions',
        'Dense retrieval finds passages that answer questions; the chatbot looks up documents in an index.',
      ],
      [
        'Chunking documents for retrieval',
        'How documents are split into passages changes what retrieval looks up before the answer is generated.',
      ],
      [
        'Grounded answers from retrieved passages',
        'Answers generated from retrieved passages of a collection cite the documents they looked up.',
      ],
      [
        'Retrieval over a document collection for chatbots',
        'Chatbots that retrieve passages from documents before answering hallucinate less and answer better.',
      ],
    ],
  },
];

/** The target papers: each shares no word with its query. */
export const MEANING_TARGETS = [
  {
    id: '2601.90001',
    title: 'Dexterous manipulation policies from demonstrations',
    summary: 'Robot arms learn dexterous manipulation policies by imitation of demonstrations in videos.',
    query: 'teaching machines by watching people',
  },
  {
    id: '2601.90002',
    title: 'Expressive speech synthesis',
    summary: 'A speech synthesis network generates expressive waveforms with prosody.',
    query: 'software that reads text aloud in natural voices',
  },
] as const;

export function paraphraseCorpus(): CorpusPaper[] {
  const papers: CorpusPaper[] = [];
  topics.forEach((t, ti) =>
    t.papers.forEach(([title, summary], pi) =>
      papers.push({ id: `2601.${String(10_000 + ti * 100 + pi)}`, title, summary }),
    ),
  );
  for (const m of MEANING_TARGETS) papers.push({ id: m.id, title: m.title, summary: m.summary });
  return papers;
}

/** Writes the corpus as an arXiv listing file (one JSON record a line) that `import` reads. */
export function writeParaphraseCorpus(dir: string): string {
  const file = join(dir, 'paraphrase-corpus.jsonl');
  writeFileSync(
    file,
    paraphraseCorpus()
      .map((p) =>
        JSON.stringify({
          id: p.id,
          title: p.title,
          summary: p.summary,
          authors: ['A. Writer'],
          categories: ['cs.LG'],
        }),
      )
      .join('\n') + '\n',
  );
  return file;
}
