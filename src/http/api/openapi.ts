// /openapi.json: the API described for people and code generators. Query parameters come from the
// same zod schemas that validate requests, so the document cannot drift from the behaviour.
import { z } from 'zod';
import type { Config } from '../../config.js';
import { dailyPapersQuery, relatedQuery, searchQuery } from './api-schemas.js';
import { communityPaths, communitySchemas, securitySchemes, submitOperation } from './community-openapi.js';

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    const { description, $schema: _s, ...rest } = json;
    return {
      name,
      in: 'query',
      required: !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const author = {
  type: 'object',
  required: ['_id', 'name', 'hidden'],
  properties: { _id: { type: 'string' }, name: { type: 'string' }, hidden: { type: 'boolean' } },
};

const organization = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Its slug, as on Hugging Face (e.g. google)' },
    fullname: { type: 'string', description: 'Its display name (e.g. Google)' },
  },
};

const paper = {
  type: 'object',
  required: ['id', 'authors', 'title', 'summary', 'upvotes', 'numComments'],
  properties: {
    id: { type: 'string', description: 'arXiv id without version', example: '2608.19880' },
    authors: { type: 'array', items: { $ref: '#/components/schemas/Author' } },
    publishedAt: { type: ['string', 'null'], format: 'date-time', description: 'arXiv publication time' },
    submittedOnDailyAt: {
      type: 'string',
      format: 'date-time',
      description: 'When the paper was put on the feed (for a mirrored entry, as Hugging Face gives it)',
    },
    title: { type: 'string' },
    summary: { type: 'string', description: 'Abstract; paragraphs separated by a blank line' },
    upvotes: { type: 'integer' },
    numComments: { type: 'integer' },
    githubRepo: { type: 'string', format: 'uri' },
    githubStars: { type: 'integer' },
    projectPage: { type: 'string', format: 'uri' },
    ai_summary: { type: 'string' },
    ai_keywords: { type: 'array', items: { type: 'string' } },
    organization: { $ref: '#/components/schemas/Organization' },
  },
};

const dailyEntry = {
  type: 'object',
  required: ['paper', 'publishedAt', 'title', 'summary', 'numComments'],
  properties: {
    paper: { $ref: '#/components/schemas/Paper' },
    publishedAt: {
      type: 'string',
      format: 'date-time',
      description:
        "As Hugging Face gives it for a mirrored entry (about the paper's publication); otherwise the paper's publication time",
    },
    title: { type: 'string' },
    summary: { type: 'string' },
    thumbnail: { type: 'string', format: 'uri' },
    numComments: { type: 'integer' },
    submittedBy: {
      type: 'object',
      properties: {
        _id: { type: 'string' },
        name: { type: 'string' },
        fullname: { type: 'string' },
        avatarUrl: { type: ['string', 'null'] },
        type: { type: 'string' },
      },
    },
    organization: { $ref: '#/components/schemas/Organization' },
  },
};

const relatedPapers = {
  type: 'object',
  required: ['model', 'papers'],
  properties: {
    model: {
      type: ['string', 'null'],
      description: 'Embedding model whose vectors were compared, e.g. builtin-dual-256@3f9c2a1b0d4e',
    },
    papers: {
      type: 'array',
      items: {
        allOf: [
          { $ref: '#/components/schemas/Paper' },
          {
            type: 'object',
            required: ['similarity'],
            properties: {
              similarity: { type: 'number', description: 'Cosine similarity, 1 = same direction' },
            },
          },
        ],
      },
    },
    note: { type: 'string', description: 'Why the list is empty, when it is' },
  },
};

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'arXiv id, new style (2406.12345) or old style (hep-th/9901001); a version suffix is ignored',
  schema: { type: 'string' },
};

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'What went wrong' },
    parameter: { type: 'string', description: 'The parameter at fault, for 400 responses' },
  },
};

