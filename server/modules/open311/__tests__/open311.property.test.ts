import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { counts, encodeForm, makeWorld, type World } from './open311-support.js';

// Property tests of POST service request: whatever a client sends, the answer is 200 or an Open311 error (400, 403,
// 404) in the asked format — never a 5xx — and a refused request writes nothing.

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => {
  await w.t.close();
});

const coordinate = fc.oneof(
  fc.double({ min: -200, max: 200, noNaN: true }).map(String),
  fc.constantFrom('', 'NaN', '1e3', '37.8.1', '－37', ' 37 '),
  fc.string({ maxLength: 12 }),
);

describe(`Open311 POST properties (${TEST_DB_KIND})`, () => {
  it('when a client sends any mix of arguments, then the answer is 200 or a 400/403/404 Open311 error, and a refusal writes nothing', async () => {
    const form = fc.record(
      {
        api_key: fc.oneof(fc.constant('__KEY__'), fc.string({ maxLength: 40 })),
        service_code: fc.oneof(
          fc.constantFrom('MS01', 'CG01', 'MS', 'NOPE', ''),
          fc.string({ maxLength: 20 }),
        ),
        lat: coordinate,
        long: coordinate,
        address_string: fc.string({ maxLength: 260 }),
        address_id: fc.string({ maxLength: 120 }),
        description: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('漏'.repeat(4001))),
        email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })),
        phone: fc.oneof(fc.constant('13803531234'), fc.string({ maxLength: 20 })),
        media_url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 })),
        first_name: fc.string({ maxLength: 60 }),
        'attribute[FLOOR]': fc.string({ maxLength: 10 }),
        jurisdiction_id: fc.constantFrom('', '140300', 'sfgov.org'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom('json', 'xml'), async (f, format) => {
        const fields = Object.fromEntries(
          Object.entries(f).map(([k, v]) => [k, v === '__KEY__' ? w.key : (v as string)]),
        );
        const before = await counts(w);
        const res = await w.t.app.inject({
          method: 'POST',
          url: `/open311/v2/requests.${format}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          payload: encodeForm(fields),
        });
        expect([200, 400, 403, 404]).toContain(res.statusCode);
        expect(res.headers['content-type']).toBe(
          format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
        );
        if (res.statusCode === 200) {
          const after = await counts(w);
          expect([after.cases - before.cases, after.requests - before.requests]).toEqual([1, 1]);
        } else {
          expect(await counts(w)).toEqual(before);
          if (format === 'json') expect(JSON.parse(res.body)[0].code).toBe(res.statusCode);
          else expect(res.body).toContain(`<errors><error><code>${res.statusCode}</code>`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('when the body is any byte string, then the answer is an Open311 error or a created request, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (body) => {
        const res = await w.t.app.inject({
          method: 'POST',
          url: '/open311/v2/requests.json',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `api_key=${encodeURIComponent(w.key)}&${body}`,
        });
        expect([200, 400, 403, 404]).toContain(res.statusCode);
        expect(Array.isArray(JSON.parse(res.body))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
