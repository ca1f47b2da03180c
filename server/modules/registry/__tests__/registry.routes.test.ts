import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../../common/credit-code.js';
import type { Role } from '../../../../common/permissions.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import {
  type BuildingRef,
  ensureDefaultTags,
  makeBuilding,
  makeHousehold,
  makeResident,
  makeVisit,
  nextIdNumber,
} from '../../../test/registry-factories.js';
import type { HouseholdCard, ResidentDetail, TagView } from '../registry.service.js';

type City = Awaited<ReturnType<typeof makeCity>>;
interface ErrorBody {
  error: { code: string; details?: Array<{ field: string; code: string; message: string }> };
}

let t: TestApp;
let city: City;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await ensureDefaultTags(t.deps);
});
afterEach(async () => {
  await t.close();
});

async function as(username: string, role: Role, node: NodeRef): Promise<Client> {
  await makeUser(t.deps, username, [{ role, node }]);
  return login(t.app, username, TEST_PASSWORD);
}
const count = async (table: 'residents' | 'households' | 'buildings' | 'resident_events' | 'organisations') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const err = (body: unknown) => (body as ErrorBody).error;

describe('tag dictionary', () => {
  it('when ensureDefaultTags runs twice, then every default code exists once in list order and one seed audit row', async () => {
    expect(await ensureDefaultTags(t.deps)).toBe(0);
    const rows = await t.deps.db.selectFrom('tags').select(['code', 'sort']).orderBy('sort').execute();
    expect(rows[0].code).toBe('party_household');
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(22);
    expect(await auditRows(t.deps, 'tag.seed')).toHaveLength(1);
  });

  it('when an admin creates and edits a tag, then 201, the row and audit rows; a taken code is 409', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const body = {
      code: 'hearing_aid',
      name: { zh: '助听帮扶', en: 'Hearing support' },
      symbol: '耳',
      color: '#123456',
      appliesTo: 'person',
      sensitivity: 'restricted',
    };
    const res = await admin.post('/api/registry/tags', body);
    expect(res.statusCode).toBe(201);
    const tag = res.json() as TagView;
    expect(tag).toMatchObject({
      code: 'hearing_aid',
      derived: false,
      active: true,
      allowedActions: ['edit'],
    });
    expect((await admin.post('/api/registry/tags', body)).statusCode).toBe(409);
    const patched = await admin.patch(`/api/registry/tags/${tag.id}`, { color: '#654321', active: false });
    expect(patched.statusCode).toBe(200);
    const row = await t.deps.db
      .selectFrom('tags')
      .selectAll()
      .where('id', '=', tag.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ color: '#654321', active: 0 });
    expect(await auditRows(t.deps, 'tag.create')).toHaveLength(1);
    expect(await auditRows(t.deps, 'tag.update')).toHaveLength(1);
    // The admin edits the dictionary, so sees every definition including sensitive ones.
    const all = (await admin.get('/api/registry/tags')).json() as { items: TagView[] };
    expect(all.items.map((x) => x.code)).toContain('severe_mental');
  });

  it('when community staff try to create a tag, then 403 and nothing written', async () => {
    const staff = await as('staff1', 'community_staff', city.community);
    const res = await staff.post('/api/registry/tags', {
      code: 'x_tag',
      name: { zh: '某', en: 'X' },
      symbol: 'X',
      color: '#000000',
      appliesTo: 'household',
      sensitivity: 'public',
    });
    expect(res.statusCode).toBe(403);
    expect(await t.deps.db.selectFrom('tags').select('id').where('code', '=', 'x_tag').execute()).toEqual([]);
  });

  it('when a leader lists tags, then sensitive ones are absent and public and restricted ones present', async () => {
    const leader = await as('leader1', 'leader', city.community);
    const codes = ((await leader.get('/api/registry/tags')).json() as { items: TagView[] }).items.map(
      (x) => x.code,
    );
    expect(codes).toContain('elderly_alone');
    expect(codes).toContain('rented');
    expect(codes).not.toContain('severe_mental');
    expect(codes).not.toContain('drug_user');
  });
});