const entries = {
  description:
    'Entries in the Hugging Face daily_papers shape. X-Total-Count holds the total before paging; X-Ignored-Parameters names query parameters that were not understood and had no effect.',
  headers: {
    'X-Total-Count': { schema: { type: 'integer' } },
    'X-Ignored-Parameters': { schema: { type: 'string' }, description: 'Comma-separated, percent-encoded' },
  },
  content: {
    'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/DailyEntry' } } },
  },
};

const searchEntries = {
  description:
    'Entries in the Hugging Face daily_papers shape, best first, each with why it ranks where it does. X-Total-Count holds the total before paging; X-Search-Mode is hybrid or keyword.',
  headers: {
    'X-Total-Count': { schema: { type: 'integer' } },
    'X-Search-Mode': { schema: { type: 'string' } },
  },
  content: {
    'application/json': {
      schema: {
        type: 'array',
        items: {
          allOf: [
            { $ref: '#/components/schemas/DailyEntry' },
            {
              type: 'object',
              properties: {
                score: { type: 'number', description: 'The fused score results are ordered by' },
                scoreParts: {
                  type: 'object',
                  properties: {
                    bm25: { type: ['number', 'null'], description: 'BM25F score in the keyword list' },
                    lexicalRank: { type: ['integer', 'null'] },
                    vectorSimilarity: { type: ['number', 'null'], description: 'Cosine to the query' },
                    vectorRank: { type: ['integer', 'null'] },
                    fused: { type: 'number' },
                    pinned: { type: ['string', 'null'], enum: ['arxiv-id', 'title', null] },
                  },
                },
              },
            },
          ],
        },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function openApiDocument(config: Config) {
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.siteName} API`,
      version: '1',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description:
        'Daily papers picked by curators and the community. The daily_papers and papers endpoints answer in the same JSON shapes as the Hugging Face API.',
    },
    servers: [{ url: config.baseUrl }],
    paths: {
      ...communityPaths,
      '/api/daily_papers': {
        post: submitOperation,
        get: {
          operationId: 'listDailyPapers',
          security: [],
          summary: 'Papers featured on a day, in a week or in a month',
          parameters: queryParameters(dailyPapersQuery),
          responses: { '200': entries, '400': errorResponse('A parameter is invalid') },
        },
      },
      '/api/papers/search': {
        get: {
          operationId: 'searchPapers',
          security: [],
          summary:
            'Hybrid search (keywords over titles, abstracts and authors, and meaning); an arXiv id finds that paper; no words: the newest papers',
          parameters: queryParameters(searchQuery),
          responses: { '200': searchEntries, '400': errorResponse('A parameter is invalid') },
        },
      },
      '/api/papers/{id}/related': {
        get: {
          operationId: 'listRelatedPapers',
          security: [],
          summary: 'Papers nearest to this one by embedding similarity (the same vectors as semantic search)',
          parameters: [idParameter, ...queryParameters(relatedQuery)],
          responses: {
            '200': {
              description:
                'Nearest first; an empty list with a note while no vectors exist or embeddings are off',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/RelatedPapers' } } },
            },
            '400': errorResponse('Not an arXiv id, or a bad limit'),
            '404': errorResponse('Not in this catalogue'),
          },
        },
      },
      '/api/papers/{id}': {
        get: {
          operationId: 'getPaper',
          security: [],
          summary: 'One paper',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description:
                'arXiv id, new style (2406.12345) or old style (hep-th/9901001); a version suffix is ignored',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'The paper',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Paper' } } },
            },
            '400': errorResponse('Not an arXiv id'),
            '404': errorResponse('Not in this catalogue'),
          },
        },
      },
    },
    components: {
      securitySchemes,
      schemas: {
        ...communitySchemas,
        RelatedPapers: relatedPapers,
        Author: author,
        Organization: organization,
        Paper: paper,
        DailyEntry: dailyEntry,
        Error: error,
      },
    },
  };
}
