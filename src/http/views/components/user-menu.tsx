// The header's account area: "Sign in", or the user's name with their links and a sign-out button.
import { useContext } from 'hono/jsx';
import { hasRole } from '../../../services/actor.js';
import { ViewerContext } from '../../auth/viewer.js';
import { CsrfField } from './csrf-field.js';

export function UserMenu() {
  const viewer = useContext(ViewerContext);
  const user = viewer.user;
  if (!user) {
    return (
      <nav class="user-menu" aria-label="Account">
        <a href="/signin">Sign in</a>
      </nav>
    );
  }
  return (
    <nav class="user-menu" aria-label="Account">
      <a href="/submit">Submit</a>
      {hasRole(user, 'curator') ? <a href="/mod">Moderation</a> : null}
      <a href={`/users/${user.handle}`} class="user-name">
        {user.displayName}
      </a>
      <a href="/settings">Settings</a>
      <form method="post" action="/signout" class="inline-form">
        <CsrfField />
        <button type="submit" class="link-button">
          Sign out
        </button>
      </form>
    </nav>
  );
}
