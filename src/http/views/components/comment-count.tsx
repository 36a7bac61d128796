// How many comments a paper has: ours (the discussion on its page) and, labelled apart, those
// mirrored from Hugging Face, which live there and are not shown here. One count that mixed them
// said "1 comment" above a discussion that said "No comments yet".
import { hfPaperUrl } from '../urls.js';
import { plural } from '../format.js';

export function CommentCount(props: {
  arxivId: string;
  local: number;
  mirrored: number;
  /** Link our count to the discussion on the paper page (cards) or the page's own section. */
  href?: string;
}) {
  return (
    <>
      {props.href ? (
        <a href={props.href}>{plural(props.local, 'comment')}</a>
      ) : (
        plural(props.local, 'comment')
      )}
      {props.mirrored > 0 ? (
        <>
          {' · '}
          <a class="muted" href={hfPaperUrl(props.arxivId)} rel="noopener">
            {`${props.mirrored} on Hugging Face`}
          </a>
        </>
      ) : null}
    </>
  );
}
