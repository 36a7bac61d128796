// The community's pages and forms: upvotes, comments, flags, submissions, profiles, settings, and the
// curators' controls on paper pages. Each handler: the viewer (requireActor), a zod-parsed form, one
// service call, then a redirect (303) or a page. CSRF is checked before any of them (middleware/csrf.ts).
import { Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { parseArxivId } from '../../domain/arxiv-id.js';
import { dayOf } from '../../domain/days.js';
import { InvalidInputError } from '../../services/errors.js';
import { requireActor, viewerOf } from '../auth/viewer.js';
import { ProfilePage } from '../views/pages/profile.page.js';
import { SettingsPage } from '../views/pages/settings.page.js';
import { SubmitPage } from '../views/pages/submit.page.js';
import { renderPage } from '../views/render.js';
import { paperPath } from '../views/urls.js';
import {
  commentForm,
  dayForm,
  editCommentForm,
  flagForm,
  paperEditForm,
  passwordForm,
  profileForm,
  removePasswordForm,
  signOutEverywhereForm,
  submitForm,
  tokenForm,
  voteForm,
} from './community.schemas.js';
import { formText, parseForm, safeNext, wantsJson } from './forms.js';
import { type SubmitFailure, submitFailure } from './submit-failure.js';
import { recordIdParam } from './record-ids.js';

/** `:id{.+}` holds old-style ids with a slash; the suffix routes below are matched before the page. */
export function paperIdParam(raw: string): string {
  const id = parseArxivId(raw);
  if (!id) throw new InvalidInputError('id', `"${raw}" is not an arXiv id like 2406.12345`);
  return id.id;
}

export function communityRoutes(ctx: AppContext): Hono {
  const { config } = ctx;
  const s = ctx.services;
  const app = new Hono();

  app.post('/papers/:id{.+}/upvote', async (c) => {
    const actor = requireActor(c);
    const id = paperIdParam(c.req.param('id'));
    const form = parseForm(c, voteForm);
    const result = form.vote === '1' ? await s.votes.upvote(actor, id) : await s.votes.unvote(actor, id);
    if (wantsJson(c)) return c.json(result);
    return c.redirect(safeNext(form.next, paperPath(id)), 303);
  });

  app.post('/papers/:id{.+}/comments', async (c) => {
    const actor = requireActor(c);
    const id = paperIdParam(c.req.param('id'));
    const form = parseForm(c, commentForm);
    const posted = await s.comments.post(actor, id, form.body, form.parent_id);
    return c.redirect(`${paperPath(posted.arxivId)}#comment-${posted.id}`, 303);
  });

  app.post('/papers/:id{.+}/flag', async (c) => {
    const actor = requireActor(c);
    const id = paperIdParam(c.req.param('id'));
    const form = parseForm(c, flagForm);
    const paper = await s.papers.getPaper(id);
    await s.comments.flag(actor, 'paper', paper.paperId, form.reason);
    return c.redirect(`${paperPath(id)}?flagged=1`, 303);
  });

  app.post('/comments/:id{[0-9]+}/edit', async (c) => {
    const actor = requireActor(c);
    const id = recordIdParam(c);
    const form = parseForm(c, editCommentForm);
    const { arxivId } = await s.comments.edit(actor, id, form.body);
    return c.redirect(`${paperPath(arxivId)}#comment-${id}`, 303);
  });

  app.post('/comments/:id{[0-9]+}/delete', async (c) => {
    const actor = requireActor(c);
    const id = recordIdParam(c);
    const { arxivId } = await s.comments.delete(actor, id);
    return c.redirect(`${paperPath(arxivId)}#comment-${id}`, 303);
  });

  app.post('/comments/:id{[0-9]+}/flag', async (c) => {
    const actor = requireActor(c);
    const id = recordIdParam(c);
    const form = parseForm(c, flagForm);
    const { arxivId } = await s.comments.flag(actor, 'comment', id, form.reason);
    return c.redirect(`${paperPath(arxivId)}?flagged=1#comment-${id}`, 303);
  });

  app.get('/submit', (c) => {
    const actor = requireActor(c);
    return renderPage(c, <SubmitPage config={config} user={actor.user} today={dayOf(ctx.clock.now())} />);
  });

  // A submission that fails comes back to the form, with what was typed and why (pages/submit.page.tsx).
  app.post('/submit', async (c) => {
    const actor = requireActor(c);
    const typed = (name: string) => formText(c, name);
    const again = (failure: SubmitFailure) => {
      if (failure.retryAfterSeconds !== null) c.header('Retry-After', String(failure.retryAfterSeconds));
      const form = { id: typed('id'), comment: typed('comment'), day: typed('day') || null, error: failure };
      const page = (
        <SubmitPage config={config} user={actor.user} today={dayOf(ctx.clock.now())} form={form} />
      );
      return renderPage(c, page, failure.status);
    };
    try {
      const form = parseForm(c, submitForm);
      const result = await s.submissions.submit(actor, form.id, {
        day: form.day,
        comment: form.comment ?? null,
      });
      return c.redirect(paperPath(result.arxivId), 303);
    } catch (err) {
      const failure = submitFailure(err);
      if (failure) return again(failure);
      throw err;
    }
  });

  app.get('/users/:handle', async (c) => {
    const profile = await s.accounts.getProfile(c.req.param('handle'));
    const viewer = viewerOf(c);
    await s.votes.markVoted(viewer.user?.id ?? null, [...profile.submissions, ...profile.upvoted]);
    return renderPage(c, <ProfilePage config={config} profile={profile} />);
  });

  // Settings: every form posts back here and the page shows what changed.
  const settingsPage = async (
    c: Parameters<typeof requireActor>[0],
    notice: string | null,
    newToken: { token: string; name: string } | null = null,
  ) => {
    const actor = requireActor(c);
    const [tokens, passwordResetUntil] = await Promise.all([
      s.apiTokens.list(actor.user.id),
      s.auth.passwordResetUntil(actor, viewerOf(c).sessionHash),
    ]);
    return renderPage(
      c,
      <SettingsPage
        config={config}
        user={actor.user}
        tokens={tokens}
        newToken={newToken}
        notice={notice}
        passwordResetUntil={passwordResetUntil}
      />,
    );
  };

  const SAVED: Record<string, string> = {
    profile: 'Profile saved.',
    password: 'Password saved; your other sessions were signed out.',
    'password-removed':
      'Password removed: you sign in with an emailed link; your other sessions were signed out.',
    token: 'Token revoked.',
  };
  app.get('/settings', (c) => settingsPage(c, SAVED[c.req.query('saved') ?? ''] ?? null));

  app.post('/settings/profile', async (c) => {
    const actor = requireActor(c);
    const form = parseForm(c, profileForm);
    await s.accounts.updateProfile(actor, form.display_name, form.handle);
    return c.redirect('/settings?saved=profile', 303);
  });

  app.post('/settings/password', async (c) => {
    const actor = requireActor(c);
    const form = parseForm(c, passwordForm);
    await s.auth.setPassword(actor, form.current_password, form.new_password, viewerOf(c).sessionHash);
    return c.redirect('/settings?saved=password', 303);
  });

  app.post('/settings/password/remove', async (c) => {
    const actor = requireActor(c);
    const form = parseForm(c, removePasswordForm);
    await s.auth.removePassword(actor, form.current_password, viewerOf(c).sessionHash);
    return c.redirect('/settings?saved=password-removed', 303);
  });

  app.post('/settings/tokens', async (c) => {
    const actor = requireActor(c);
    const form = parseForm(c, tokenForm);
    const created = await s.apiTokens.create(actor, form.name, form.scope);
    return settingsPage(c, null, { token: created.token, name: created.info.name });
  });

  // The page a new token is shown on answers the form's POST; reloading its address (a GET) goes
  // back to the settings, since the token itself is shown only once.
  app.get('/settings/tokens', (c) => {
    requireActor(c);
    return c.redirect('/settings#tokens-heading', 303);
  });

  app.post('/settings/tokens/:id{[0-9]+}/revoke', async (c) => {
    const actor = requireActor(c);
    await s.apiTokens.revoke(actor, recordIdParam(c));
    return c.redirect('/settings?saved=token', 303);
  });

  app.post('/settings/signout-everywhere', async (c) => {
    const actor = requireActor(c);
    const form = parseForm(c, signOutEverywhereForm);
    await s.auth.signOutEverywhere(actor, {
      sessionHash: viewerOf(c).sessionHash,
      removePassword: form.remove_password,
      revokeTokens: form.revoke_tokens,
    });
    return c.redirect('/', 303);
  });

  // Curators, on a paper page.
  app.post('/papers/:id{.+}/feature', async (c) => {
    const actor = requireActor(c);
    const id = paperIdParam(c.req.param('id'));
    const form = parseForm(c, dayForm);
    await s.moderation.feature(actor, id, form.day);
    return c.redirect(paperPath(id), 303);
  });

  app.post('/papers/:id{.+}/unfeature', async (c) => {
    const actor = requireActor(c);
    const id = paperIdParam(c.req.param('id'));
    const form = parseForm(c, dayForm);
    await s.moderation.unfeature(actor, id, form.day);
    return c.redirect(paperPath(id), 303);
  });

  app.post('/papers/:id{.+}/edit', async (c) => {
    const actor = requireActor(c);
    const id = paperIdParam(c.req.param('id'));
    const form = parseForm(c, paperEditForm);
    await s.moderation.editPaper(actor, id, {
      titleOverride: form.title_override,
      githubRepo: form.github_repo,
      projectPage: form.project_page,
    });
    return c.redirect(paperPath(id), 303);
  });

  return app;
}
