// "Related papers" on a paper page: small cards of the nearest papers by embedding similarity.
import type { RelatedPapers as RelatedModel } from '../../../services/papers.service.js';
import { paperPath } from '../urls.js';

/** Authors named on a small card before "et al.". */
const AUTHORS = 2;

export function RelatedPapers(props: { related: RelatedModel }) {
  const { papers, model, off } = props.related;
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related papers</h2>
      {papers.length === 0 ? (
        <p class="muted">
          {off
            ? 'Related papers are turned off on this server.'
            : model === null
              ? 'Related papers appear once papers have been embedded (paperboy embed).'
              : 'This paper has not been embedded yet; related papers appear once it has.'}
        </p>
      ) : (
        <ol class="related-list">
          {papers.map(({ card, similarity }) => (
            <li class="related-card">
              <a href={paperPath(card.arxivId)}>{card.title}</a>
              <span class="muted">
                {card.authors
                  .slice(0, AUTHORS)
                  .map((a) => a.name)
                  .join(', ')}
                {card.authors.length > AUTHORS ? ' et al.' : ''}
                {card.publishedAt ? ` · ${card.publishedAt.slice(0, 4)}` : ''}
              </span>
              <span class="similarity" title="Cosine similarity of the two papers' embeddings">
                {`similarity ${similarity.toFixed(2)}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
