// An author and their papers.
import type { Stores } from '../stores/index.js';
import { NotFoundError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';

export interface AuthorPage {
  name: string;
  slug: string;
  total: number;
  papers: PaperCard[];
}

export class AuthorsService {
  constructor(private readonly stores: Stores) {}

  async getAuthor(slug: string, limit: number, offset: number): Promise<AuthorPage> {
    const author = await this.stores.authors.findBySlug(slug);
    if (!author) throw new NotFoundError(`no author "${slug}" in this catalogue`);
    const [rows, total] = await Promise.all([
      this.stores.authors.listPapers(author.id, limit, offset),
      this.stores.authors.countPapers(author.id),
    ]);
    return { name: author.name, slug: author.slug, total, papers: rows.map((r) => toPaperCard(r)) };
  }
}
