import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { ensureDefaultTags, makeBuilding, makeHousehold } from '../../../test/registry-factories.js';

// Arbitrary bodies for the registry writes never answer 5xx, and a refused one writes nothing.

let t: TestApp;
let gw: Client;
let householdId: number;
let buildingId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const city = await makeCity(t.deps);
  await ensureDefaultTags(t.deps);
  const b = await makeBuilding(t.deps, city.micro11, '3', { units: 2, floors: 6, roomsPerFloor: 2 });
  buildingId = b.id;
  householdId = (await makeHousehold(t.deps, b, 1, 1, 1)).id;
  await makeUser(t.deps, 'gw', [{ role: 'grid_worker', node: city.grid1 }]);
  gw = await login(t.app, 'gw', TEST_PASSWORD);
});
afterAll(async () => t.close());

const count = async (table: 'residents' | 'households' | 'audit_log') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.object());

describe('registry writes under arbitrary input', () => {
  it('when resident and household bodies are arbitrary, then never 5xx and a 4xx writes no row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            householdId: fc.oneof(fc.constant(householdId), anyValue),
            name: fc.oneof(fc.string({ maxLength: 110 }), anyValue),
            idNumber: fc.oneof(fc.stringMatching(/^\d{17}[\dX]$/), anyValue),
            phone: fc.oneof(fc.stringMatching(/^1\d{10}$/), anyValue),
            relation: fc.oneof(fc.constantFrom('self', 'spouse', 'boss'), anyValue),
            movedInAt: fc.oneof(fc.constantFrom('2026-02-30', '2020-01-01', '2099-01-01'), anyValue),
          },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            buildingId: fc.oneof(fc.constant(buildingId), anyValue),
            unitNo: fc.oneof(fc.integer({ min: -1, max: 4 }), anyValue),
            floor: fc.oneof(fc.integer({ min: -1, max: 9 }), anyValue),
            roomNo: fc.oneof(fc.integer({ min: -1, max: 4 }), anyValue),
            use: fc.oneof(fc.constantFrom('owner', 'vacant', 'castle'), anyValue),
          },
          { requiredKeys: [] },
        ),
        async (resident, household) => {
          for (const [url, body, table] of [
            ['/api/registry/residents', resident, 'residents'],
            ['/api/registry/households', household, 'households'],
          ] as const) {
            const before = await count(table);
            const res = await gw.post(url, body);
            expect(res.statusCode).toBeLessThan(500);
            if (res.statusCode >= 400) expect(await count(table)).toBe(before);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
