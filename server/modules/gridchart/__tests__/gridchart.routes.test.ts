import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import {
  assignTag,
  type BuildingRef,
  ensureTags,
  makeBuilding,
  makeResident,
  makeVisit,
} from '../../../test/gridchart-factories.js';
import { type ChartBody, FLAG_SCREENED } from '../gridchart-model.js';

type City = Awaited<ReturnType<typeof makeCity>>;

let t: TestApp;
let city: City;
let a: BuildingRef;
let b: BuildingRef;
/** household ids by name */
const hh: Record<string, number> = {};

const room = (bld: BuildingRef, key: string) => bld.rooms.get(key)!;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await ensureTags(t.deps.db, t.deps.clock.now().toISOString());
  // Building 1 in grid 1 (2 units × 3 floors × 2 rooms), building 2 in grid 2.
  a = await makeBuilding(t.deps, city.micro11, { number: '1' });
  b = await makeBuilding(t.deps, city.micro21, { number: '2', units: 1, floors: 2, roomsPerFloor: 2 });
  hh.alone = room(a, '1-1-1');
  hh.mental = room(a, '1-1-2');
  hh.dibao = room(a, '1-2-1');
  hh.rented = room(a, '1-2-2');
  hh.dispute = room(b, '1-1-1');
  const elder = await makeResident(t.deps, hh.alone, {
    name: '王秀英',
    birthDate: '1941-03-01',
    politicalStatus: 'cpc_member',
  });
  void elder;
  const p = await makeResident(t.deps, hh.mental, { name: '李建国', birthDate: '1980-05-05' });
  await makeResident(t.deps, hh.mental, { name: '李小红', birthDate: '1982-06-06', relation: 'spouse' });
  await assignTag(t.deps, 'severe_mental', { householdId: hh.mental, residentId: p, riskLevel: '3级' });
  await assignTag(t.deps, 'safe_family', { householdId: hh.mental });
  await makeResident(t.deps, hh.dibao, { name: '赵四', birthDate: '1990-01-01' });
  await assignTag(t.deps, 'dibao', { householdId: hh.dibao });
  await t.deps.db.updateTable('households').set({ use: 'rented' }).where('id', '=', hh.rented).execute();
  await makeResident(t.deps, hh.dispute, { name: '孙丽', birthDate: '1975-02-02' });
  await makeVisit(t.deps, hh.dispute, { disputeFound: true });
  await makeVisit(t.deps, hh.alone, {});
  await makeVisit(t.deps, hh.dibao, { visitedAt: '2026-08-01T02:00:00.000Z' }); // last quarter
});
afterEach(async () => {
  await t.close();
});

async function as(username: string, assignments: Array<{ role: Role; node: NodeRef }>): Promise<Client> {
  await makeUser(t.deps, username, assignments);
  return login(t.app, username, TEST_PASSWORD);
}

const chartOf = async (c: Client, node: NodeRef) => {
  const res = await c.get(`/api/gridchart/${node.id}`);
  expect(res.statusCode).toBe(200);
  return { res, body: res.json() as ChartBody };
};
const roomOf = (body: ChartBody, householdId: number) => {
  for (const bld of body.buildings) for (const r of bld.rooms) if (r[0] === householdId) return r;
  throw new Error(`household ${householdId} not in chart`);
};
const codesOf = (body: ChartBody, householdId: number) =>
  roomOf(body, householdId)[5].map((i) => body.tags[i].code);

