// The hidden CSRF field every state-changing form carries (middleware/csrf.ts checks it).
import { useContext } from 'hono/jsx';
import { ViewerContext } from '../../auth/viewer.js';

export function CsrfField(props: { token?: string | null }) {
  const viewer = useContext(ViewerContext);
  const token = props.token ?? viewer.csrfToken ?? '';
  return <input type="hidden" name="_csrf" value={token} />;
}
