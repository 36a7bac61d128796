// Query parameters of search feeds: the search page's filters, without paging or sort (a feed is
// always newest first).
import { z } from 'zod';
import { day } from '../api/api-schemas.js';

export const feedSearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  from: day.optional(),
  to: day.optional(),
  category: z.string().max(40).optional(),
  author: z.string().trim().max(200).optional(),
});
