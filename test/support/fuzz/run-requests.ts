// Sends fuzz requests to a server over loopback, a few at a time, and tallies what came back: every
// status, 5xx answers, resets, connections closed without an answer, hangs past the timeout, and
// requests that could write yet were not refused. Latencies give the p50, p99 and maximum.
import { rawRequest, type RawOutcome } from '../raw-http.js';
import type { FuzzRequest } from './request-fuzzer.js';

export interface RequestTally {
  requests: number;
  statuses: Record<string, number>;
  serverErrors: number;
  resets: number;
  closedWithoutAnswer: number;
  hangs: number;
  notRefused: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The first failures of each kind, with what was sent. */
  failures: string[];
}

export async function runRequests(
  requests: Iterable<FuzzRequest>,
  options: { port: number; concurrency?: number; timeoutMs?: number; onProgress?: (done: number) => void },
): Promise<RequestTally> {
  const { port, concurrency = 4, timeoutMs = 2000 } = options;
  const tally: RequestTally = {
    requests: 0,
    statuses: {},
    serverErrors: 0,
    resets: 0,
    closedWithoutAnswer: 0,
    hangs: 0,
    notRefused: 0,
    p50Ms: 0,
    p99Ms: 0,
    maxMs: 0,
    failures: [],
  };
  const latencies: number[] = [];
  const fail = (what: string, r: FuzzRequest, outcome: RawOutcome) => {
    if (tally.failures.length < 50) tally.failures.push(`${what}: ${r.label} -> ${describe(outcome)}`);
  };
  const iterator = requests[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const r = next.value;
      const outcome = await rawRequest(r.parts, { port, timeoutMs, halfClose: r.halfClose });
      tally.requests++;
      latencies.push(outcome.ms);
      if (outcome.kind === 'answer') {
        tally.statuses[outcome.status] = (tally.statuses[outcome.status] ?? 0) + 1;
        if (outcome.status >= 500) {
          tally.serverErrors++;
          fail('5xx', r, outcome);
        } else if (r.mustRefuse && outcome.status < 400) {
          tally.notRefused++;
          fail('not refused', r, outcome);
        }
      } else if (outcome.kind === 'reset') {
        tally.resets++;
        fail('reset', r, outcome);
      } else if (outcome.kind === 'closed') {
        tally.closedWithoutAnswer++;
        fail('closed without an answer', r, outcome);
      } else {
        tally.hangs++;
        fail('hang', r, outcome);
      }
      if (tally.requests % 500 === 0) options.onProgress?.(tally.requests);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  tally.p50Ms = at(0.5);
  tally.p99Ms = at(0.99);
  tally.maxMs = latencies.at(-1) ?? 0;
  return tally;
}

function describe(o: RawOutcome): string {
  if (o.kind === 'answer') return `${o.status} ${o.body.toString('utf8', 0, 200).replace(/\s+/g, ' ')}`;
  if (o.kind === 'reset')
    return `reset (${o.code}) after ${o.ms} ms${o.status ? `, status ${o.status} read` : ''}`;
  return `${o.kind} after ${o.ms} ms`;
}