describe('grid chart data', () => {
  it('when community staff open the community, then every building with its rooms, all tags and the screening layer', async () => {
    const staff = await as('staff', [{ role: 'community_staff', node: city.community }]);
    const { res, body } = await chartOf(staff, city.community);
    expect(res.headers.etag).toMatch(/^"gc-/);
    expect(body.node).toEqual({ id: city.community.id, name: '政府大院社区', level: 'community' });
    expect(body.buildings.map((x) => [x.number, x.units, x.floors, x.roomsPerFloor, x.rooms.length])).toEqual(
      [
        ['1', 2, 3, 2, 12],
        ['2', 1, 2, 2, 4],
      ],
    );
    expect(roomOf(body, hh.alone).slice(0, 5)).toEqual([hh.alone, 1, 1, 1, body.uses.indexOf('owner')]);
    expect(codesOf(body, hh.alone).sort()).toEqual(['elderly_alone', 'party_household', 'very_old']);
    expect(codesOf(body, hh.mental).sort()).toEqual(['safe_family', 'severe_mental']);
    expect(codesOf(body, hh.dibao)).toEqual(['dibao']);
    expect(codesOf(body, hh.rented)).toEqual(['rented']);
    expect(codesOf(body, hh.dispute)).toEqual(['dispute_household']);
    expect(body.counts).toMatchObject({
      elderly_alone: 1,
      very_old: 1,
      party_household: 1,
      severe_mental: 1,
      dibao: 1,
      safe_family: 1,
      rented: 1,
      dispute_household: 1,
      drug_user: 0,
    });
    // Screened this quarter: the elder's and the dispute household; the dibao visit was last quarter.
    expect(body.screening).toEqual({
      period: '2026Q4',
      screened: 2,
      total: 16,
      byBuilding: { [a.id]: [1, 12], [b.id]: [1, 4] },
    });
    expect(roomOf(body, hh.alone)[6] & FLAG_SCREENED).toBe(FLAG_SCREENED);
    expect(roomOf(body, hh.dibao)[6] & FLAG_SCREENED).toBe(0);
  });

  it('when a leader opens the community, then sensitive tags are nowhere in the body, legend or counts', async () => {
    const leader = await as('leader', [{ role: 'leader', node: city.community }]);
    const { res, body } = await chartOf(leader, city.community);
    const codes = body.tags.map((x) => x.code);
    for (const hidden of ['severe_mental', 'dibao', 'drug_user', 'community_correction', 'disabled']) {
      expect(codes).not.toContain(hidden);
      expect(body.counts).not.toHaveProperty(hidden);
      expect(res.body).not.toContain(hidden);
    }
    expect(res.body).not.toContain('严重精神障碍');
    expect(res.body).not.toContain('低保');
    expect(codesOf(body, hh.mental)).toEqual(['safe_family']);
    expect(codesOf(body, hh.dibao)).toEqual([]);
    // restricted and public tags stay: a leader holds person.read
    expect(codesOf(body, hh.alone).sort()).toEqual(['elderly_alone', 'party_household', 'very_old']);
  });

  it('when a grid worker of grid 1 opens grid 1, then the sensitive tags of their households are there', async () => {
    const gw = await as('gw1', [{ role: 'grid_worker', node: city.grid1 }]);
    const { body } = await chartOf(gw, city.grid1);
    expect(body.buildings.map((x) => x.number)).toEqual(['1']);
    expect(codesOf(body, hh.mental)).toContain('severe_mental');
    expect(codesOf(body, hh.dibao)).toEqual(['dibao']);
    expect(body.counts.severe_mental).toBe(1);
  });

  it('when a leader of the community is also grid worker of grid 1, then sensitive tags show only on grid 1 households', async () => {
    const both = await as('both', [
      { role: 'leader', node: city.community },
      { role: 'grid_worker', node: city.grid1 },
    ]);
    await makeResident(t.deps, hh.dispute, { name: '孙强', birthDate: '1970-01-01', relation: 'spouse' });
    const p = (
      await t.deps.db
        .selectFrom('residents')
        .select('id')
        .where('name', '=', '孙强')
        .executeTakeFirstOrThrow()
    ).id;
    await assignTag(t.deps, 'drug_user', { householdId: hh.dispute, residentId: p });
    const { body } = await chartOf(both, city.community);
    expect(codesOf(body, hh.dibao)).toEqual(['dibao']);
    expect(codesOf(body, hh.dispute)).toEqual(['dispute_household']);
    expect(body.counts.drug_user).toBe(0);
  });

  it('when a resident or a grid worker of another grid asks, then 404 and an access.denied audit entry', async () => {
    const resident = await as('res', [{ role: 'resident', node: city.community }]);
    const r1 = await resident.get(`/api/gridchart/${city.community.id}`);
    expect(r1.statusCode).toBe(404);
    expect(r1.body).not.toContain('severe_mental');
    const gw = await as('gw1', [{ role: 'grid_worker', node: city.grid1 }]);
    const r2 = await gw.get(`/api/gridchart/${city.grid2.id}`);
    expect(r2.statusCode).toBe(404);
    const r3 = await gw.get(`/api/gridchart/${city.community.id}/search?q=1`);
    expect(r3.statusCode).toBe(404);
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.map((d) => [d.actor_name, d.entity_type, d.entity_id])).toEqual([
      ['res', 'grid_node', String(city.community.id)],
      ['gw1', 'grid_node', String(city.grid2.id)],
      ['gw1', 'grid_node', String(city.community.id)],
    ]);
  });

  it('when a street is asked for, then 400 naming the node', async () => {
    const leader = await as('leader', [{ role: 'leader', node: city.street }]);
    const res = await leader.get(`/api/gridchart/${city.street.id}`);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { details: Array<{ field: string }> } }).error.details[0].field).toBe(
      'nodeId',
    );
  });

  it('when nothing changed, then 304; after a tag is assigned, then 200 with a new version', async () => {
    const gw = await as('gw1', [{ role: 'grid_worker', node: city.grid1 }]);
    const first = await gw.get(`/api/gridchart/${city.grid1.id}`);
    const etag = String(first.headers.etag);
    const again = await gw.get(`/api/gridchart/${city.grid1.id}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await assignTag(t.deps, 'volunteer', { householdId: hh.rented });
    const after = await gw.get(`/api/gridchart/${city.grid1.id}`, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const body = after.json() as ChartBody;
    expect(body.version).not.toBe((first.json() as ChartBody).version);
    expect(codesOf(body, hh.rented).sort()).toEqual(['rented', 'volunteer']);
    // another viewer of the same data gets a different ETag (their body differs)
    const leader = await as('leader', [{ role: 'leader', node: city.community }]);
    const theirs = await leader.get(`/api/gridchart/${city.grid1.id}`, {
      'if-none-match': String(after.headers.etag),
    });
    expect(theirs.statusCode).toBe(200);
  });

  it('when a resident moves out, then the chart version changes and their derived tags go', async () => {
    const staff = await as('staff', [{ role: 'community_staff', node: city.community }]);
    const { body: before } = await chartOf(staff, city.community);
    await t.deps.db
      .updateTable('residents')
      .set({ status: 'moved_out', node_id: null, updated_at: '2026-11-02T02:00:00.000Z' })
      .where('household_id', '=', hh.alone)
      .execute();
    const { body: after } = await chartOf(staff, city.community);
    expect(after.version).not.toBe(before.version);
    expect(codesOf(after, hh.alone)).toEqual([]);
  });
});

describe('grid chart search', () => {
  it('when a leader searches a room label or a name, then the matching household ids of the view', async () => {
    const leader = await as('leader', [{ role: 'leader', node: city.community }]);
    const byRoom = await leader.get(
      `/api/gridchart/${city.community.id}/search?q=${encodeURIComponent('1-1-102')}`,
    );
    expect(byRoom.statusCode).toBe(200);
    expect(byRoom.json()).toEqual([hh.mental]);
    // a whole room label is exact: 1-1-102 does not find 11-1-102
    const other = await makeBuilding(t.deps, city.micro11, {
      number: '11',
      units: 1,
      floors: 1,
      roomsPerFloor: 2,
    });
    const exact = await leader.get(
      `/api/gridchart/${city.community.id}/search?q=${encodeURIComponent('1-1-102')}`,
    );
    expect(exact.json()).toEqual([hh.mental]);
    const fragment = await leader.get(
      `/api/gridchart/${city.community.id}/search?q=${encodeURIComponent('-1-102')}`,
    );
    expect((fragment.json() as number[]).sort((x, y) => x - y)).toEqual(
      [hh.mental, room(b, '1-1-2'), other.rooms.get('1-1-2')!].sort((x, y) => x - y),
    );
    const byName = await leader.get(
      `/api/gridchart/${city.community.id}/search?q=${encodeURIComponent('孙')}`,
    );
    expect(byName.json()).toEqual([hh.dispute]);
    const inGrid1 = await leader.get(`/api/gridchart/${city.grid1.id}/search?q=${encodeURIComponent('孙')}`);
    expect(inGrid1.json()).toEqual([]);
  });

  it('when a mediator (no person.read) searches a name, then no household is given away', async () => {
    const mediator = await as('med', [{ role: 'mediator', node: city.community }]);
    const res = await mediator.get(
      `/api/gridchart/${city.community.id}/search?q=${encodeURIComponent('李建国')}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
  });
});

