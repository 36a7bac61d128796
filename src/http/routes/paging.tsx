// Pages of long lists: page 1 has no parameter, and a page past the last is a 404 that links to the
// last page, not an empty "Page 9 of 4".
import type { Context } from 'hono';
import type { Config } from '../../config.js';
import { pageCount } from '../views/components/pagination.js';
import { formatCount } from '../views/format.js';
import { NoticePage } from '../views/pages/notice.page.js';
import { renderPage } from '../views/render.js';

/** The 404 page for a page past the end of a list, or null when the page exists. */
export function pastTheEnd(
  c: Context,
  config: Config,
  list: { page: number; total: number; perPage: number; href: (page: number) => string },
): Response | Promise<Response> | null {
  const last = pageCount(list.total, list.perPage);
  if (list.page <= last) return null;
  return renderPage(
    c,
    <NoticePage config={config} title="No such page">
      <p>
        This list has {last === 1 ? 'one page' : `${formatCount(last)} pages`}, not {formatCount(list.page)}.{' '}
        <a href={list.href(last)}>Go to the last page</a> or <a href={list.href(1)}>the first</a>.
      </p>
    </NoticePage>,
    404,
  );
}
