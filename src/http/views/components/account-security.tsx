// The Password and Sessions sections of /settings. A password is set, changed or removed with the
// current one, or within a few minutes of signing in by emailed link (`resetUntil`): that is also the
// password reset, and the only way to set a first password, so a stolen session cannot set one. The
// "email me a sign-in link" form posts the account's own address to /signin and comes back here.
import type { AuthUser } from '../../../services/actor.js';
import { RECENT_LINK_MINUTES } from '../../../services/auth.service.js';
import { CsrfField } from './csrf-field.js';
import { DateLabel } from './date-label.js';

export interface AccountSecurityProps {
  user: AuthUser;
  /** Until when this session may change the password without the current one, or null. */
  resetUntil: string | null;
}

export function PasswordSection({ user, resetUntil }: AccountSecurityProps) {
  return (
    <section aria-labelledby="password-heading" id="password">
      <h2 id="password-heading">Password</h2>
      <p class="muted">
        {user.hasPassword
          ? 'You can sign in with your password or with an emailed link.'
          : 'You sign in with an emailed link. A password lets you sign in without opening your email.'}
      </p>
      {resetUntil ? (
        <p class="notice" role="status">
          You signed in with an emailed link: until <DateLabel iso={resetUntil} withTime />{' '}
          {user.hasPassword
            ? 'you can set a new password or remove it without the current one.'
            : 'you can set a password.'}
        </p>
      ) : null}
      {user.hasPassword || resetUntil ? (
        <form method="post" action="/settings/password" class="stack-form">
          <CsrfField />
          {user.hasPassword && !resetUntil ? (
            <CurrentPasswordField id="current-password" label="Current password" />
          ) : null}
          <label for="new-password">New password (10 characters or more)</label>
          <input
            id="new-password"
            name="new_password"
            type="password"
            autocomplete="new-password"
            required
            minlength={10}
          />
          <button type="submit">{user.hasPassword ? 'Change password' : 'Set password'}</button>
        </form>
      ) : null}
      {user.hasPassword ? (
        <form method="post" action="/settings/password/remove" class="stack-form">
          <CsrfField />
          {!resetUntil ? (
            <CurrentPasswordField id="remove-current-password" label="Current password, to remove it" />
          ) : null}
          <button type="submit">Remove password (sign in by emailed link only)</button>
        </form>
      ) : null}
      {resetUntil ? null : (
        <form method="post" action="/signin" class="stack-form">
          <CsrfField />
          <input type="hidden" name="email" value={user.email} />
          <input type="hidden" name="next" value="/settings#password" />
          <p>
            {user.hasPassword
              ? 'Forgot your password? We'
              : 'To set a password, first prove the mailbox is yours: we'}{' '}
            email you a sign-in link, and for {RECENT_LINK_MINUTES} minutes after you open it you can{' '}
            {user.hasPassword ? 'set a new password or remove it without the current one.' : 'set one here.'}
          </p>
          <button type="submit">Email me a sign-in link</button>
        </form>
      )}
    </section>
  );
}

export function SessionsSection(props: AccountSecurityProps & { passwordSignIn: boolean }) {
  const { user, resetUntil } = props;
  const password = props.passwordSignIn && user.hasPassword;
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p>Signing out everywhere ends every session of your account, on every device, this one included.</p>
      <form method="post" action="/settings/signout-everywhere" class="stack-form">
        <CsrfField />
        <label>
          <input type="checkbox" name="revoke_tokens" value="1" /> Also revoke my API tokens
        </label>
        {password && resetUntil ? (
          <label>
            <input type="checkbox" name="remove_password" value="1" /> Also remove my password, so that only
            an emailed link signs in
          </label>
        ) : null}
        {password && !resetUntil ? (
          <p class="muted">
            Your password still signs in afterwards: if someone else may know it, change or remove it above
            first.
          </p>
        ) : null}
        <button type="submit">Sign out everywhere</button>
      </form>
    </section>
  );
}

/** The current password, asked for when no recent emailed-link sign-in vouches for the change. */
function CurrentPasswordField(props: { id: string; label: string }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name="current_password" type="password" autocomplete="current-password" required />
    </>
  );
}
