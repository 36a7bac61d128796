// What a list says when it has nothing to show, with where to go next.
import type { Child } from 'hono/jsx';

export function EmptyState(props: { title: string; children?: Child }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}
