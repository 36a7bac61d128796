// Hugging Face's daily papers, one day per request: `GET {base}/api/daily_papers?date=YYYY-MM-DD`.
// Each entry mirrors a paper (with its links, AI summary and upvotes) and its place on that day's feed.
import { normalizeHfDailyItem } from '../normalize/hf-daily.normalize.js';
import { parseHfDailyDocument } from '../parse/hf-daily.parse.js';
import { parseJsonDocument } from '../parse/json-document.js';
import type { PoliteHttpClient } from '../fetch/http-client.js';
import { type PageStream, parseResponse } from './source.js';

export class HfDailySource {
  constructor(private readonly options: { http: PoliteHttpClient; baseUrl: string }) {}

  /**
   * One page per day, in the order given. `snapshotOn` is the day the counts are fetched (today),
   * so a mirror taken now outranks an older saved snapshot of the same day.
   */
  async *days(days: readonly string[], snapshotOn: string): PageStream {
    for (const [i, day] of days.entries()) {
      const url = `${this.options.baseUrl}/api/daily_papers?${new URLSearchParams({ date: day }).toString()}`;
      const { body } = await this.options.http.getText(url, 'application/json');
      const doc = parseResponse(url, body, (text) => parseHfDailyDocument(parseJsonDocument(text)));
      const items = doc.entries.map((entry) => {
        const item = normalizeHfDailyItem(entry, { fileDay: day });
        return item.kind === 'record'
          ? { ...item, paper: { ...item.paper, hfSnapshotOn: snapshotOn } }
          : item;
      });
      yield { label: day, url, items, progress: { done: i + 1, total: days.length } };
    }
  }
}
