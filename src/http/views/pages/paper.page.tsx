// `/papers/:arxivId`: everything known about one paper.
import type { Config } from '../../../config.js';
import { truncateWords } from '../../../domain/text.js';
import type { PaperDetail, RelatedPapers as RelatedModel } from '../../../services/papers.service.js';
import { AuthorList } from '../components/author-list.js';
import { DateLabel, DayLabel } from '../components/date-label.js';
import { PaperLinks } from '../components/paper-links.js';
import { RelatedPapers } from '../components/related-papers.js';
import { SubmitterLabel } from '../components/submitter.js';
import { TrendingScore } from '../components/trending-score.js';
import { VoteButton } from '../components/vote-button.js';
import { CommentCount } from '../components/comment-count.js';
import { CommentThread, FlagForm } from '../components/comment-thread.js';
import { CuratorControls } from '../components/curator-controls.js';
import { ViewerContext } from '../../auth/viewer.js';
import { useContext } from 'hono/jsx';
import { hasRole } from '../../../services/actor.js';
import type { CommentNode } from '../../../services/comments.service.js';
import { Layout } from '../layout.js';
import { feedPath, paperPath, thumbnailPath } from '../urls.js';

/** Abstracts keep their paragraphs as blank lines (domain/text.ts cleanAbstract). */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function PaperPage(props: {
  config: Config;
  paper: PaperDetail;
  related?: RelatedModel | null;
  /** The discussion; absent in views that do not show it. */
  comments?: CommentNode[];
  /** The clock (ISO), for comment edit windows and the curator's default day. */
  now?: string;
}) {
  const { paper } = props;
  const viewer = useContext(ViewerContext);
  const path = paperPath(paper.arxivId);
  return (
    <Layout
      config={props.config}
      title={paper.title}
      path={paperPath(paper.arxivId)}
      description={paper.aiSummary ?? truncateWords(paper.abstract.replace(/\s+/g, ' '), 200)}
    >
      <article class="paper" aria-labelledby="paper-title">
        <header class="paper-head">
          <p class="paper-id">
            arXiv:{paper.arxivId}
            {paper.version !== null ? `v${paper.version}` : ''}
          </p>
          <h1 id="paper-title">{paper.title}</h1>
          <AuthorList authors={paper.authors} />
          <ul class="card-meta" aria-label="Community">
            <li class="votes">
              <VoteButton card={paper} />
            </li>
            <li>
              <CommentCount
                arxivId={paper.arxivId}
                local={paper.localComments}
                mirrored={paper.mirroredComments}
                href="#comments-heading"
              />
            </li>
            {paper.organization ? <li class="org">{paper.organization}</li> : null}
          </ul>
          <PaperLinks card={paper} arxiv />
        </header>

        <div class="paper-layout">
          <div class="paper-main">
            <section aria-labelledby="abstract-heading">
              <h2 id="abstract-heading">Abstract</h2>
              {paragraphs(paper.abstract).map((p) => (
                <p>{p}</p>
              ))}
            </section>

            {paper.aiSummary || paper.aiKeywords.length > 0 ? (
              <section class="ai" aria-labelledby="ai-heading">
                <h2 id="ai-heading">AI-generated summary</h2>
                <p class="muted">Written by a language model from the abstract; it may be wrong.</p>
                {paper.aiSummary ? <p>{paper.aiSummary}</p> : null}
                {paper.aiKeywords.length > 0 ? (
                  <>
                    <h3>AI-generated keywords</h3>
                    <ul class="tags">
                      {paper.aiKeywords.map((k) => (
                        <li>{k}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </section>
            ) : null}

            <section aria-labelledby="cite-heading">
              <h2 id="cite-heading">Cite</h2>
              <pre class="bibtex" tabindex={0} aria-label="BibTeX entry">
                <code>{paper.bibtex}</code>
              </pre>
            </section>

            {props.comments ? (
              <CommentThread
                arxivId={paper.arxivId}
                paperPath={path}
                comments={props.comments}
                mirrored={paper.mirroredComments}
                now={props.now ?? ''}
              />
            ) : null}

            {props.related ? <RelatedPapers related={props.related} /> : null}
          </div>

          <aside class="paper-side" aria-label="About this paper">
            {viewer.user && hasRole(viewer.user, 'curator') ? (
              <CuratorControls paper={paper} path={path} today={(props.now ?? '').slice(0, 10)} />
            ) : null}
            <img
              class="paper-thumb"
              src={thumbnailPath(paper.arxivId)}
              alt={paper.thumbnailUrl ? `Thumbnail of “${paper.title}”` : ''}
              width={400}
              height={210}
              decoding="async"
            />
            <h2>Details</h2>
            <dl class="facts">
              {paper.publishedAt ? (
                <>
                  <dt>Published</dt>
                  <dd>
                    <DateLabel iso={paper.publishedAt} />
                  </dd>
                </>
              ) : null}
              {paper.updatedAt && paper.updatedAt !== paper.publishedAt ? (
                <>
                  <dt>Updated</dt>
                  <dd>
                    <DateLabel iso={paper.updatedAt} />
                  </dd>
                </>
              ) : null}
              {paper.version !== null ? (
                <>
                  <dt>Version</dt>
                  <dd>{`v${paper.version}`}</dd>
                </>
              ) : null}
              {paper.categories.length > 0 ? (
                <>
                  <dt>Categories</dt>
                  <dd>
                    <ul class="tags">
                      {paper.categories.map((c) => (
                        <li>{c}</li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              {paper.journalRef ? (
                <>
                  <dt>Journal reference</dt>
                  <dd>{paper.journalRef}</dd>
                </>
              ) : null}
              {paper.doi ? (
                <>
                  <dt>DOI</dt>
                  <dd>
                    <a href={`https://doi.org/${encodeURI(paper.doi)}`}>{paper.doi}</a>
                  </dd>
                </>
              ) : null}
              {paper.comment ? (
                <>
                  <dt>Authors' comment</dt>
                  <dd>{paper.comment}</dd>
                </>
              ) : null}
            </dl>

            {paper.versions.length > 0 ? (
              <section aria-labelledby="versions-heading">
                <h2 id="versions-heading">Versions</h2>
                <ul class="versions">
                  {paper.versions.map((v) => (
                    <li>
                      {`v${v.version}`}
                      {v.submittedAt ? (
                        <>
                          {' '}
                          <DateLabel iso={v.submittedAt} />
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {paper.featuredDays.length > 0 ? (
              <section aria-labelledby="featured-heading">
                <h2 id="featured-heading">Featured</h2>
                <ul class="featured-days">
                  {paper.featuredDays.map((f) => (
                    <li>
                      <a href={feedPath({ date: f.day })}>
                        <DayLabel day={f.day} />
                      </a>
                      {f.submitter ? (
                        <>
                          {' '}
                          <SubmitterLabel submitter={f.submitter} />
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {paper.trending ? (
              <section aria-labelledby="trending-heading">
                <h2 id="trending-heading">Trending score</h2>
                <TrendingScore breakdown={paper.trending.breakdown} />
                <p class="muted">
                  As of <DateLabel iso={paper.trending.asOf} withTime />
                  {paper.trending.stale ? (
                    <>
                      , the end of the last day papers were featured, as on <a href="/trending">Trending</a>
                      .{' '}
                    </>
                  ) : (
                    '. '
                  )}
                  Age counts from the first time it was featured.{' '}
                  <a href="/about#trending">How the score works</a>.
                </p>
              </section>
            ) : null}
            {viewer.user ? (
              <details class="flag-paper">
                <summary>Flag this paper</summary>
                <FlagForm action={`${path}/flag`} id="flag-paper" />
              </details>
            ) : null}
          </aside>
        </div>
      </article>
    </Layout>
  );
}