describe('buildings and households', () => {
  it('when a grid worker creates a building with rooms, then one vacant household per unit × floor × room, labelled, and an audit row', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/registry/buildings', {
      nodeId: city.micro11.id,
      number: '7',
      type: 'residential',
      units: 2,
      floors: 3,
      roomsPerFloor: 2,
    });
    expect(res.statusCode).toBe(201);
    const b = res.json() as { id: number; households: number; nodeName: string; allowedActions: string[] };
    expect(b).toMatchObject({
      households: 12,
      nodeName: city.micro11.name,
      allowedActions: ['edit', 'add_household'],
    });
    const rooms = await t.deps.db
      .selectFrom('households')
      .select(['room_label', 'use', 'node_id'])
      .where('building_id', '=', b.id)
      .orderBy('id')
      .execute();
    expect(rooms).toHaveLength(12);
    expect(rooms[0]).toEqual({ room_label: '7-1-101', use: 'vacant', node_id: city.micro11.id });
    expect(rooms.at(-1)?.room_label).toBe('7-2-302');
    const audit = await auditRows(t.deps, 'building.create');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ number: '7', rooms: 12 });
    const dup = await gw.post('/api/registry/buildings', {
      nodeId: city.micro11.id,
      number: '7',
      type: 'residential',
      units: 1,
      floors: 1,
      roomsPerFloor: 1,
    });
    expect(dup.statusCode).toBe(409);
    expect(err(dup.json()).code).toBe('BUILDING_NUMBER_TAKEN');
  });

  it('when a building is put on a grid rather than a micro-grid, then 400 NODE_NOT_MICROGRID; outside scope 404 + audit', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const body = { number: '8', type: 'residential', units: 1, floors: 1, roomsPerFloor: 1 };
    const res = await gw.post('/api/registry/buildings', { ...body, nodeId: city.grid1.id });
    expect(res.statusCode).toBe(400);
    expect(err(res.json()).details?.[0]).toMatchObject({ field: 'nodeId', code: 'NODE_NOT_MICROGRID' });
    const out = await gw.post('/api/registry/buildings', { ...body, nodeId: city.micro21.id });
    expect(out.statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied')).at(-1)?.entity_id).toBe(String(city.micro21.id));
    expect(await count('buildings')).toBe(0);
  });

  it('when a room lies outside the building floors, then 400 ROOM_OUTSIDE_BUILDING naming each field and nothing written', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '3', { units: 2, floors: 6, roomsPerFloor: 2 });
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/registry/households', {
      buildingId: b.id,
      unitNo: 3,
      floor: 7,
      roomNo: 1,
      use: 'owner',
    });
    expect(res.statusCode).toBe(400);
    const e = err(res.json());
    expect(e.code).toBe('ROOM_OUTSIDE_BUILDING');
    expect(e.details?.map((d) => d.field)).toEqual(['unitNo', 'floor']);
    expect(await count('households')).toBe(0);
    expect(await auditRows(t.deps, 'household.create')).toHaveLength(0);
  });

  it('when a household is created, then 201 with its label; the same room again is 409', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '3', { units: 2, floors: 6, roomsPerFloor: 2 });
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const body = { buildingId: b.id, unitNo: 2, floor: 5, roomNo: 1, use: 'rented' };
    const res = await gw.post('/api/registry/households', body);
    expect(res.statusCode).toBe(201);
    const card = res.json() as HouseholdCard;
    expect(card).toMatchObject({ roomLabel: '3-2-501', buildingNumber: '3', use: 'rented', memberCount: 0 });
    expect(card.tags.map((x) => x.code)).toEqual(['rented']);
    expect(await auditRows(t.deps, 'household.create')).toHaveLength(1);
    const dup = await gw.post('/api/registry/households', body);
    expect(dup.statusCode).toBe(409);
    expect(err(dup.json()).code).toBe('HOUSEHOLD_EXISTS');
  });

  it('when households are listed with filters, then node, building, use, tag and room/name queries narrow the list', async () => {
    const b3 = await makeBuilding(t.deps, city.micro11, '3', { units: 1, floors: 6, roomsPerFloor: 2 });
    const b9 = await makeBuilding(t.deps, city.micro21, '9', { units: 1, floors: 6, roomsPerFloor: 2 });
    const h1 = await makeHousehold(t.deps, b3, 1, 1, 1);
    const h2 = await makeHousehold(t.deps, b3, 1, 2, 1, 'rented');
    const h3 = await makeHousehold(t.deps, b9, 1, 1, 1);
    await makeResident(t.deps, h1, '王老汉', { idNumber: nextIdNumber('19400101') });
    await makeResident(t.deps, h2, '赵敏');
    await makeResident(t.deps, h3, '钱多多', { politicalStatus: 'cpc_member' });
    await makeVisit(t.deps, h2, { disputeFound: true });
    const staff = await as('staff1', 'community_staff', city.community);
    const ids = async (qs: string) =>
      (
        (await staff.get(`/api/registry/households${qs}`)).json() as { items: Array<{ id: number }> }
      ).items.map((x) => x.id);
    expect(await ids('')).toEqual([h1.id, h2.id, h3.id]);
    expect(await ids(`?nodeId=${city.micro21.id}`)).toEqual([h3.id]);
    expect(await ids(`?buildingId=${b3.id}`)).toEqual([h1.id, h2.id]);
    expect(await ids('?use=rented')).toEqual([h2.id]);
    expect(await ids('?tag=elderly_alone')).toEqual([h1.id]);
    expect(await ids('?tag=very_old')).toEqual([h1.id]);
    expect(await ids('?tag=party_household')).toEqual([h3.id]);
    expect(await ids('?tag=dispute_household')).toEqual([h2.id]);
    expect(await ids('?q=3-1-201')).toEqual([h2.id]);
    expect(await ids(`?q=${encodeURIComponent('老汉')}`)).toEqual([h1.id]);
    const page = (await staff.get('/api/registry/households?pageSize=2&page=2')).json() as {
      items: unknown[];
      total: number;
    };
    expect(page).toMatchObject({ total: 3 });
    expect(page.items).toHaveLength(1);
    const row = (
      (await staff.get(`/api/registry/households?buildingId=${b3.id}`)).json() as {
        items: Array<{ tags: Array<{ code: string }>; householderName: string; members: number }>;
      }
    ).items[0];
    expect(row).toMatchObject({ householderName: '王老汉', members: 1 });
    expect(row.tags.map((x) => x.code)).toEqual(['elderly_alone', 'very_old']);
  });

  it('when the card is opened, then members, open matters (unresolved dispute or flagged) and the last 10 visits', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '3');
    const h = await makeHousehold(t.deps, b, 1, 1, 1);
    await makeResident(t.deps, h, '孙悟空');
    await makeResident(t.deps, h, '旧住户', { status: 'moved_out' });
    for (let i = 0; i < 12; i++)
      await makeVisit(t.deps, h, { visitedAt: `2026-10-${String(i + 1).padStart(2, '0')}T02:00:00.000Z` });
    await makeVisit(t.deps, h, {
      disputeFound: true,
      visitedAt: '2026-10-19T00:00:00.000Z',
      resolvedAt: '2026-10-20T00:00:00.000Z',
    });
    const open = await makeVisit(t.deps, h, { disputeFound: true, visitedAt: '2026-10-25T00:00:00.000Z' });
    const flagged = await makeVisit(t.deps, h, { flagged: true, visitedAt: '2026-10-26T00:00:00.000Z' });
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const card = (await gw.get(`/api/registry/households/${h.id}`)).json() as HouseholdCard;
    expect(card.members.map((m) => m.name)).toEqual(['孙悟空']);
    expect(card.openMatters.map((v) => v.id)).toEqual([flagged, open]);
    expect(card.visits).toHaveLength(10);
    expect(card.visits[0].id).toBe(flagged);
    expect(card.lastVisitAt).toBe('2026-10-26T00:00:00.000Z');
    expect(card.allowedActions).toEqual(['edit', 'add_resident', 'assign_tag', 'record_visit']);
  });
});

