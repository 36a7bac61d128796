// arXiv's OAI-PMH interface: an incremental harvest of one set (cs, physics:hep-th...) between two
// days, in metadataPrefix=arXivRaw: unlike the arXiv format, it lists every version of a paper with
// its submission time, so a new version that arrives through the harvest extends the paper's history
// without another request to the arXiv API. The first request names the set and days; each following
// one names only the resumption token the previous page ended with. An empty token ends the list,
// and noRecordsMatch (nothing changed in those days) is one empty, final page.
import { normalizeOaiResponse } from '../normalize/oai-pmh.normalize.js';
import { type OaiResponse, parseOaiPmh } from '../parse/oai-pmh.parse.js';
import { MalformedFileError } from '../errors.js';
import type { PoliteHttpClient } from '../fetch/http-client.js';
import { explainRefusal, type PageStream, parseResponse, type SourcePage } from './source.js';

/** The metadata format harvests ask for (see the top of this file). */
export const OAI_METADATA_PREFIX = 'arXivRaw';

export interface OaiListRequest {
  set: string;
  /** First datestamp day, inclusive. */
  from: string | null;
  /** Last datestamp day, inclusive. */
  until: string | null;
}

export interface OaiPage extends SourcePage {
  /** Where the list continues; null on its last page. */
  resumptionToken: string | null;
  /** The server's clock when it answered (ISO), for the next harvest's `from`. */
  responseDate: string | null;
}

/** The server no longer knows the token (they expire): the harvest has to start over. */
export class ResumptionTokenRejectedError extends Error {
  override readonly name = 'ResumptionTokenRejectedError';
}

export class ArxivOaiSource {
  constructor(private readonly options: { http: PoliteHttpClient; baseUrl: string }) {}

  /** The pages of a ListRecords harvest, from its start or from a resumption token. */
  async *listRecords(request: OaiListRequest, resumptionToken: string | null = null): PageStream<OaiPage> {
    let token = resumptionToken;
    for (;;) {
      const params: Record<string, string> =
        token !== null
          ? { verb: 'ListRecords', resumptionToken: token }
          : {
              verb: 'ListRecords',
              metadataPrefix: OAI_METADATA_PREFIX,
              set: request.set,
              ...(request.from !== null ? { from: request.from } : {}),
              ...(request.until !== null ? { until: request.until } : {}),
            };
      const url = `${this.options.baseUrl}?${new URLSearchParams(params).toString()}`;
      const response = await this.fetchResponse(url, token);
      const items = normalizeOaiResponse(response);
      const next = response.resumptionToken;
      const before = next?.cursor ?? 0;
      const total = next?.completeListSize ?? null;
      const page: OaiPage = {
        label:
          items.length === 0
            ? `set ${request.set}: no records`
            : `records ${before + 1}-${before + items.length}${total !== null ? ` of ${total}` : ''}`,
        url,
        items,
        progress: { done: before + items.length, total: total ?? before + items.length },
        resumptionToken: next?.token ?? null,
        responseDate: response.responseDate,
      };
      yield page;
      if (page.resumptionToken === null) return;
      token = page.resumptionToken;
    }
  }

  private async fetchResponse(url: string, token: string | null): Promise<OaiResponse> {
    try {
      let body: string;
      try {
        body = (await this.options.http.getText(url, 'text/xml')).body;
      } catch (err) {
        explainRefusal(err, parseOaiPmh);
      }
      return parseResponse(url, body, parseOaiPmh);
    } catch (err) {
      if (
        token !== null &&
        err instanceof MalformedFileError &&
        err.upstreamMessage?.startsWith('badResumptionToken')
      ) {
        throw new ResumptionTokenRejectedError(`OAI-PMH server no longer knows resumption token ${token}`, {
          cause: err,
        });
      }
      throw err;
    }
  }
}
