// `/authors/:slug`: an author and their papers, newest first.
import type { Config } from '../../../config.js';
import type { AuthorPage as AuthorPageModel } from '../../../services/authors.service.js';
import { EmptyState } from '../components/empty-state.js';
import { CardGrid } from '../components/paper-card.js';
import { Pagination } from '../components/pagination.js';
import { plural } from '../format.js';
import { Layout } from '../layout.js';
import { authorPath, withQuery } from '../urls.js';

export function AuthorPage(props: {
  config: Config;
  author: AuthorPageModel;
  page: number;
  perPage: number;
}) {
  const { author, page } = props;
  const path = (p: number) => withQuery(authorPath(author.slug), { page: p > 1 ? p : null });
  return (
    <Layout
      config={props.config}
      title={`${author.name}: papers`}
      path={path(page)}
      description={`${plural(author.total, 'paper')} by ${author.name}.`}
      feed={{ title: `Papers by ${author.name}`, base: `/feeds${authorPath(author.slug)}` }}
    >
      <div class="page-head">
        <h1>{author.name}</h1>
        <p>{`${plural(author.total, 'paper')} in this catalogue`}</p>
      </div>
      <section aria-labelledby="papers-heading">
        <h2 id="papers-heading">Papers</h2>
        {author.papers.length > 0 ? (
          <CardGrid cards={author.papers.map((card) => ({ card }))} />
        ) : (
          <EmptyState title="No papers on this page.">
            <p>
              <a href={path(1)}>Back to the first page</a>
            </p>
          </EmptyState>
        )}
        <Pagination page={page} perPage={props.perPage} total={author.total} href={path} />
      </section>
    </Layout>
  );
}
