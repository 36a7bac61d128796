// Query parameters of the JSON API. The same schemas validate requests and describe them in /openapi.json.
import { z } from 'zod';
import { isDay, parseIsoWeek, parseMonth } from '../../domain/days.js';

export const day = z
  .string()
  .refine(isDay, 'must be a day like 2026-08-21')
  .meta({ example: '2026-08-21', format: 'date' });

const week = z
  .string()
  .refine((s) => parseIsoWeek(s) !== null, 'must be an ISO week like 2026-W34')
  .meta({ example: '2026-W34' });

const month = z
  .string()
  .refine((s) => parseMonth(s) !== null, 'must be a month like 2026-08')
  .meta({ example: '2026-08' });

const intIn = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int(`must be an integer from ${min} to ${max}`)
    .min(min, `must be an integer from ${min} to ${max}`)
    .max(max, `must be an integer from ${min} to ${max}`)
    .default(fallback);

export const dailyPapersQuery = z
  .strictObject({
    date: day.optional().describe('Papers featured on this day. Default: the newest day with papers.'),
    week: week.optional().describe('Papers featured in this ISO week.'),
    month: month.optional().describe('Papers featured in this month.'),
    submitter: z
      .string()
      .trim()
      .max(100, 'must be at most 100 characters')
      .optional()
      .describe(
        'Only entries submitted by this user (a Hugging Face user name for mirrored entries, a handle here).',
      ),
    sort: z
      .enum(['publishedAt', 'trending'], { error: 'must be publishedAt or trending' })
      .default('publishedAt')
      .describe('publishedAt: newest on the feed first; trending: by trending score.'),
    limit: intIn(1, 100, 50).describe('Entries per page, 1-100.'),
    p: intIn(0, 10_000, 0).describe('Page number, from 0.'),
  })
  .refine((q) => [q.date, q.week, q.month].filter(Boolean).length <= 1, {
    message: 'give at most one of date, week and month',
    path: ['date'],
  });

export const searchQuery = z.strictObject({
  q: z
    // Missing and empty are the same here: parseQuery drops empty values.
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .optional()
    .describe(
      'Search words, or an arXiv id. Syntax: "exact phrase", -exclude, author:name, cat:cs.CL, year:2025, year:2023..2025, after:/before:YYYY-MM-DD. Without q (and filters), the newest papers, as Hugging Face lists them.',
    ),
  limit: intIn(1, 100, 20).describe('Results, 1-100.'),
  p: intIn(0, 10_000, 0).describe('Page number, from 0.'),
  from: day.optional().describe('Published on or after this day.'),
  to: day.optional().describe('Published on or before this day.'),
  category: z.string().max(40).optional().describe('arXiv category, e.g. cs.CL.'),
  author: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe('Only papers with an author whose name holds all these words, e.g. "Yann LeCun" or "lecun".'),
  sort: z
    .enum(['relevance', 'date', 'votes'], { error: 'must be relevance, date or votes' })
    .default('relevance')
    .describe(
      'relevance: best match first (keyword and semantic lists fused); date: newest first; votes: most upvoted first.',
    ),
});

export const relatedQuery = z.strictObject({
  limit: intIn(1, 50, 10).describe('Related papers, 1-50.'),
});
