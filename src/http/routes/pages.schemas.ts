// Query parameters of the HTML pages. Unknown parameters are ignored (links from elsewhere carry
// tracking tags); a known one with a bad value is a 400 page naming it.
import { z } from 'zod';
import { isDay, parseIsoWeek, parseMonth } from '../../domain/days.js';

const day = z.string().refine(isDay, 'must be a day like 2026-08-21');
const week = z.string().refine((s) => parseIsoWeek(s) !== null, 'must be an ISO week like 2026-W34');
const month = z.string().refine((s) => parseMonth(s) !== null, 'must be a month like 2026-08');
const pageNumber = z.coerce
  .number({ error: 'must be a page number from 1 to 10000' })
  .int('must be a page number from 1 to 10000')
  .min(1, 'must be a page number from 1 to 10000')
  .max(10_000, 'must be a page number from 1 to 10000');
const page = pageNumber.default(1);

export const feedPageQuery = z
  .object({
    date: day.optional(),
    week: week.optional(),
    month: month.optional(),
    sort: z.enum(['top', 'trending', 'new'], { error: 'must be top, trending or new' }).default('top'),
    /** Week and month views come in pages; a day is one page. */
    page: pageNumber.optional(),
  })
  .refine((q) => [q.date, q.week, q.month].filter(Boolean).length <= 1, {
    message: 'give at most one of date, week and month',
    path: ['date'],
  })
  .refine((q) => q.page === undefined || q.week !== undefined || q.month !== undefined, {
    message: 'goes with week or month (a day is one page)',
    path: ['page'],
  });

export const searchPageQuery = z.object({
  q: z.string().trim().max(500, 'must be at most 500 characters').default(''),
  from: day.optional(),
  to: day.optional(),
  category: z.string().trim().max(40, 'must be at most 40 characters').optional(),
  author: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  sort: z
    .enum(['relevance', 'date', 'votes'], { error: 'must be relevance, date or votes' })
    .default('relevance'),
  page,
});

export const listPageQuery = z.object({ page });
