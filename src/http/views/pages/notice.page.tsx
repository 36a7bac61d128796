// A short message page after a form: "check your email", "signed out", a 401/429 explained.
import type { Child } from 'hono/jsx';
import type { Config } from '../../../config.js';
import { Layout } from '../layout.js';

export function NoticePage(props: { config: Config; title: string; children: Child }) {
  return (
    <Layout config={props.config} title={props.title} noindex>
      <div class="narrow notice-page">
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}