describe('grid chart live events', () => {
  it('when a visit is recorded under the node, then the open stream says changed with the new version', async () => {
    await makeUser(t.deps, 'gw1', [{ role: 'grid_worker', node: city.grid1 }]);
    const gw = await login(t.app, 'gw1', TEST_PASSWORD);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const ctrl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/gridchart/${city.grid1.id}/events`, {
      headers: { cookie: gw.cookie },
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${needle} in ${text}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
        ]);
        if (chunk && !chunk.done) text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil('event: ready', 3000);
    const ready = JSON.parse(/event: ready\ndata: (.*)\n/.exec(text)![1]) as { version: string };
    await makeVisit(t.deps, hh.rented, {});
    await readUntil('event: changed', 7000);
    const changed = JSON.parse(/event: changed\ndata: (.*)\n/.exec(text)![1]) as { version: string };
    expect(changed.version).not.toBe(ready.version);
    expect(text).not.toContain('tags');
    ctrl.abort();
    // the view itself now carries the same version
    const { body } = await chartOf(gw, city.grid1);
    expect(body.version).toBe(changed.version);
  }, 15_000);

  it('when someone outside the node opens the stream, then 404 and an audit entry', async () => {
    const gw = await as('gw1', [{ role: 'grid_worker', node: city.grid1 }]);
    const res = await gw.get(`/api/gridchart/${city.grid2.id}/events`);
    expect(res.statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied')).length).toBe(1);
  });
});
