// /mod/delivery for admins: subscription and outbox counts, paused and failing subscriptions, emails
// refused or given up. Roles are checked by the service (assertCanAct); handlers read and redirect.
import { Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { requireActor } from '../auth/viewer.js';
import { DeliveryAdminPage } from '../views/pages/delivery-admin.page.js';
import { renderPage } from '../views/render.js';
import { recordIdParam } from './record-ids.js';

const NOTICES: Record<string, string> = {
  resumed: 'Subscription resumed.',
  retried: 'Email queued again.',
};

export function deliveryAdminRoutes(ctx: AppContext): Hono {
  const { subscriptions } = ctx.services.delivery;
  const app = new Hono();

  app.get('/mod/delivery', async (c) => {
    const actor = requireActor(c);
    const status = await subscriptions.deliveryStatus(actor);
    const notice = NOTICES[c.req.query('done') ?? ''] ?? null;
    return renderPage(c, <DeliveryAdminPage config={ctx.config} status={status} notice={notice} />);
  });

  app.post('/mod/delivery/subscriptions/:id{[0-9]+}/resume', async (c) => {
    const actor = requireActor(c);
    await subscriptions.resumeByAdmin(actor, recordIdParam(c));
    return c.redirect('/mod/delivery?done=resumed', 303);
  });

  app.post('/mod/delivery/emails/:id{[0-9]+}/retry', async (c) => {
    const actor = requireActor(c);
    await subscriptions.retryEmail(actor, recordIdParam(c));
    return c.redirect('/mod/delivery?done=retried', 303);
  });

  return app;
}
