// What a curator can change on a paper page: feature or unfeature it for a day, and correct its
// title and its code and project links (kept apart from upstream metadata, see migration 006).
import type { PaperDetail } from '../../../services/papers.service.js';
import { CsrfField } from './csrf-field.js';

export function CuratorControls(props: { paper: PaperDetail; path: string; today: string }) {
  const { paper, path } = props;
  return (
    <section class="curator-controls" aria-labelledby="curator-heading">
      <h2 id="curator-heading">Curator</h2>
      <form method="post" action={`${path}/feature`} class="stack-form">
        <CsrfField />
        <label for="feature-day">Feature on day</label>
        <input id="feature-day" name="day" type="date" value={props.today} required />
        <button type="submit">Feature</button>
      </form>
      {paper.featuredDays.map((f) => (
        <form method="post" action={`${path}/unfeature`} class="inline-form">
          <CsrfField />
          <input type="hidden" name="day" value={f.day} />
          <button type="submit" class="link-button">{`Unfeature from ${f.day}`}</button>
        </form>
      ))}
      <form method="post" action={`${path}/edit`} class="stack-form">
        <CsrfField />
        <label for="title-override">Title (empty or unchanged: the upstream title)</label>
        <input id="title-override" name="title_override" type="text" maxlength={500} value={paper.title} />
        <label for="github-repo">Code link</label>
        <input
          id="github-repo"
          name="github_repo"
          type="url"
          maxlength={500}
          value={paper.githubRepo ?? ''}
        />
        <label for="project-page">Project page</label>
        <input
          id="project-page"
          name="project_page"
          type="url"
          maxlength={500}
          value={paper.projectPage ?? ''}
        />
        <button type="submit">Save links</button>
      </form>
    </section>
  );
}
