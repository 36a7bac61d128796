// Comments on a paper: threaded, Markdown rendered once at write time by services/markdown.ts (raw HTML
// off, safe links), editable for PAPERBOY_COMMENT_EDIT_MINUTES, soft-deleted by their author so the
// thread keeps its shape, hidden by admins (moderation.service.ts). Users flag papers and comments.
import type { CommunityConfig } from '../config.js';
import type { FlagTarget } from '../db/community-schema.js';
import type { Db } from '../db/database.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import type { Clock } from '../lib/clock.js';
import type { CommentWithAuthor } from '../stores/comments.store.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from './errors.js';
import { mentionedHandles, renderComment } from './markdown.js';
import type { RateLimitService } from './rate-limit.service.js';

export const MAX_COMMENT_CHARS = 5000;
/** Replies nest this deep at most; a reply to a deeper comment joins its parent's level. */
const MAX_DEPTH = 8;

export type CommentState = 'visible' | 'deleted' | 'hidden';

export interface CommentNode {
  id: number;
  parentId: number | null;
  userId: number;
  /** Null once deleted (the author is no longer shown). */
  author: { handle: string; displayName: string } | null;
  state: CommentState;
  /** markdown-it's output; empty unless visible. Hidden ones carry it for admins only (hiddenHtml). */
  html: string;
  hiddenHtml: string;
  source: string;
  createdAt: string;
  editedAt: string | null;
  /** Until when the author may edit it. */
  editableUntil: string;
  children: CommentNode[];
}

export interface PostedComment {
  id: number;
  arxivId: string;
  parentId: number | null;
  html: string;
  createdAt: string;
  comments: number;
}

