// Previous/next page links for long lists (search results, author pages).
import { formatCount } from '../format.js';

export interface PaginationProps {
  /** 1-based. */
  page: number;
  perPage: number;
  total: number;
  href: (page: number) => string;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export function Pagination(props: PaginationProps) {
  const pages = pageCount(props.total, props.perPage);
  if (pages <= 1 && props.page <= 1) return null;
  const prev = props.page > 1 ? Math.min(props.page - 1, pages) : null;
  const next = props.page < pages ? props.page + 1 : null;
  return (
    <nav class="pager" aria-label="Pages">
      {prev ? (
        <a rel="prev" href={props.href(prev)}>
          <span aria-hidden="true">← </span>Previous page
        </a>
      ) : (
        <span class="pager-off">Previous page</span>
      )}
      <span class="pager-at">
        Page {formatCount(props.page)} of {formatCount(pages)}
      </span>
      {next ? (
        <a rel="next" href={props.href(next)}>
          Next page<span aria-hidden="true"> →</span>
        </a>
      ) : (
        <span class="pager-off">Next page</span>
      )}
    </nav>
  );
}
