// `/about`: what paperboy is, the trending formula (from domain/trending.ts, never restated by hand),
// a worked example computed by the same function that ranks the feed, and the catalogue size.
import type { Config } from '../../../config.js';
import type { CatalogueStats } from '../../../services/stats.service.js';
import { COMMENT_WEIGHT, GRAVITY, trendingScore } from '../../../domain/trending.js';
import { formatNumber, plural } from '../format.js';
import { Layout } from '../layout.js';

/** The example paper: featured two days ago with 40 upvotes and 6 comments. */
const EXAMPLE = { upvotes: 40, comments: 6, ageDays: 2 };

function workedExample() {
  const featuredAt = '2026-01-01T00:00:00.000Z';
  const now = new Date(Date.parse(featuredAt) + EXAMPLE.ageDays * 86_400_000);
  return trendingScore({ upvotes: EXAMPLE.upvotes, comments: EXAMPLE.comments, featuredAt }, now);
}

export function AboutPage(props: { config: Config; stats: CatalogueStats }) {
  const { config, stats } = props;
  const ex = workedExample();
  const w = formatNumber(COMMENT_WEIGHT);
  const g = formatNumber(GRAVITY);
  return (
    <Layout
      config={config}
      title="About"
      path="/about"
      section="about"
      description={`What ${config.siteName} is and how its trending score works.`}
    >
      <article class="prose">
        <h1>About {config.siteName}</h1>
        <p>
          {config.siteName} is where a research community finds the papers that matter each day. Papers are
          featured on a day's feed by curators and the community; readers upvote and discuss them; the feed
          can be read by day, week or month, ranked by points, by an open trending score, or by time. It is
          open source and self-hostable: one process on an embedded database, or many behind a load balancer
          on PostgreSQL.
        </p>
        <p>
          The catalogue holds {plural(stats.papers, 'paper')} featured over {plural(stats.feedDays, 'day')}.
        </p>

        <h2 id="trending">The trending score</h2>
        <p>
          Every featured paper earns points from the community, and its score decays with the time since it
          was first featured, so a new paper with a few votes can rank above an older one with many:
        </p>
        <pre class="formula" aria-label="Trending formula">
          <code>{`points = upvotes + ${w} × comments\nscore  = points / (age_days + 1)^${g}`}</code>
        </pre>
        <p>
          <code>age_days</code> is measured in fractional days from the moment the paper was first featured. A
          comment counts {w} of an upvote. With a gravity of {g}, a paper featured a day ago needs{' '}
          {formatNumber(2 ** GRAVITY)} times the points of a fresh one to rank beside it, and one featured a
          week ago {formatNumber(8 ** GRAVITY)} times. Papers featured in the last{' '}
          {plural(config.trendingWindowDays, 'day')} compete on the <a href="/trending">trending page</a>;
          equal scores are ordered by points, then by arXiv id. Every paper's page shows its own breakdown.
        </p>
        <p>
          Ages run to the present moment, except when nothing has been featured today: then they run to the
          end of the last day papers were featured, so a feed that has gone quiet keeps the ranking it had
          instead of decaying for months. Every page computes scores at that same moment, and says which it
          was.
        </p>

        <h3>A worked example</h3>
        <p>
          A paper featured {plural(EXAMPLE.ageDays, 'day')} ago with {plural(ex.upvotes, 'upvote')} and{' '}
          {plural(ex.comments, 'comment')}:
        </p>
        <pre class="formula" aria-label="Worked example">
          <code>{`points = ${ex.upvotes} + ${w} × ${ex.comments} = ${formatNumber(ex.points)}\nscore  = ${formatNumber(
            ex.points,
          )} / (${formatNumber(ex.ageDays)} + 1)^${g} = ${formatNumber(ex.score)}`}</code>
        </pre>
        <p>A paper featured just now would need only {formatNumber(ex.score)} points to tie with it.</p>

        <h2>Where the papers come from</h2>
        <ul>
          <li>
            <a href="https://arxiv.org/">arXiv</a>: titles, abstracts, authors, categories and versions, from
            its API, its OAI-PMH interface and its daily listings. Thank you to arXiv for use of its open
            access interoperability.
          </li>
          <li>
            <a href="https://huggingface.co/papers">Hugging Face Daily Papers</a>: the daily selection,
            upvotes and comment counts, code and project links, thumbnails and AI-generated summaries.
          </li>
          <li>Files in those formats, imported by the operator of this site.</li>
        </ul>

        <h2>For developers</h2>
        <p>
          Every list is also available as JSON, in Hugging Face's shapes where Hugging Face has an endpoint;
          see the <a href="/openapi.json">OpenAPI description</a>.
        </p>
      </article>
    </Layout>
  );
}
