// The authenticated part of /openapi.json: upvotes, comments, submissions, who am I, and the bearer
// scheme. Request bodies come from the same zod schemas that validate them.
import { z } from 'zod';
import { apiCommentBody, apiSubmitBody } from '../routes/community.schemas.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const err = (description: string) => ({ description, ...json(ref('Error')) });
const bodyOf = (schema: z.ZodType) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { required: true, ...json(rest) };
};

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'arXiv id, e.g. 2406.12345',
  schema: { type: 'string' },
};

const auth = [{ bearerAuth: [] }];
const authErrors = {
  '401': err('No valid token (or session): sign in or send Authorization: Bearer pb_...'),
  '403': err(
    'Not allowed: a read-scope token, a role below the one needed, a banned account, or a missing CSRF header with a cookie',
  ),
  '429': {
    ...err('Too many requests; wait for Retry-After seconds'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
};

const voteResult = {
  type: 'object',
  required: ['arxivId', 'upvoted', 'changed', 'upvotes', 'localUpvotes'],
  properties: {
    arxivId: { type: 'string' },
    upvoted: { type: 'boolean', description: 'Whether you upvote it now' },
    changed: { type: 'boolean', description: 'False when the call repeated the current state' },
    upvotes: { type: 'integer', description: 'Local upvotes plus those mirrored from Hugging Face' },
    localUpvotes: { type: 'integer' },
  },
};

const comment = {
  type: 'object',
  required: ['id', 'state', 'html', 'createdAt', 'replies'],
  properties: {
    id: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    author: {
      type: ['object', 'null'],
      properties: { handle: { type: 'string' }, name: { type: 'string' } },
    },
    state: { type: 'string', enum: ['visible', 'deleted', 'hidden'] },
    html: {
      type: 'string',
      description: 'Rendered Markdown (raw HTML escaped, safe links); empty unless visible',
    },
    createdAt: { type: 'string', format: 'date-time' },
    editedAt: { type: ['string', 'null'], format: 'date-time' },
    replies: { type: 'array', items: { $ref: '#/components/schemas/Comment' } },
  },
};

const submitResult = {
  type: 'object',
  required: ['arxivId', 'title', 'day', 'added', 'fetched'],
  properties: {
    arxivId: { type: 'string' },
    title: { type: 'string' },
    day: { type: 'string', format: 'date' },
    added: { type: 'boolean' },
    fetched: { type: 'boolean', description: 'The paper was new here and fetched from arXiv' },
    commentId: { type: ['integer', 'null'] },
  },
};

export const communityPaths = {
  '/api/me': {
    get: {
      operationId: 'whoAmI',
      summary: 'The account a token or session belongs to',
      security: auth,
      responses: {
        '200': {
          description: 'The account',
          ...json({
            type: 'object',
            properties: {
              handle: { type: 'string' },
              name: { type: 'string' },
              role: { type: 'string', enum: ['member', 'curator', 'admin'] },
              scope: { type: ['string', 'null'], enum: ['read', 'write', null] },
            },
          }),
        },
        '401': authErrors['401'],
      },
    },
  },
  '/api/papers/{id}/upvote': {
    post: {
      operationId: 'upvotePaper',
      summary: 'Upvote a paper (idempotent); needs a write token',
      security: auth,
      parameters: [idParameter],
      responses: {
        '200': { description: 'The new state', ...json(ref('VoteResult')) },
        ...authErrors,
        '404': err('Not in this catalogue'),
      },
    },
    delete: {
      operationId: 'unvotePaper',
      summary: 'Take back an upvote (idempotent); needs a write token',
      security: auth,
      parameters: [idParameter],
      responses: {
        '200': { description: 'The new state', ...json(ref('VoteResult')) },
        ...authErrors,
        '404': err('Not in this catalogue'),
      },
    },
  },
  '/api/papers/{id}/comments': {
    get: {
      operationId: 'listComments',
      summary: "A paper's discussion, threaded, oldest first",
      security: [],
      parameters: [idParameter],
      responses: {
        '200': {
          description: 'Top-level comments with their replies',
          ...json({ type: 'array', items: ref('Comment') }),
        },
        '400': err('Not an arXiv id'),
        '404': err('Not in this catalogue'),
      },
    },
    post: {
      operationId: 'postComment',
      summary: 'Comment on a paper or reply to a comment; needs a write token',
      security: auth,
      parameters: [idParameter],
      requestBody: bodyOf(apiCommentBody),
      responses: {
        '201': {
          description: 'The comment',
          ...json({
            type: 'object',
            properties: {
              id: { type: 'integer' },
              arxivId: { type: 'string' },
              parentId: { type: ['integer', 'null'] },
              html: { type: 'string' },
              createdAt: { type: 'string', format: 'date-time' },
              comments: { type: 'integer', description: "The paper's comment count now" },
            },
          }),
        },
        '400': err('Empty or too long, or a parent on another paper'),
        ...authErrors,
        '404': err('Not in this catalogue'),
        '409': err('The parent comment was deleted'),
      },
    },
  },
};

/** POST beside the existing GET of /api/daily_papers. */
export const submitOperation = {
  operationId: 'submitDailyPaper',
  summary:
    "Put a paper on today's feed (curators: any day), fetching it from arXiv if new here; needs a write token",
  security: auth,
  requestBody: bodyOf(apiSubmitBody),
  responses: {
    '201': { description: 'Added', ...json(ref('SubmitResult')) },
    '200': { description: 'A curator featured a paper already on that day', ...json(ref('SubmitResult')) },
    '400': err('Not an arXiv id, or a paper older than the submission rules allow'),
    ...authErrors,
    '404': err('arXiv has no such paper'),
    '409': err('Already on a feed'),
    '503': {
      ...err('arXiv did not answer in time (the paper was new here); try again later'),
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    },
  },
};

export const communitySchemas = { VoteResult: voteResult, Comment: comment, SubmitResult: submitResult };

export const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal API token (pb_...) from Settings. Read tokens read; write tokens also upvote, comment and submit.',
  },
};
