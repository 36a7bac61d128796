// /settings: display name and handle, password (components/account-security.tsx), API tokens (a new
// one shown once), sign out everywhere.
import type { Config } from '../../../config.js';
import type { AuthUser } from '../../../services/actor.js';
import type { ApiTokenInfo } from '../../../services/api-tokens.service.js';
import { PasswordSection, SessionsSection } from '../components/account-security.js';
import { CsrfField } from '../components/csrf-field.js';
import { DateLabel } from '../components/date-label.js';
import { Layout } from '../layout.js';

export interface SettingsPageProps {
  config: Config;
  user: AuthUser;
  tokens: ApiTokenInfo[];
  /** A token just created: its only showing. */
  newToken?: { token: string; name: string } | null;
  notice?: string | null;
  /** Until when this session may change the password without the current one (a recent link sign-in). */
  passwordResetUntil?: string | null;
}

export function SettingsPage(props: SettingsPageProps) {
  const { user } = props;
  return (
    <Layout config={props.config} title="Settings" noindex>
      <div class="narrow">
        <h1>Settings</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <p class="muted">Signed in as {user.email}.</p>
          <form method="post" action="/settings/profile" class="stack-form">
            <CsrfField />
            <label for="display-name">Display name</label>
            <input
              id="display-name"
              name="display_name"
              type="text"
              required
              maxlength={50}
              value={user.displayName}
            />
            <label for="handle">
              Handle (your page is <a href={`/users/${user.handle}`}>{`/users/${user.handle}`}</a>; others
              mention you with {`@${user.handle}`})
            </label>
            <input
              id="handle"
              name="handle"
              type="text"
              required
              pattern="[a-z0-9_]{2,30}"
              maxlength={30}
              value={user.handle}
            />
            <button type="submit">Save profile</button>
          </form>
        </section>

        <section aria-labelledby="email-heading">
          <h2 id="email-heading">Email digest and alerts</h2>
          <p>
            The trending papers and your topic alerts by email, on your schedule:{' '}
            <a href="/subscription">manage your subscription</a>.
          </p>
        </section>

        {props.config.community.passwordSignIn ? (
          <PasswordSection user={user} resetUntil={props.passwordResetUntil ?? null} />
        ) : null}

        <section aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          <p>
            For scripts: send <code>Authorization: Bearer TOKEN</code> to the <a href="/openapi.json">API</a>.
            A read token can only read; a write token can also upvote, comment and submit as you.
          </p>
          {props.newToken ? (
            <div class="notice" role="status">
              <p>Your new token “{props.newToken.name}”. Copy it now: it is not shown again.</p>
              <p>
                <code class="token-value">{props.newToken.token}</code>
              </p>
            </div>
          ) : null}
          {props.tokens.length > 0 ? (
            <table class="token-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Last used</th>
                  <th scope="col"></th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((t) => (
                  <tr>
                    <td>{t.name}</td>
                    <td>
                      <code>{`${t.prefix}…`}</code>
                    </td>
                    <td>{t.scope}</td>
                    <td>{t.lastUsedAt ? <DateLabel iso={t.lastUsedAt} /> : 'never'}</td>
                    <td>
                      {t.revokedAt ? (
                        'revoked'
                      ) : (
                        <form method="post" action={`/settings/tokens/${t.id}/revoke`} class="inline-form">
                          <CsrfField />
                          <button type="submit" class="link-button">
                            Revoke
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <form method="post" action="/settings/tokens" class="stack-form">
            <CsrfField />
            <label for="token-name">Token name</label>
            <input id="token-name" name="name" type="text" required maxlength={60} />
            <fieldset>
              <legend>Scope</legend>
              <label>
                <input type="radio" name="scope" value="read" checked /> read
              </label>
              <label>
                <input type="radio" name="scope" value="write" /> write
              </label>
            </fieldset>
            <button type="submit">Create token</button>
          </form>
        </section>

        <SessionsSection
          user={user}
          resetUntil={props.passwordResetUntil ?? null}
          passwordSignIn={props.config.community.passwordSignIn}
        />
      </div>
    </Layout>
  );
}
