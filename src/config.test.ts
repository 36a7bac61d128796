import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema, ConfigError, loadConfig } from './config.js';

/** The message loadConfig gives for one setting set to `value`. */
function refusal(name: string, value: string): string {
  try {
    loadConfig({ [name]: value });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    const line = err.message.split('\n').find((l) => l.trim().startsWith(`${name}:`));
    assert.ok(line, err.message);
    return line.trim().slice(name.length + 2);
  }
  assert.fail(`${name}=${value} was accepted`);
}

/** Settings whose schema is a number: zod reports "abc" as not a number. */
const numericSettings = Object.entries(configSchema.shape)
  .filter(([, field]) => {
    const result = field.safeParse('abc');
    return (
      !result.success && result.error.issues.some((i) => i.code === 'invalid_type' && i.expected === 'number')
    );
  })
  .map(([name]) => name);

test('a port that is not a whole number from 0 to 65535 says so', () => {
  for (const value of ['abc', '3000.5', '-1', '65536', 'Infinity', '3s'])
    assert.equal(refusal('PAPERBOY_PORT', value), 'must be a whole number from 0 to 65535', value);
  assert.equal(loadConfig({ PAPERBOY_PORT: '8080' }).port, 8080);
  assert.equal(loadConfig({ PAPERBOY_PORT: '0' }).port, 0);
});

test('every numeric setting says what it expects, whatever is wrong with the value', () => {
  assert.ok(numericSettings.length >= 40, `found ${numericSettings.length} numeric settings`);
  for (const name of numericSettings) {
    const expected = refusal(name, 'abc');
    assert.match(
      expected,
      /^must be a (whole number from -?[\d.]+ to [\d.]+|number (from -?[\d.]+ to|above -?[\d.]+, at most) [\d.]+)$/,
      name,
    );
    // Too big, and (for whole numbers) a fraction, get the same sentence.
    assert.equal(refusal(name, '1e12'), expected, `${name}=1e12`);
    if (expected.includes('whole')) assert.equal(refusal(name, '2.5'), expected, `${name}=2.5`);
  }
});

test('bounds are inclusive, except where a duration must be above zero', () => {
  assert.equal(refusal('PAPERBOY_TRENDING_WINDOW_DAYS', '0'), 'must be a whole number from 1 to 365');
  assert.equal(loadConfig({ PAPERBOY_TRENDING_WINDOW_DAYS: '365' }).trendingWindowDays, 365);
  assert.equal(refusal('PAPERBOY_SESSION_IDLE_DAYS', '0'), 'must be a number from 0.01 to 365');
  assert.equal(loadConfig({ PAPERBOY_SESSION_IDLE_DAYS: '0.01' }).community.sessionIdleDays, 0.01);
  assert.equal(refusal('PAPERBOY_HTTP_TIMEOUT_SECONDS', '0'), 'must be a number above 0, at most 86400');
  assert.equal(loadConfig({ PAPERBOY_HTTP_TIMEOUT_SECONDS: '0.05' }).httpTimeoutSeconds, 0.05);
  assert.equal(refusal('PAPERBOY_JOB_LEASE_SECONDS', '0.1'), 'must be a number from 0.2 to 86400');
  assert.equal(refusal('PAPERBOY_OPENAI_DIMENSIONS', '-3'), 'must be a whole number from 1 to 8192');
});

test('every bad setting is named at once', () => {
  assert.throws(
    () => loadConfig({ PAPERBOY_PORT: 'abc', PAPERBOY_WORKER_CONCURRENCY: '0' }),
    (err: Error) =>
      err instanceof ConfigError &&
      err.message ===
        'invalid configuration:\n' +
          '  PAPERBOY_PORT: must be a whole number from 0 to 65535\n' +
          '  PAPERBOY_WORKER_CONCURRENCY: must be a whole number from 1 to 32',
  );
});

test('the default public address is the one the server listens on, never "localhost"', () => {
  assert.equal(loadConfig({ PAPERBOY_PORT: '4000' }).baseUrl, 'http://127.0.0.1:4000');
  assert.equal(loadConfig({ PAPERBOY_HOST: '0.0.0.0' }).baseUrl, 'http://127.0.0.1:3000');
  assert.equal(loadConfig({ PAPERBOY_HOST: '::1' }).baseUrl, 'http://[::1]:3000');
  assert.equal(loadConfig({ PAPERBOY_HOST: 'papers.lan' }).baseUrl, 'http://papers.lan:3000');
  assert.equal(
    loadConfig({ PAPERBOY_BASE_URL: 'https://papers.example.org/' }).baseUrl,
    'https://papers.example.org',
  );
});
