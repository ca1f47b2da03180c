import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, login, type TestApp } from '../test/build-test-app.js';
import { makeCity, makeUser, TEST_PASSWORD } from '../test/factories.js';

let t: TestApp;
let admin: Client;
let city: Awaited<ReturnType<typeof makeCity>>;

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await makeUser(t.deps, 'admin', [{ role: 'admin', node: city.city }]);
  admin = await login(t.app, 'admin', TEST_PASSWORD);
});
afterAll(async () => t.close());

const count = async (table: 'grid_nodes' | 'users' | 'grid_staff') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// Bodies that look like the real ones, with every field possibly wrong, missing or of another type.
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object(),
);
const nodeBody = fc.record(
  {
    parentId: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: -5, max: 100 }), anyValue),
    code: fc.oneof(fc.stringMatching(/^\d{0,20}$/), anyValue),
    name: fc.oneof(fc.string({ maxLength: 120 }), anyValue),
    subjects: fc.oneof(fc.array(fc.constantFrom('party', 'urban', 'x', ''), { maxLength: 6 }), anyValue),
    boundary: fc.oneof(fc.constant({ type: 'Polygon', coordinates: [[[0, 0]]] }), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
const userBody = fc.record(
  {
    username: fc.oneof(fc.string({ maxLength: 70 }), anyValue),
    displayName: fc.oneof(fc.string({ maxLength: 120 }), anyValue),
    password: fc.oneof(fc.string({ maxLength: 40 }), anyValue),
    phone: fc.oneof(fc.stringMatching(/^1\d{0,12}$/), anyValue),
    idNumber: fc.oneof(fc.stringMatching(/^\d{15,18}X?$/), anyValue),
    assignments: fc.oneof(
      fc.array(
        fc.record({
          role: fc.constantFrom('grid_worker', 'admin', 'nope'),
          nodeId: fc.integer({ min: -1, max: 50 }),
        }),
        { maxLength: 3 },
      ),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);

describe('malformed input never crashes the server nor half-writes a record', () => {
  it('when arbitrary node bodies are posted, then the answer is 201 or a 4xx in the error shape, and a 4xx writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(nodeBody, async (body) => {
        const before = await count('grid_nodes');
        const res = await admin.post('/api/grid/nodes', body);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode !== 201) {
          expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
          expect(await count('grid_nodes')).toBe(before);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('when arbitrary user bodies are posted, then the answer is 201 or a 4xx, and a 4xx writes no user', async () => {
    await fc.assert(
      fc.asyncProperty(userBody, async (body) => {
        const before = await count('users');
        const res = await admin.post('/api/users', body);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode !== 201) expect(await count('users')).toBe(before);
      }),
      { numRuns: 80 },
    );
  });

  it('when raw bytes that are not JSON are sent, then 400 and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), async (raw) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/grid/nodes',
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
          payload: `{${raw}`,
        });
        expect(res.statusCode).toBe(400);
      }),
      { numRuns: 60 },
    );
  });
});
