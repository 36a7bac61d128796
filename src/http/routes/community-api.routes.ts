// The authenticated API: upvote, comment, submit, and who am I. Callers authenticate with
// `Authorization: Bearer pb_...` (a personal token; write scope for anything that changes data) or a
// browser session plus the X-CSRF-Token header. Errors are JSON naming the problem: 401, 403, 429.
// Registered before api.routes.ts, whose GET /api/papers/:id{.+} would otherwise take the suffixes.
import { type Context, Hono } from 'hono';
import type { AppContext } from '../../app.js';
import type { Actor } from '../../services/actor.js';
import type { CommentNode } from '../../services/comments.service.js';
import { ForbiddenError } from '../../services/errors.js';
import { requireActor, viewerOf } from '../auth/viewer.js';
import { apiCommentBody, apiSubmitBody } from './community.schemas.js';
import { paperIdParam } from './community.routes.js';
import { parseJson } from './forms.js';

/** A token must have write scope to change anything. */
function writer(c: Context): Actor {
  const actor = requireActor(c);
  if (actor.via === 'token' && viewerOf(c).scope !== 'write')
    throw new ForbiddenError('this token has read scope; create a write token to change data');
  return actor;
}

function commentJson(n: CommentNode): unknown {
  return {
    id: n.id,
    parentId: n.parentId,
    author: n.author ? { handle: n.author.handle, name: n.author.displayName } : null,
    state: n.state,
    html: n.html,
    createdAt: n.createdAt,
    editedAt: n.editedAt,
    replies: n.children.map(commentJson),
  };
}

export function communityApiRoutes(ctx: AppContext): Hono {
  const s = ctx.services;
  const api = new Hono();

  api.get('/api/me', (c) => {
    const actor = requireActor(c);
    const u = actor.user;
    return c.json({ handle: u.handle, name: u.displayName, role: u.role, scope: viewerOf(c).scope });
  });

  api.post('/api/papers/:id{.+}/upvote', async (c) => {
    const actor = writer(c);
    return c.json(await s.votes.upvote(actor, paperIdParam(c.req.param('id'))));
  });

  api.delete('/api/papers/:id{.+}/upvote', async (c) => {
    const actor = writer(c);
    return c.json(await s.votes.unvote(actor, paperIdParam(c.req.param('id'))));
  });

  api.get('/api/papers/:id{.+}/comments', async (c) => {
    const thread = await s.comments.listThread(paperIdParam(c.req.param('id')));
    return c.json(thread.map(commentJson));
  });

  api.post('/api/papers/:id{.+}/comments', async (c) => {
    const actor = writer(c);
    const body = parseJson(c, apiCommentBody);
    const posted = await s.comments.post(
      actor,
      paperIdParam(c.req.param('id')),
      body.body,
      body.parentId ?? null,
    );
    return c.json(posted, 201);
  });

  // Members submit to today's feed; curators may name a day (CurationService.feature, as the CLI).
  api.post('/api/daily_papers', async (c) => {
    const actor = writer(c);
    const body = parseJson(c, apiSubmitBody);
    const result = await s.submissions.submit(actor, body.id, {
      day: body.date ?? null,
      comment: body.comment ?? null,
    });
    return c.json(result, result.added ? 201 : 200);
  });

  return api;
}
