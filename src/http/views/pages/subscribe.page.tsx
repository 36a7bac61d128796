// /subscribe: the trending digest and topic alerts by email, for anyone with an address. Double
// opt-in: the next page says to check the inbox, and nothing is sent before the link there is used.
// A signed-in member subscribing their account's address is subscribed at once.
import type { Config } from '../../../config.js';
import { CsrfField } from '../components/csrf-field.js';
import { DEFAULT_SCHEDULE, ScheduleFields } from '../components/schedule-fields.js';
import { Layout } from '../layout.js';

export interface SubscribePageProps {
  config: Config;
  csrf: string;
  email: string;
  alert: string;
  /** Signed in and subscribed already: where to manage it. */
  alreadySubscribed: boolean;
}

export function SubscribePage(props: SubscribePageProps) {
  return (
    <Layout config={props.config} title="Get papers by email" path="/subscribe" noindex>
      <div class="narrow">
        <h1>Get papers by email</h1>
        <p>
          The top trending papers of {props.config.siteName} in your inbox, and alerts for the searches you
          care about: new papers that match, with why they matched. We ask you to confirm your address first,
          and every email has a link to change what you get or to unsubscribe at once.
        </p>
        {props.alreadySubscribed ? (
          <p class="notice" role="status">
            You subscribe already: <a href="/subscription">manage your subscription</a>.
          </p>
        ) : null}
        <form method="post" action="/subscribe" class="stack-form">
          <CsrfField token={props.csrf} />
          <label for="subscribe-email">Email</label>
          <input
            id="subscribe-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxlength={254}
            value={props.email}
          />
          <ScheduleFields values={DEFAULT_SCHEDULE} idPrefix="subscribe" />
          <label for="subscribe-alert">Topic alert (optional): a search, as you would type it</label>
          <input
            id="subscribe-alert"
            name="alert"
            type="text"
            maxlength={300}
            value={props.alert}
            placeholder={'"continual pre-training" cat:cs.CL'}
            aria-describedby="subscribe-alert-hint"
          />
          <p id="subscribe-alert-hint" class="form-hint muted">
            Words, "exact phrases", -exclusions, author:name, cat:cs.CL. You can add more alerts later.
          </p>
          <button type="submit">Subscribe</button>
        </form>
        <p class="muted">
          Rather read a feed? Every list has <a href="/feeds/daily.rss">RSS</a>, Atom and JSON Feed versions,
          and so has every search. Lost the email to manage your subscription?{' '}
          <a href="/subscription">Get a new link</a>.
        </p>
      </div>
    </Layout>
  );
}
