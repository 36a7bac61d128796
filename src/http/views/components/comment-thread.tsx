// A paper's comments as nested lists, with reply, edit, delete and flag forms for signed-in users and
// hide/unhide for admins. Comment bodies are markdown-it's output, rendered with raw HTML off when
// the comment was written (services/markdown.ts): the one place a page inserts stored HTML.
import { raw } from 'hono/html';
import { useContext } from 'hono/jsx';
import { hasRole } from '../../../services/actor.js';
import type { CommentNode } from '../../../services/comments.service.js';
import { ViewerContext } from '../../auth/viewer.js';
import { DateLabel } from './date-label.js';
import { CsrfField } from './csrf-field.js';
import { hfPaperUrl, withQuery } from '../urls.js';

export interface CommentThreadProps {
  arxivId: string;
  paperPath: string;
  comments: CommentNode[];
  /** Comments mirrored from Hugging Face: counted there, not shown here. */
  mirrored?: number;
  /** The clock, for the edit window. */
  now: string;
}

export function CommentThread(props: CommentThreadProps) {
  const viewer = useContext(ViewerContext);
  return (
    <section class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Discussion</h2>
      {viewer.user ? (
        <CommentForm action={`${props.paperPath}/comments`} label="Add a comment" id="new-comment" />
      ) : (
        <p>
          <a href={withQuery('/signin', { next: `${props.paperPath}#comments-heading` })}>Sign in</a> to
          comment.
        </p>
      )}
      {props.comments.length === 0 ? (
        <p class="muted">
          No comments here yet.
          {props.mirrored ? (
            <>
              {' '}
              <a href={hfPaperUrl(props.arxivId)} rel="noopener">
                {`${props.mirrored} on Hugging Face`}
              </a>
              .
            </>
          ) : null}
        </p>
      ) : (
        <ol class="comment-list">
          {props.comments.map((node) => (
            <Comment node={node} {...props} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Comment(props: CommentThreadProps & { node: CommentNode }) {
  const viewer = useContext(ViewerContext);
  const { node } = props;
  const user = viewer.user;
  const own = user !== null && user.id === node.userId;
  const admin = user !== null && hasRole(user, 'admin');
  const editable = own && node.state === 'visible' && props.now <= node.editableUntil;
  return (
    <li class="comment" id={`comment-${node.id}`}>
      <div class="comment-head">
        {node.author ? (
          <a class="comment-author" href={`/users/${node.author.handle}`}>
            {node.author.displayName}
          </a>
        ) : (
          <span class="comment-author muted">[deleted]</span>
        )}{' '}
        <span class="muted">
          <DateLabel iso={node.createdAt} />
          {node.editedAt ? ' (edited)' : ''}
        </span>
      </div>
      {node.state === 'visible' ? (
        <div class="comment-body">{raw(node.html)}</div>
      ) : node.state === 'hidden' ? (
        <div class="comment-body muted">
          <p>[hidden by a moderator]</p>
          {admin ? <div class="comment-hidden-text">{raw(node.hiddenHtml)}</div> : null}
        </div>
      ) : (
        <div class="comment-body muted">
          <p>[deleted]</p>
        </div>
      )}
      {user && node.state === 'visible' ? (
        <div class="comment-actions">
          <details>
            <summary>Reply</summary>
            <CommentForm
              action={`${props.paperPath}/comments`}
              label={`Reply to ${node.author?.displayName ?? 'this comment'}`}
              id={`reply-${node.id}`}
              parentId={node.id}
            />
          </details>
          {editable ? (
            <details>
              <summary>Edit</summary>
              <form method="post" action={`/comments/${node.id}/edit`} class="comment-form">
                <CsrfField />
                <label for={`edit-${node.id}`}>Edit your comment</label>
                <textarea id={`edit-${node.id}`} name="body" rows={4} required maxlength={5000}>
                  {node.source}
                </textarea>
                <button type="submit">Save</button>
              </form>
            </details>
          ) : null}
          {own ? (
            <form method="post" action={`/comments/${node.id}/delete`} class="inline-form">
              <CsrfField />
              <button type="submit" class="link-button">
                Delete
              </button>
            </form>
          ) : null}
          {!own ? (
            <details>
              <summary>Flag</summary>
              <FlagForm action={`/comments/${node.id}/flag`} id={`flag-${node.id}`} />
            </details>
          ) : null}
          {admin ? <HideForm id={node.id} hide /> : null}
        </div>
      ) : null}
      {admin && node.state === 'hidden' ? <HideForm id={node.id} hide={false} /> : null}
      {node.children.length > 0 ? (
        <ol class="comment-list">
          {node.children.map((child) => (
            <Comment {...props} node={child} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function CommentForm(props: { action: string; label: string; id: string; parentId?: number }) {
  return (
    <form method="post" action={props.action} class="comment-form">
      <CsrfField />
      {props.parentId !== undefined ? (
        <input type="hidden" name="parent_id" value={String(props.parentId)} />
      ) : null}
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name="body" rows={4} required maxlength={5000}></textarea>
      <p class="muted form-hint">Markdown: *emphasis*, `code`, links. Mention someone with @handle.</p>
      <button type="submit">Post</button>
    </form>
  );
}

export function FlagForm(props: { action: string; id: string }) {
  return (
    <form method="post" action={props.action} class="flag-form">
      <CsrfField />
      <label for={props.id}>Why should a moderator look at this?</label>
      <input id={props.id} name="reason" type="text" required minlength={3} maxlength={500} />
      <button type="submit">Flag</button>
    </form>
  );
}

function HideForm(props: { id: number; hide: boolean }) {
  return (
    <form
      method="post"
      action={`/mod/comments/${props.id}/${props.hide ? 'hide' : 'unhide'}`}
      class="inline-form"
    >
      <CsrfField />
      <button type="submit" class="link-button">
        {props.hide ? 'Hide (admin)' : 'Unhide (admin)'}
      </button>
    </form>
  );
}
