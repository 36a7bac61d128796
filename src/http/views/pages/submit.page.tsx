// /submit: put a paper on today's feed by arXiv id, with an optional first comment.
import type { Config } from '../../../config.js';
import type { AuthUser } from '../../../services/actor.js';
import { hasRole } from '../../../services/actor.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../layout.js';

export function SubmitPage(props: { config: Config; user: AuthUser; today: string }) {
  const c = props.config.community;
  const curator = hasRole(props.user, 'curator');
  return (
    <Layout config={props.config} title="Submit a paper" noindex>
      <div class="narrow">
        <h1>Submit a paper</h1>
        <p>
          Put a paper on today's feed. Papers not yet here are fetched from arXiv.
          {curator
            ? ' As a curator you may choose the day, and the rules below do not apply to you.'
            : ` Papers published in the last ${c.submissionMaxAgeDays} days, not featured before; ${c.submissionsPerDay} a day.`}
        </p>
        <form method="post" action="/submit" class="stack-form">
          <CsrfField />
          <label for="submit-id">arXiv id or URL</label>
          <input id="submit-id" name="id" type="text" required maxlength={100} placeholder="2406.12345" />
          {curator ? (
            <>
              <label for="submit-day">Day</label>
              <input id="submit-day" name="day" type="date" value={props.today} />
            </>
          ) : null}
          <label for="submit-comment">Why it matters (optional, posted as the first comment)</label>
          <textarea id="submit-comment" name="comment" rows={4} maxlength={5000}></textarea>
          <button type="submit">Submit</button>
        </form>
      </div>
    </Layout>
  );
}
