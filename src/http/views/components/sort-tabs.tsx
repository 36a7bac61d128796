// The three orders of a feed view, as links so they work without JavaScript.
import type { FeedSort } from '../../../services/feed.service.js';

const SORTS: { sort: FeedSort; label: string; hint: string }[] = [
  { sort: 'top', label: 'Top', hint: 'Most points first' },
  { sort: 'trending', label: 'Trending', hint: 'Highest trending score first' },
  { sort: 'new', label: 'New', hint: 'Most recently featured first' },
];

export function SortTabs(props: { current: FeedSort; href: (sort: FeedSort) => string }) {
  return (
    <nav class="sort-tabs" aria-label="Sort papers">
      <ul>
        {SORTS.map((s) => (
          <li>
            <a
              href={props.href(s.sort)}
              title={s.hint}
              aria-current={s.sort === props.current ? 'page' : undefined}
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
