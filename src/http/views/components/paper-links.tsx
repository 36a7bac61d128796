// Outbound links of a paper: arXiv, PDF, code and project page. Links from paper data go through
// safeUrl, so only http(s) addresses are ever rendered.
import { arxivAbsUrl, arxivPdfUrl } from '../../../domain/arxiv-id.js';
import type { PaperCard } from '../../../services/paper-card.js';
import { formatCount } from '../format.js';
import { safeUrl } from '../safe-url.js';

export function PaperLinks(props: { card: PaperCard; arxiv?: boolean }) {
  const { card } = props;
  const code = safeUrl(card.githubRepo);
  const project = safeUrl(card.projectPage);
  if (!props.arxiv && !code && !project) return null;
  return (
    <ul class="links" aria-label="Links">
      {props.arxiv ? (
        <>
          <li>
            <a href={arxivAbsUrl(card.arxivId)}>arXiv</a>
          </li>
          <li>
            <a href={arxivPdfUrl(card.arxivId)}>PDF</a>
          </li>
        </>
      ) : null}
      {code ? (
        <li>
          <a href={code}>Code</a>
          {card.githubStars !== null ? (
            <span class="muted">
              {' '}
              <span aria-hidden="true">★</span> {formatCount(card.githubStars)}
              <span class="visually-hidden"> stars</span>
            </span>
          ) : null}
        </li>
      ) : null}
      {project ? (
        <li>
          <a href={project}>Project page</a>
        </li>
      ) : null}
    </ul>
  );
}
