// /submit: put a paper on today's feed by arXiv id, with an optional first comment. A submission
// that fails (not an arXiv id, arXiv not answering, already featured, over the day's limit) comes
// back to this form with what was typed kept and the reason above it, tied to the field at fault.
import type { Config } from '../../../config.js';
import type { AuthUser } from '../../../services/actor.js';
import { hasRole } from '../../../services/actor.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../layout.js';

export interface SubmitFormState {
  id: string;
  comment: string;
  day: string | null;
  /** Why the last attempt failed; `field` is the input at fault, when one is. */
  error: { message: string; field: 'id' | 'day' | 'comment' | null } | null;
}

export function SubmitPage(props: { config: Config; user: AuthUser; today: string; form?: SubmitFormState }) {
  const c = props.config.community;
  const curator = hasRole(props.user, 'curator');
  const form = props.form;
  const error = form?.error ?? null;
  const invalid = (field: 'id' | 'day' | 'comment') =>
    error?.field === field ? { 'aria-invalid': 'true', 'aria-describedby': 'submit-error' } : {};
  return (
    <Layout config={props.config} title={error ? 'Submit a paper: not submitted' : 'Submit a paper'} noindex>
      <div class="narrow">
        <h1>Submit a paper</h1>
        <p>
          Put a paper on today's feed. Papers not yet here are fetched from arXiv.
          {curator
            ? ' As a curator you may choose the day, and the rules below do not apply to you.'
            : ` Papers published in the last ${c.submissionMaxAgeDays} days, not featured before; ${c.submissionsPerDay} a day.`}
        </p>
        {error ? (
          <p class="notice form-error" id="submit-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <form method="post" action="/submit" class="stack-form">
          <CsrfField />
          <label for="submit-id">arXiv id or URL</label>
          <input
            id="submit-id"
            name="id"
            type="text"
            required
            maxlength={100}
            placeholder="2406.12345"
            value={form?.id ?? ''}
            {...invalid('id')}
          />
          {curator ? (
            <>
              <label for="submit-day">Day</label>
              <input
                id="submit-day"
                name="day"
                type="date"
                value={form?.day ?? props.today}
                {...invalid('day')}
              />
            </>
          ) : null}
          <label for="submit-comment">Why it matters (optional, posted as the first comment)</label>
          <textarea id="submit-comment" name="comment" rows={4} maxlength={5000} {...invalid('comment')}>
            {form?.comment ?? ''}
          </textarea>
          <button type="submit">Submit</button>
        </form>
      </div>
    </Layout>
  );
}