export class CommentsService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
    private readonly config: CommunityConfig,
  ) {}

  /** The thread of a paper, oldest first at each level. */
  async listThread(arxivId: string): Promise<CommentNode[]> {
    const paper = await this.findPaper(arxivId);
    return this.buildTree(await this.stores.comments.listForPaper(paper.id));
  }

  async post(
    actor: Actor,
    arxivId: string,
    body: string,
    parentId: number | null = null,
  ): Promise<PostedComment> {
    assertCanAct(actor);
    const source = cleanBody(body);
    await this.limits.check('comment', { ip: actor.ip, user: actor.user });
    const html = await this.render(source);
    const now = this.clock.now().toISOString();
    return inTransaction(this.db, async (stores) => {
      const paper = await this.findPaper(arxivId, stores);
      if (!(await stores.comments.lockPaper(paper.id))) throw new NotFoundError(`paper ${arxivId} is gone`);
      if (parentId !== null) {
        const parent = await stores.comments.findById(parentId);
        if (!parent || parent.paper_id !== paper.id)
          throw new InvalidInputError('parent_id', `comment ${parentId} is not on this paper`);
        if (parent.deleted_at || parent.hidden_at)
          throw new ConflictError('that comment was deleted; reply to the paper instead');
      }
      const row = await stores.comments.insert(
        { paperId: paper.id, userId: actor.user.id, parentId, source, html },
        now,
      );
      const comments = await stores.comments.recount(paper.id);
      return {
        id: row.id,
        arxivId: paper.arxiv_id,
        parentId,
        html,
        createdAt: row.created_at,
        comments: paper.hf_comments + comments,
      };
    });
  }

  async edit(actor: Actor, commentId: number, body: string): Promise<{ arxivId: string }> {
    assertCanAct(actor);
    const source = cleanBody(body);
    // Each edit re-renders Markdown and rewrites the row: limited like posting, on its own budget.
    await this.limits.check('edit', { ip: actor.ip, user: actor.user });
    const comment = await this.ownComment(actor, commentId);
    const now = this.clock.now();
    if (now.getTime() > Date.parse(this.editableUntil(comment.created_at)))
      throw new ForbiddenError(
        `comments can be edited for ${this.config.commentEditMinutes} minutes after posting`,
      );
    await this.stores.comments.updateBody(commentId, source, await this.render(source), now.toISOString());
    return { arxivId: await this.arxivIdOf(comment.paper_id) };
  }

  /** The author's soft delete: text and name go, the place in the thread stays. */
  async delete(actor: Actor, commentId: number): Promise<{ arxivId: string }> {
    assertCanAct(actor);
    const comment = await this.ownComment(actor, commentId);
    await inTransaction(this.db, async (stores) => {
      await stores.comments.lockPaper(comment.paper_id);
      await stores.comments.softDelete(commentId, this.clock.now().toISOString());
      await stores.comments.recount(comment.paper_id);
    });
    return { arxivId: await this.arxivIdOf(comment.paper_id) };
  }

  /** Reports a paper or a comment to the admins; flagging twice changes nothing. */
  /** Returns the arXiv id of the paper concerned, for the page to return to. */
  async flag(
    actor: Actor,
    targetType: FlagTarget,
    targetId: number,
    reason: string,
  ): Promise<{ arxivId: string }> {
    assertCanAct(actor);
    const text = reason.trim();
    if (text.length < 3 || text.length > 500)
      throw new InvalidInputError('reason', 'must be 3 to 500 characters');
    await this.limits.check('flag', { ip: actor.ip, user: actor.user });
    const paperId =
      targetType === 'paper' ? targetId : ((await this.stores.comments.findById(targetId))?.paper_id ?? null);
    const paper = paperId === null ? null : await this.stores.papers.findById(paperId);
    if (!paper) throw new NotFoundError(`no ${targetType} ${targetId}`);
    await this.stores.flags.insertIfAbsent(
      { userId: actor.user.id, targetType, targetId, reason: text },
      this.clock.now().toISOString(),
    );
    return { arxivId: paper.arxiv_id };
  }

  editableUntil(createdAt: string): string {
    return new Date(Date.parse(createdAt) + this.config.commentEditMinutes * 60_000).toISOString();
  }

  private async ownComment(actor: Actor, commentId: number) {
    const comment = await this.stores.comments.findById(commentId);
    if (!comment || comment.deleted_at) throw new NotFoundError(`no comment ${commentId}`);
    if (comment.user_id !== actor.user.id) throw new ForbiddenError('only its author may change a comment');
    if (comment.hidden_at) throw new ForbiddenError('a moderator hid this comment');
    return comment;
  }

  private async render(source: string): Promise<string> {
    const handles = await this.stores.users.listExistingHandles(mentionedHandles(source));
    return renderComment(source, new Set(handles));
  }

  private async findPaper(arxivId: string, stores: Stores = this.stores) {
    const id = parseArxivId(arxivId);
    if (!id) throw new InvalidInputError('id', `"${arxivId}" is not an arXiv id like 2406.12345`);
    const paper = await stores.papers.findByArxivId(id.id);
    if (!paper) throw new NotFoundError(`paper ${id.id} is not in this catalogue`);
    return paper;
  }

  private async arxivIdOf(paperId: number): Promise<string> {
    return (await this.stores.papers.findById(paperId))?.arxiv_id ?? '';
  }

  private buildTree(rows: CommentWithAuthor[]): CommentNode[] {
    const nodes = new Map<number, CommentNode & { depth: number }>();
    const roots: CommentNode[] = [];
    for (const r of rows) {
      const state: CommentState = r.deleted_at ? 'deleted' : r.hidden_at ? 'hidden' : 'visible';
      const node = {
        id: r.id,
        parentId: r.parent_id,
        userId: r.user_id,
        author: state === 'deleted' ? null : { handle: r.handle, displayName: r.display_name },
        state,
        html: state === 'visible' ? r.body_html : '',
        hiddenHtml: state === 'hidden' ? r.body_html : '',
        source: state === 'visible' ? r.body_source : '',
        createdAt: r.created_at,
        editedAt: r.edited_at,
        editableUntil: this.editableUntil(r.created_at),
        children: [],
        depth: 0,
      };
      let parent = r.parent_id !== null ? nodes.get(r.parent_id) : undefined;
      while (parent && parent.depth >= MAX_DEPTH) {
        parent = parent.parentId !== null ? nodes.get(parent.parentId) : undefined;
      }
      node.depth = parent ? parent.depth + 1 : 0;
      nodes.set(r.id, node);
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }
}

function cleanBody(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) throw new InvalidInputError('body', 'must not be empty');
  if (text.length > MAX_COMMENT_CHARS)
    throw new InvalidInputError('body', `must be at most ${MAX_COMMENT_CHARS} characters`);
  return text;
}
