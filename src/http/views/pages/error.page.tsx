// The 400, 404 and 500 pages, in the site layout with a way back: a search box and a link home.
// server.ts renders these for errors thrown anywhere and for unknown routes.
import type { AppContext } from '../../../app.js';
import { SearchBox } from '../components/search-box.js';
import { Layout } from '../layout.js';
import { toDocument } from '../render.js';

const HINTS: Record<number, string> = {
  400: 'Check the address: a parameter in it is not one this page understands.',
  404: 'The paper, author or page may not be in this catalogue, or the address may be mistyped.',
  500: 'This is our fault, not yours.',
};

export function renderErrorPage(ctx: AppContext, status: number, title: string, message: string) {
  return toDocument(
    <Layout config={ctx.config} title={title} noindex>
      <div class="error-page">
        <p class="error-status">{`Error ${status}`}</p>
        <h1>{title}</h1>
        <p>{message}</p>
        {HINTS[status] ? <p class="muted">{HINTS[status]}</p> : null}
        <h2>Find a paper</h2>
        <SearchBox id="error-search" label="Search from this page" />
        <p>
          <a href="/">Go to today's papers</a>
        </p>
      </div>
    </Layout>,
  );
}
