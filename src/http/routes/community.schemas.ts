// Every community form and JSON body, as zod schemas: the routes get typed values or a 400 naming the
// field. Unknown fields are ignored (forms carry _csrf and submit buttons).
import { z } from 'zod';
import { isDay } from '../../domain/days.js';
import { MAX_PASSWORD_LENGTH } from '../../lib/password.js';
import { MAX_COMMENT_CHARS } from '../../services/comments.service.js';
import { recordIdNumber, recordIdText } from './record-ids.js';

/** An email address as forms take it: trimmed, lowercased, checked. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be an email address' }));
const password = z.string().min(1, 'must not be empty').max(MAX_PASSWORD_LENGTH, 'is too long');
const next = z.string().max(500).optional();
const commentBody = z
  .string()
  .max(MAX_COMMENT_CHARS + 100, `must be at most ${MAX_COMMENT_CHARS} characters`);
const day = z.string().refine(isDay, 'must be a day like 2026-08-21');
const optionalUrl = z
  .string()
  .trim()
  .max(500)
  .transform((s) => (s === '' ? null : s))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable());

export const signInLinkForm = z.object({ email, next });
export const passwordSignInForm = z.object({ email, password, next });
export const confirmLinkForm = z.object({ token: z.string().min(20).max(100), next });
export const linkQuery = z.object({ token: z.string().max(100).default(''), next });

export const voteForm = z.object({ vote: z.enum(['1', '0']).default('1'), next });
export const commentForm = z.object({
  body: commentBody,
  parent_id: z
    .preprocess((v) => (v === '' ? undefined : v), recordIdText.optional())
    .transform((v) => v ?? null),
});
export const editCommentForm = z.object({ body: commentBody });
export const flagForm = z.object({ reason: z.string().max(500, 'must be at most 500 characters') });
export const submitForm = z.object({
  id: z.string().trim().min(1, 'give an arXiv id').max(100),
  comment: commentBody.optional(),
  day: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(day.nullable()),
});

export const profileForm = z.object({
  display_name: z.string().max(200),
  handle: z.string().max(200),
});
/** An empty current password is no password: the form leaves it out after a recent link sign-in. */
const currentPassword = z
  .string()
  .max(MAX_PASSWORD_LENGTH)
  .optional()
  .transform((v) => (v ? v : null));
const checkbox = z
  .string()
  .optional()
  .transform((v) => v !== undefined && v !== '');
export const passwordForm = z.object({ current_password: currentPassword, new_password: password });
export const removePasswordForm = z.object({ current_password: currentPassword });
export const signOutEverywhereForm = z.object({ remove_password: checkbox, revoke_tokens: checkbox });
export const tokenForm = z.object({
  name: z.string().max(200),
  scope: z.enum(['read', 'write'], { error: 'must be read or write' }),
});

export const dayForm = z.object({ day });
export const paperEditForm = z.object({
  title_override: z
    .string()
    .trim()
    .max(500)
    .transform((s) => (s === '' ? null : s)),
  github_repo: optionalUrl,
  project_page: optionalUrl,
});
export const banForm = z.object({ reason: z.string().max(500).default('') });

// JSON bodies of the API.
export const apiCommentBody = z.strictObject({
  body: commentBody.describe('Markdown; raw HTML is shown as text, links must be http(s) or mailto.'),
  parentId: recordIdNumber.optional().describe('The comment this replies to.'),
});
export const apiSubmitBody = z.strictObject({
  id: z.string().trim().min(1).max(100).describe('arXiv id, e.g. 2406.12345'),
  comment: commentBody.optional().describe('Posted as the first comment on the paper.'),
  date: day.optional().describe('Feed day, curators only; default today (UTC).'),
});
