// /mod for curators and admins: flags, bans and the moderation log. Roles are checked by the services
// (assertCanAct); these handlers only read forms and redirect back.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { hasRole } from '../../services/actor.js';
import { ForbiddenError } from '../../services/errors.js';
import { requireActor } from '../auth/viewer.js';
import { ModPage } from '../views/pages/mod.page.js';
import { renderPage } from '../views/render.js';
import { paperPath } from '../views/urls.js';
import { banForm } from './community.schemas.js';
import { parseForm } from './forms.js';
import { recordIdParam } from './record-ids.js';

const banAction = banForm.extend({
  handle: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_]{2,30}$/, 'must be a handle'),
  action: z.enum(['ban', 'unban']),
});

export function modRoutes(ctx: AppContext): Hono {
  const { moderation } = ctx.services;
  const app = new Hono();

  app.get('/mod', async (c) => {
    const actor = requireActor(c);
    if (!hasRole(actor.user, 'curator')) throw new ForbiddenError('moderation is for curators and admins');
    const [flags, log] = await Promise.all([
      hasRole(actor.user, 'admin') ? moderation.listFlags(actor) : Promise.resolve(null),
      moderation.listLog(actor),
    ]);
    return renderPage(c, <ModPage config={ctx.config} user={actor.user} flags={flags} log={log} />);
  });

  for (const [verb, hidden] of [
    ['hide', true],
    ['unhide', false],
  ] as const) {
    app.post(`/mod/comments/:id{[0-9]+}/${verb}`, async (c) => {
      const actor = requireActor(c);
      const id = recordIdParam(c);
      const { arxivId } = await moderation.hideComment(actor, id, hidden);
      return c.redirect(`${paperPath(arxivId)}#comment-${id}`, 303);
    });
  }

  app.post('/mod/ban', async (c) => {
    const actor = requireActor(c);
    const form = parseForm(c, banAction);
    await moderation.ban(actor, form.handle, form.reason, form.action === 'ban');
    return c.redirect('/mod', 303);
  });

  app.post('/mod/flags/:id{[0-9]+}/resolve', async (c) => {
    const actor = requireActor(c);
    await moderation.resolveFlag(actor, recordIdParam(c));
    return c.redirect('/mod', 303);
  });

  return app;
}
