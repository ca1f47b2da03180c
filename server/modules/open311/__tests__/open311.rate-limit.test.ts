import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import {
  counts,
  encodeForm,
  type Form,
  get,
  leak,
  makeWorld,
  mirror,
  postRequest,
  validJson,
  validXml,
  type World,
} from './open311-support.js';

// The rate limit on Open311 reports (POST /open311/v2/requests.{fmt}): per api key and client address per minute,
// ONEGRID_OPEN311_RATE_LIMIT (default 60, 0 = off), answered in the Open311 error format with HTTP 429.

interface ErrorJson {
  code: number;
  description: string;
}

let w: World | undefined;
afterEach(async () => {
  await w?.t.close();
  w = undefined;
});

const from = (ip: string) => ({ remoteAddress: ip });

/** POST from a given client address (inject's remoteAddress becomes req.ip). */
function postFrom(world: World, ip: string, form: Form, format: 'json' | 'xml' = 'json') {
  return world.t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: encodeForm(form),
    ...from(ip),
  });
}

describe(`Open311 rate limit (${TEST_DB_KIND})`, () => {
  it('when one key posts more reports than the limit from one address, then the next is 429 in the Open311 error format and writes nothing', async () => {
    w = await makeWorld({ open311RateLimitPerMinute: 3 });
    const world = w;
    for (let i = 0; i < 3; i++) {
      const ok = await postFrom(world, '203.0.113.7', leak(world, { description: `第 ${i + 1} 次` }));
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const before = await counts(world);

    const json = await postFrom(world, '203.0.113.7', leak(world));
    expect(json.statusCode).toBe(429);
    const errors = validJson<ErrorJson[]>(json, 'errors');
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe(429);
    expect(errors[0].description).toMatch(
      /^提交过于频繁，请 \d+ 秒后再试 \/ too many requests; try again in \d+ s$/,
    );
    expect(Number(json.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(json.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(json.headers['access-control-allow-origin']).toBe('*');

    // The same bucket whatever the format: the XML twin is refused too, as an <errors> document.
    const xml = await postFrom(world, '203.0.113.7', leak(world), 'xml');
    expect(xml.statusCode).toBe(429);
    const root = validXml(xml, 'errors');
    expect(mirror(root)).toEqual([{ code: '429', description: errors[0].description }]);

    // The api_key in the query string counts against the same key.
    const { api_key, ...rest } = leak(world);
    const viaQuery = await world.t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${encodeURIComponent(String(api_key))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: encodeForm(rest),
      ...from('203.0.113.7'),
    });
    expect(viaQuery.statusCode).toBe(429);

    expect(await counts(world)).toEqual(before);
  });

  it('when one key is throttled at one address, then the same key at another address, another key at the same address, and reading are still served', async () => {
    w = await makeWorld({ open311RateLimitPerMinute: 2 });
    const world = w;
    for (let i = 0; i < 2; i++)
      expect((await postFrom(world, '198.51.100.1', leak(world))).statusCode).toBe(200);
    expect((await postFrom(world, '198.51.100.1', leak(world))).statusCode).toBe(429);

    const elsewhere = await postFrom(world, '198.51.100.2', leak(world));
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);

    const second = await world.admin.post('/api/open311/keys', {
      name: '12345 网关',
      nodeId: world.city.community.id,
    });
    const otherKey = (second.json() as { key: string }).key;
    const other = await postFrom(world, '198.51.100.1', leak(world, { api_key: otherKey }));
    expect(other.statusCode, other.body).toBe(200);

    // Only reports are limited: lists, services and discovery answer as often as asked.
    for (let i = 0; i < 5; i++) {
      expect((await get(world, '/open311/v2/requests.json')).statusCode).toBe(200);
      expect((await get(world, '/open311/v2/services.json')).statusCode).toBe(200);
    }
    const requests = await world.t.deps.db.selectFrom('open311_requests').select('case_id').execute();
    expect(requests).toHaveLength(4);
  });

  it('when a client sends a wrong api_key again and again, then it is throttled like a good one (403 until the limit, then 429)', async () => {
    w = await makeWorld({ open311RateLimitPerMinute: 2 });
    const world = w;
    const bad = leak(world, { api_key: 'og311_guessed' });
    expect((await postFrom(world, '192.0.2.9', bad)).statusCode).toBe(403);
    expect((await postFrom(world, '192.0.2.9', bad)).statusCode).toBe(403);
    const third = await postFrom(world, '192.0.2.9', bad);
    expect(third.statusCode).toBe(429);
    expect(validJson<ErrorJson[]>(third, 'errors')[0].code).toBe(429);
  });

  it('when the limit is 0, then reports are never throttled', async () => {
    w = await makeWorld({ open311RateLimitPerMinute: 0 });
    for (let i = 0; i < 8; i++) {
      const res = await postRequest(w, leak(w, { description: `第 ${i + 1} 次` }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    expect((await counts(w)).requests).toBe(8);
  });
});

describe('ONEGRID_OPEN311_RATE_LIMIT', () => {
  const base = { ONEGRID_DATA_DIR: '/tmp/onegrid-test-unused', ONEGRID_SECRET_KEY: 'b'.repeat(64) };
  const parse = (value?: string) =>
    loadConfig({ ...base, ONEGRID_OPEN311_RATE_LIMIT: value }, { createKey: false })
      .open311RateLimitPerMinute;

  it('defaults to 60 per minute, takes 0 to turn the limit off, and refuses anything but a whole number ≥ 0', () => {
    expect(parse()).toBe(60);
    expect(parse('')).toBe(60);
    expect(parse('0')).toBe(0);
    expect(parse('600')).toBe(600);
    for (const bad of ['-1', '1.5', 'many']) {
      let problem: unknown;
      try {
        parse(bad);
      } catch (e) {
        problem = e;
      }
      expect(problem).toBeInstanceOf(ConfigError);
      expect((problem as ConfigError).problems.join('\n')).toContain('ONEGRID_OPEN311_RATE_LIMIT');
    }
  });
});
