// What curators and admins do, each action written to the moderation log in the same transaction.
// Curators: feature or unfeature a paper for a day, edit its code and project links and its title.
// Admins: hide and unhide comments, ban and unban users (a ban ends their sessions), review flags.
import type { Role } from '../db/community-schema.js';
import type { Db } from '../db/database.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import { isDay } from '../domain/days.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { ModerationEntry, ModerationLogWithActor } from '../stores/moderation-log.store.js';
import type { FlagWithReporter } from '../stores/flags.store.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import type { CurationService } from './curation.service.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.js';

export interface PaperEdits {
  titleOverride: string | null;
  githubRepo: string | null;
  projectPage: string | null;
}

export interface OpenFlag extends FlagWithReporter {
  /** What the flag points at, for the admin's list. */
  target: { arxivId: string; title: string; commentHtml: string | null; commentState: string | null } | null;
}

export class ModerationService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly curation: CurationService,
  ) {}

  async feature(actor: Actor, arxivId: string, day: string): Promise<{ added: boolean }> {
    assertCanAct(actor, 'curator');
    if (!isDay(day)) throw new InvalidInputError('day', `"${day}" is not a day like 2026-08-21`);
    const r = await this.curation.feature(arxivId, { day, submitter: actor.user.handle });
    const paper = await this.stores.papers.findByArxivId(r.arxivId);
    if (paper) await this.stores.submissions.setSubmitter(day, paper.id, actor.user.id);
    await this.record({
      actorId: actor.user.id,
      action: 'feature',
      targetType: 'paper',
      targetId: r.arxivId,
      detail: day,
    });
    return { added: r.added };
  }

  async unfeature(actor: Actor, arxivId: string, day: string): Promise<void> {
    assertCanAct(actor, 'curator');
    const paper = await this.findPaper(arxivId);
    await inTransaction(this.db, async (stores) => {
      if (!(await stores.submissions.deleteEntry(day, paper.id)))
        throw new NotFoundError(`${paper.arxiv_id} is not on the feed of ${day}`);
      await stores.moderationLog.insert(
        {
          actorId: actor.user.id,
          action: 'unfeature',
          targetType: 'paper',
          targetId: paper.arxiv_id,
          detail: day,
        },
        this.now(),
      );
    });
  }

  /** Null clears a field (back to the upstream value). Links must be http(s). */
  async editPaper(actor: Actor, arxivId: string, edits: PaperEdits): Promise<void> {
    assertCanAct(actor, 'curator');
    const paper = await this.findPaper(arxivId);
    for (const [field, url] of [
      ['github_repo', edits.githubRepo],
      ['project_page', edits.projectPage],
    ] as const) {
      if (url !== null && !/^https?:\/\/[^\s]+$/i.test(url))
        throw new InvalidInputError(field, 'must be an http(s) URL');
    }
    // A title equal to the upstream one is no override (the form shows the current title).
    const title = edits.titleOverride?.trim() || null;
    edits = { ...edits, titleOverride: title === paper.title ? null : title };
    await inTransaction(this.db, async (stores) => {
      await stores.submissions.setOverrides(paper.id, edits);
      await stores.moderationLog.insert(
        {
          actorId: actor.user.id,
          action: 'edit-paper',
          targetType: 'paper',
          targetId: paper.arxiv_id,
          detail: JSON.stringify(edits),
        },
        this.now(),
      );
    });
  }

  async hideComment(actor: Actor, commentId: number, hidden: boolean): Promise<{ arxivId: string }> {
    assertCanAct(actor, 'admin');
    const comment = await this.stores.comments.findById(commentId);
    if (!comment) throw new NotFoundError(`no comment ${commentId}`);
    await inTransaction(this.db, async (stores) => {
      await stores.comments.lockPaper(comment.paper_id);
      await stores.comments.setHidden(commentId, hidden ? this.now() : null);
      await stores.comments.recount(comment.paper_id);
      await stores.moderationLog.insert(
        {
          actorId: actor.user.id,
          action: hidden ? 'hide-comment' : 'unhide-comment',
          targetType: 'comment',
          targetId: String(commentId),
          detail: '',
        },
        this.now(),
      );
    });
    return { arxivId: (await this.stores.papers.findById(comment.paper_id))?.arxiv_id ?? '' };
  }

  /** A ban ends the user's sessions; their tokens stop working while banned. */
  async ban(actor: Actor | null, handle: string, reason: string, banned: boolean): Promise<void> {
    if (actor) assertCanAct(actor, 'admin');
    const user = await this.stores.users.findByHandle(handle.toLowerCase());
    if (!user) throw new NotFoundError(`no user @${handle}`);
    if (actor && user.id === actor.user.id) throw new ForbiddenError('you cannot ban yourself');
    if (banned && user.role === 'admin' && actor)
      throw new ForbiddenError('an admin cannot be banned; change the role first');
    await inTransaction(this.db, async (stores) => {
      await stores.users.setBanned(
        user.id,
        banned ? this.now() : null,
        banned ? reason.trim() || null : null,
        this.now(),
      );
      if (banned) await stores.sessions.deleteForUser(user.id);
      await stores.moderationLog.insert(
        {
          actorId: actor?.user.id ?? null,
          action: banned ? 'ban' : 'unban',
          targetType: 'user',
          targetId: user.handle,
          detail: reason.trim(),
        },
        this.now(),
      );
    });
    this.log.info({ user_id: user.id, banned }, banned ? 'user banned' : 'user unbanned');
  }

  /** Operator's command (the CLI): no actor; logged with no actor. */
  async setRole(handleOrEmail: string, role: Role): Promise<void> {
    const key = handleOrEmail.toLowerCase();
    const user = key.includes('@')
      ? await this.stores.users.findByEmail(key)
      : await this.stores.users.findByHandle(key);
    if (!user) throw new NotFoundError(`no user ${handleOrEmail}`);
    await inTransaction(this.db, async (stores) => {
      await stores.users.setRole(user.id, role, this.now());
      await stores.moderationLog.insert(
        { actorId: null, action: 'set-role', targetType: 'user', targetId: user.handle, detail: role },
        this.now(),
      );
    });
  }

  async listFlags(actor: Actor, limit = 100): Promise<OpenFlag[]> {
    assertCanAct(actor, 'admin');
    const flags = await this.stores.flags.listOpen(limit);
    const comments = new Map(
      (
        await this.stores.comments.listByIds(
          flags.filter((f) => f.target_type === 'comment').map((f) => f.target_id),
        )
      ).map((c) => [c.id, c]),
    );
    const out: OpenFlag[] = [];
    for (const f of flags) {
      if (f.target_type === 'comment') {
        const c = comments.get(f.target_id);
        const state = c ? (c.deleted_at ? 'deleted' : c.hidden_at ? 'hidden' : 'visible') : null;
        out.push({
          ...f,
          target: c
            ? { arxivId: c.arxiv_id, title: c.title, commentHtml: c.body_html, commentState: state }
            : null,
        });
      } else {
        const p = await this.stores.papers.findById(f.target_id);
        out.push({
          ...f,
          target: p ? { arxivId: p.arxiv_id, title: p.title, commentHtml: null, commentState: null } : null,
        });
      }
    }
    return out;
  }

  async resolveFlag(actor: Actor, flagId: number): Promise<void> {
    assertCanAct(actor, 'admin');
    await inTransaction(this.db, async (stores) => {
      if (!(await stores.flags.resolve(flagId, actor.user.id, this.now())))
        throw new NotFoundError(`no open flag ${flagId}`);
      await stores.moderationLog.insert(
        {
          actorId: actor.user.id,
          action: 'resolve-flag',
          targetType: 'flag',
          targetId: String(flagId),
          detail: '',
        },
        this.now(),
      );
    });
  }

  async listLog(actor: Actor, limit = 100): Promise<ModerationLogWithActor[]> {
    assertCanAct(actor, 'curator');
    return this.stores.moderationLog.list(limit);
  }

  private async record(entry: ModerationEntry): Promise<void> {
    await this.stores.moderationLog.insert(entry, this.now());
  }

  private async findPaper(arxivId: string) {
    const id = parseArxivId(arxivId);
    if (!id) throw new InvalidInputError('id', `"${arxivId}" is not an arXiv id like 2406.12345`);
    const paper = await this.stores.papers.findByArxivId(id.id);
    if (!paper) throw new NotFoundError(`paper ${id.id} is not in this catalogue`);
    return paper;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