describe('residents', () => {
  let b: BuildingRef;
  let h: { id: number; roomLabel: string; nodeId: number };
  beforeEach(async () => {
    b = await makeBuilding(t.deps, city.micro11, '3', { units: 2, floors: 6, roomsPerFloor: 2 });
    h = await makeHousehold(t.deps, b, 2, 5, 1);
  });

  it('when a resident is registered, then birth date and sex come from the ID, identifiers are encrypted and masked, history and audit written', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const id = nextIdNumber('19561230');
    const res = await gw.post('/api/registry/residents', {
      householdId: h.id,
      name: '周芷若',
      idNumber: id,
      phone: '139 1234 5678',
      relation: 'self',
      politicalStatus: 'cpc_member',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json() as ResidentDetail;
    expect(r).toMatchObject({
      name: '周芷若',
      birthDate: '1956-12',
      age: 69,
      sex: Number(id[16]) % 2 ? 'male' : 'female',
      phoneMasked: '139****5678',
      roomLabel: '3-2-501',
      status: 'active',
    });
    expect(r.idNumberMasked).toBe(`${id.slice(0, 3)}***********${id.slice(-4)}`);
    expect(r.history.map((e) => e.kind)).toEqual(['registered']);
    expect(res.body).not.toContain(id);
    const row = await t.deps.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.birth_date).toBe('1956-12-30');
    expect(row.id_number_enc).not.toContain(id);
    expect(t.deps.crypto.decrypt(row.id_number_enc!)).toBe(id);
    expect(row.phone_bidx).toBe(t.deps.crypto.blindIndex('phone', '13912345678'));
    expect(row.node_id).toBe(city.micro11.id);
    const hrow = await t.deps.db
      .selectFrom('households')
      .select('householder_id')
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(hrow.householder_id).toBe(r.id);
    const audit = await auditRows(t.deps, 'resident.create');
    expect(audit).toHaveLength(1);
    expect(audit[0].after_json).not.toContain(id);
    expect(audit[0].after_json).not.toContain('13912345678');
    expect(audit[0].after_json).not.toContain('周芷若');
  });

  it('when the ID checksum is wrong, then 400 ID_NUMBER_INVALID and nothing written', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const good = nextIdNumber('19800101');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await gw.post('/api/registry/residents', {
      householdId: h.id,
      name: '错号',
      idNumber: bad,
      relation: 'self',
    });
    expect(res.statusCode).toBe(400);
    const e = err(res.json());
    expect(e.code).toBe('ID_NUMBER_INVALID');
    expect(e.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'ID_NUMBER_INVALID' })]);
    expect(await count('residents')).toBe(0);
    expect(await count('resident_events')).toBe(0);
    expect(await auditRows(t.deps, 'resident.create')).toHaveLength(0);
  });

  it('when several fields are bad, then every problem is listed at once', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/registry/residents', {
      householdId: h.id,
      name: '  ',
      idNumber: '123',
      phone: '12345',
      relation: 'self',
    });
    expect(res.statusCode).toBe(400);
    expect(err(res.json()).code).toBe('VALIDATION_FAILED');
    expect(
      err(res.json())
        .details?.map((d) => d.field)
        .sort(),
    ).toEqual(['idNumber', 'name', 'phone']);
  });

  it('when the ID number is already registered, then 409 ID_NUMBER_TAKEN and nothing written', async () => {
    const existing = await makeResident(t.deps, h, '已登记');
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/registry/residents', {
      householdId: h.id,
      name: '重复',
      idNumber: existing.idNumber,
      relation: 'spouse',
    });
    expect(res.statusCode).toBe(409);
    expect(err(res.json()).code).toBe('ID_NUMBER_TAKEN');
    expect(await count('residents')).toBe(1);
    expect(await auditRows(t.deps, 'resident.create')).toHaveLength(0);
  });

  it('when searching, then a name fragment, a room label, an exact ID number or a phone finds the person', async () => {
    const a = await makeResident(t.deps, h, '欧阳娜娜', { phone: '13700001234' });
    const other = await makeHousehold(t.deps, b, 1, 1, 1);
    const c = await makeResident(t.deps, other, '张无忌');
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const find = async (q: string) =>
      (
        (await gw.get(`/api/registry/residents?q=${encodeURIComponent(q)}`)).json() as {
          items: Array<{ id: number }>;
        }
      ).items.map((x) => x.id);
    expect(await find('娜娜')).toEqual([a.id]);
    expect(await find('3-2-501')).toEqual([a.id]);
    expect(await find(c.idNumber!)).toEqual([c.id]);
    expect(await find('137 0000 1234')).toEqual([a.id]);
    expect(await find('nobody')).toEqual([]);
  });

  it('when a resident moves out and back in elsewhere, then status, events and audit rows follow; history is kept', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const r = await makeResident(t.deps, h, '流动人员');
    const out = await gw.post(`/api/registry/residents/${r.id}/move-out`, {
      date: '2026-10-01',
      reason: '外出务工',
    });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({
      status: 'moved_out',
      movedOutAt: '2026-10-01',
      allowedActions: ['edit', 'move_in'],
    });
    const row = await t.deps.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'moved_out', node_id: null, household_id: h.id });
    expect(
      (await gw.post(`/api/registry/residents/${r.id}/move-out`, { date: '2026-10-02', reason: 'x' }))
        .statusCode,
    ).toBe(409);
    // No longer in the active list, still readable with its history.
    const active = (await gw.get('/api/registry/residents')).json() as { total: number };
    expect(active.total).toBe(0);
    const gone = (await gw.get('/api/registry/residents?status=moved_out')).json() as { total: number };
    expect(gone.total).toBe(1);
    const target = await makeHousehold(t.deps, b, 1, 2, 2);
    const back = await gw.post(`/api/registry/residents/${r.id}/move-in`, {
      householdId: target.id,
      date: '2026-10-20',
    });
    expect(back.statusCode).toBe(200);
    const detail = back.json() as ResidentDetail;
    expect(detail).toMatchObject({
      status: 'active',
      roomLabel: '3-1-202',
      movedInAt: '2026-10-20',
      movedOutAt: null,
    });
    expect(detail.history.map((e) => e.kind)).toEqual(['moved_in', 'moved_out']);
    expect(await auditRows(t.deps, 'resident.move_out')).toHaveLength(1);
    expect(await auditRows(t.deps, 'resident.move_in')).toHaveLength(1);
  });

  it('when a resident is edited with a new ID, then birth date and sex are re-derived, an event and an audit row written', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const r = await makeResident(t.deps, h, '改号');
    const id = nextIdNumber('19900315');
    const res = await gw.patch(`/api/registry/residents/${r.id}`, { idNumber: id, occupation: '教师' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ birthDate: '1990-03', occupation: '教师' });
    const row = await t.deps.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.birth_date).toBe('1990-03-15');
    expect(row.id_number_bidx).toBe(t.deps.crypto.blindIndex('id_number', id));
    const audit = await auditRows(t.deps, 'resident.update');
    expect(audit).toHaveLength(1);
    expect(audit[0].after_json).not.toContain(id);
  });

  it('when a grid worker asks to reveal, then 403; community staff get the value and an audit row without it', async () => {
    const r = await makeResident(t.deps, h, '明文', { phone: '13600002222' });
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect((await gw.post(`/api/registry/residents/${r.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(
      403,
    );
    const staff = await as('staff1', 'community_staff', city.community);
    const detail = (await staff.get(`/api/registry/residents/${r.id}`)).json() as ResidentDetail;
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['reveal_id', 'reveal_phone']));
    const res = await staff.post(`/api/registry/residents/${r.id}/reveal`, { field: 'phone' });
    expect(res.json()).toEqual({ value: '13600002222' });
    const audit = await auditRows(t.deps, 'person.reveal');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'resident', entity_id: String(r.id) });
    expect(audit[0].after_json).toBe('{"field":"phone"}');
  });
});

describe('tag assignments', () => {
  it('when a derived tag is assigned by hand, then 400 TAG_DERIVED; a person tag on a member is set, shown and removed with audit rows', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '3');
    const h = await makeHousehold(t.deps, b, 1, 1, 1);
    const r = await makeResident(t.deps, h, '病人');
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const derived = await gw.post(`/api/registry/households/${h.id}/tags`, { tagCode: 'elderly_alone' });
    expect(derived.statusCode).toBe(400);
    expect(err(derived.json()).code).toBe('TAG_DERIVED');
    const noPerson = await gw.post(`/api/registry/households/${h.id}/tags`, { tagCode: 'severe_mental' });
    expect(noPerson.statusCode).toBe(400);
    const badRisk = await gw.post(`/api/registry/households/${h.id}/tags`, {
      tagCode: 'severe_mental',
      residentId: r.id,
      riskLevel: '9级',
    });
    expect(badRisk.statusCode).toBe(400);
    const ok = await gw.post(`/api/registry/households/${h.id}/tags`, {
      tagCode: 'severe_mental',
      residentId: r.id,
      riskLevel: '2级',
    });
    expect(ok.statusCode).toBe(201);
    const { id, household } = ok.json() as { id: number; household: HouseholdCard };
    expect(household.tags).toContainEqual(
      expect.objectContaining({ code: 'severe_mental', riskLevel: '2级' }),
    );
    expect(
      (await gw.post(`/api/registry/households/${h.id}/tags`, { tagCode: 'severe_mental', residentId: r.id }))
        .statusCode,
    ).toBe(409);
    expect(await auditRows(t.deps, 'tag.assign')).toHaveLength(1);
    // A leader can neither see nor remove it.
    const leader = await as('leader1', 'leader', city.community);
    expect((await leader.del(`/api/registry/tag-assignments/${id}`)).statusCode).toBe(404);
    expect((await gw.del(`/api/registry/tag-assignments/${id}`)).statusCode).toBe(204);
    expect(await t.deps.db.selectFrom('tag_assignments').select('id').execute()).toEqual([]);
    expect(await auditRows(t.deps, 'tag.unassign')).toHaveLength(1);
  });

  it('when a read-only leader tries to assign a tag, then 403 and nothing is written', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '3');
    const h = await makeHousehold(t.deps, b, 1, 1, 1);
    await makeResident(t.deps, h, '某人');
    const leader = await as('leader1', 'leader', city.community);
    const res = await leader.post(`/api/registry/households/${h.id}/tags`, { tagCode: 'safe_family' });
    expect(res.statusCode).toBe(403);
    expect(await t.deps.db.selectFrom('tag_assignments').select('id').execute()).toEqual([]);
  });
});

describe('organisations', () => {
  it('when an organisation has a bad credit code, then 400 CREDIT_CODE_INVALID; a good one is stored with masked contact phone', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const good = makeCreditCode('91140302MA0K12345');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const base = { nodeId: city.micro11.id, name: '老王便利店', kind: 'shop', contactPhone: '13512345678' };
    const res = await gw.post('/api/registry/organisations', { ...base, creditCode: bad });
    expect(res.statusCode).toBe(400);
    expect(err(res.json()).code).toBe('CREDIT_CODE_INVALID');
    expect(await count('organisations')).toBe(0);
    const ok = await gw.post('/api/registry/organisations', { ...base, creditCode: good });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      creditCode: good,
      contactPhoneMasked: '135****5678',
      nodeName: city.micro11.name,
    });
    expect(ok.body).not.toContain('13512345678');
    expect(await auditRows(t.deps, 'organisation.create')).toHaveLength(1);
    const list = (await gw.get('/api/registry/organisations')).json() as { items: unknown[] };
    expect(list.items).toHaveLength(1);
    const other = await as('gw2', 'grid_worker', city.grid2);
    expect(((await other.get('/api/registry/organisations')).json() as { items: unknown[] }).items).toEqual(
      [],
    );
  });
});
