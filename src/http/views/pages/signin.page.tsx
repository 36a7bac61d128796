// /signin: an emailed one-time link (always), or a password (when the account has one and the
// instance allows it). Both forms carry the anonymous double-submit CSRF token.
import type { Config } from '../../../config.js';
import { RECENT_LINK_MINUTES } from '../../../services/auth.service.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../layout.js';

export function SignInPage(props: { config: Config; csrf: string; next: string }) {
  return (
    <Layout config={props.config} title="Sign in" path="/signin" noindex>
      <div class="narrow">
        <h1>Sign in</h1>
        <p>We email you a link that signs you in. New here? The same link creates your account.</p>
        <form method="post" action="/signin" class="stack-form">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label for="signin-email">Email</label>
          <input id="signin-email" name="email" type="email" autocomplete="email" required maxlength={254} />
          <button type="submit">Email me a sign-in link</button>
        </form>
        {props.config.community.passwordSignIn ? (
          <details class="password-signin">
            <summary>Sign in with a password instead</summary>
            <form method="post" action="/signin/password" class="stack-form">
              <CsrfField token={props.csrf} />
              <input type="hidden" name="next" value={props.next} />
              <label for="password-email">Email</label>
              <input
                id="password-email"
                name="email"
                type="email"
                autocomplete="email"
                required
                maxlength={254}
              />
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
              <button type="submit">Sign in</button>
            </form>
            <p class="muted">
              Set a password in your settings after signing in with a link. Forgot it? Ask for a link above:
              for {RECENT_LINK_MINUTES} minutes after signing in with it, settings let you set a new one
              without the old.
            </p>
          </details>
        ) : null}
      </div>
    </Layout>
  );
}

/** The landing page of an emailed link: one button, so mail scanners that fetch links use nothing up. */
export function SignInLinkPage(props: { config: Config; csrf: string; token: string; next: string }) {
  return (
    <Layout config={props.config} title="Finish signing in" noindex>
      <div class="narrow">
        <h1>Finish signing in</h1>
        {props.token ? (
          <form method="post" action="/signin/link" class="stack-form">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="token" value={props.token} />
            <input type="hidden" name="next" value={props.next} />
            <button type="submit" autofocus>
              Sign in to {props.config.siteName}
            </button>
          </form>
        ) : (
          <p>
            This link is incomplete. <a href="/signin">Ask for a new one</a>.
          </p>
        )}
      </div>
    </Layout>
  );
}
