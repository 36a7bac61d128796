// The subscription forms, queries and the bounce hook's body, as zod schemas: the routes get typed
// values or a 400 naming the field. Checkboxes are present ("on", "1") or absent.
import { z } from 'zod';
import { isValidTimeZone } from '../../domain/delivery-schedule.js';
import { MAX_ALERT_CHARS } from '../../services/subscriptions.service.js';
import { email } from './community.schemas.js';

const checkbox = z
  .enum(['on', '1', 'true', 'yes'])
  .optional()
  .transform((v) => v !== undefined);
const token = z.string().min(20).max(100);
const optionalToken = z
  .string()
  .max(100)
  .optional()
  .transform((v) => (v ? v : null));
const alert = z.string().max(MAX_ALERT_CHARS + 50, `must be at most ${MAX_ALERT_CHARS} characters`);

const settings = {
  cadence: z.enum(['daily', 'weekly'], { error: 'must be daily or weekly' }).default('daily'),
  skip_weekends: checkbox,
  hour: z.coerce.number({ error: 'must be an hour, 0 to 23' }).int().min(0).max(23).default(8),
  time_zone: z
    .string()
    .max(64)
    .default('UTC')
    .refine(isValidTimeZone, 'must be a time zone like Europe/Berlin'),
  digest: checkbox,
};

export const subscribeForm = z.object({
  email,
  ...settings,
  alert: alert.optional().transform((v) => (v && v.trim() ? v : null)),
});

/** GET /subscribe: the footer's form and the search page's "alert me" link fill these in. */
export const subscribeQuery = z.object({
  email: z.string().max(254).optional(),
  alert: z.string().max(MAX_ALERT_CHARS).optional(),
});

export const tokenQuery = z.object({
  token: optionalToken,
  alert: z.string().max(MAX_ALERT_CHARS).optional(),
  done: z.string().max(40).optional(),
});
export const confirmForm = z.object({ token });
export const settingsForm = z.object({ token: optionalToken, ...settings });
export const alertForm = z.object({ token: optionalToken, query: alert });
export const tokenForm = z.object({ token: optionalToken });
export const manageLinkForm = z.object({ email });
export const previewQuery = z.object({
  cadence: z.enum(['daily', 'weekly'], { error: 'must be daily or weekly' }).default('daily'),
  format: z.enum(['html', 'text'], { error: 'must be html or text' }).default('html'),
});

/** One bounce or complaint, as a bounce processor or a mail provider's webhook reports it. */
export const bounceReport = z.strictObject({
  email,
  type: z.enum(['hard', 'soft', 'complaint'], { error: 'must be hard, soft or complaint' }),
  reason: z.string().max(500).default(''),
});
/** One report or an array of them; always an array after parsing (errors name the entry: `0.type`). */
export const bounceBody = z.preprocess(
  (v) => (Array.isArray(v) ? v : [v]),
  z.array(bounceReport).min(1, 'send at least one report').max(1000, 'at most 1000 reports at once'),
);
