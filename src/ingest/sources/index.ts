// Builds the upstream sources from the config: one polite HTTP client per upstream service, each
// source on its client. arXiv's API and OAI-PMH share one, so together they keep to one request at a
// time, 3 s apart, as arXiv asks of all its APIs, although they live on two hosts. With `shared`
// pacing (the database), that spacing holds across every process using it too.
import type { Config } from '../../config.js';
import type { Logger } from '../../lib/logger.js';
import { paperboyVersion } from '../../lib/version.js';
import { PoliteHttpClient, paperboyUserAgent, type SharedPacing } from '../fetch/http-client.js';
import { ArxivApiSource } from './arxiv-api.source.js';
import { ArxivOaiSource } from './arxiv-oai.source.js';
import { HfDailySource } from './hf-daily.source.js';

export interface IngestSources {
  arxivApi: ArxivApiSource;
  arxivOai: ArxivOaiSource;
  hfDaily: HfDailySource;
  /** Hugging Face's client, for the pictures its CDN holds (services/media.service.ts): one service, one spacing. */
  hfHttp: PoliteHttpClient;
}

export function createIngestSources(config: Config, log: Logger, shared?: SharedPacing): IngestSources {
  const common = {
    shared,
    userAgent: paperboyUserAgent(paperboyVersion(), config.baseUrl, config.contactEmail),
    timeoutMs: config.httpTimeoutSeconds * 1000,
    maxRetries: config.httpMaxRetries,
    backoffMs: config.httpBackoffSeconds * 1000,
    maxWaitMs: config.httpMaxWaitSeconds * 1000,
    log,
  };
  const arxiv = new PoliteHttpClient({
    ...common,
    name: 'arxiv',
    minIntervalMs: config.arxivMinIntervalSeconds * 1000,
  });
  const hf = new PoliteHttpClient({
    ...common,
    name: 'hf',
    minIntervalMs: config.hfMinIntervalSeconds * 1000,
  });
  return {
    arxivApi: new ArxivApiSource({ http: arxiv, baseUrl: config.arxivApiUrl }),
    arxivOai: new ArxivOaiSource({ http: arxiv, baseUrl: config.arxivOaiUrl }),
    hfDaily: new HfDailySource({ http: hf, baseUrl: config.hfApiUrl }),
    hfHttp: hf,
  };
}
