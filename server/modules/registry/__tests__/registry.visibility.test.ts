import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import {
  ensureDefaultTags,
  makeBuilding,
  makeHousehold,
  makeResident,
  makeVisit,
  tagHousehold,
  tagResident,
} from '../../../test/registry-factories.js';

// Sensitive tags and unmasked identifiers never leave the server for a role that may not see them (issue 3).

type City = Awaited<ReturnType<typeof makeCity>>;
let t: TestApp;
let city: City;
let hh: { id: number; roomLabel: string; nodeId: number };
let patient: { id: number; idNumber: string | null; phone: string | null };
let spouse: { id: number; idNumber: string | null; phone: string | null };

const SENSITIVE = ['severe_mental', 'community_correction', 'dibao'];
const SENSITIVE_WORDS = [
  '严重精神障碍',
  '社区矫正',
  '低保户',
  '⊕',
  '矫',
  '缓刑',
  'Severe mental',
  'Community correction',
];
const PHONE = '13912345678';

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await ensureDefaultTags(t.deps);
  const b = await makeBuilding(t.deps, city.micro11, '3', { units: 2, floors: 6, roomsPerFloor: 2 });
  hh = await makeHousehold(t.deps, b, 2, 5, 1);
  patient = await makeResident(t.deps, hh, '张三丰', { phone: PHONE, politicalStatus: 'cpc_member' });
  spouse = await makeResident(t.deps, hh, '李四', { relation: 'spouse', phone: '13800001111' });
  await tagResident(t.deps, patient.id, 'severe_mental', '3级');
  await tagResident(t.deps, spouse.id, 'community_correction', '缓刑');
  await tagResident(t.deps, spouse.id, 'volunteer');
  await tagHousehold(t.deps, hh.id, 'dibao');
  await makeVisit(t.deps, hh, { disputeFound: true, findings: '邻里噪音纠纷' });
});
afterEach(async () => {
  await t.close();
});

async function as(username: string, role: Role, node: NodeRef): Promise<Client> {
  await makeUser(t.deps, username, [{ role, node }]);
  return login(t.app, username, TEST_PASSWORD);
}

/** Every body a viewer can get about this household and its people. */
async function bodies(c: Client) {
  return [
    await c.get('/api/registry/tags'),
    await c.get('/api/registry/households'),
    await c.get(`/api/registry/households?nodeId=${city.micro11.id}`),
    await c.get(`/api/registry/households/${hh.id}`),
    await c.get('/api/registry/residents'),
    await c.get(`/api/registry/residents?q=${encodeURIComponent('张三')}`),
    await c.get(`/api/registry/residents/${patient.id}`),
    await c.get(`/api/registry/residents/${spouse.id}`),
    await c.get(`/api/registry/households?tag=severe_mental`),
    await c.get(`/api/registry/residents?tag=community_correction`),
  ];
}

function expectNothingSensitive(texts: string[]) {
  for (const body of texts) {
    for (const code of SENSITIVE) expect(body).not.toContain(code);
    for (const w of SENSITIVE_WORDS) expect(body).not.toContain(w);
    expect(body).not.toContain(patient.idNumber!);
    expect(body).not.toContain(spouse.idNumber!);
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain('13800001111');
  }
}

describe('sensitive tags and identifiers at the API', () => {
  it('when a leader of the community reads lists, card and details, then no sensitive tag and no full ID or phone appears', async () => {
    const leader = await as('leader1', 'leader', city.community);
    const res = await bodies(leader);
    for (const r of res) expect(r.statusCode).toBe(200);
    expectNothingSensitive(res.map((r) => r.body));
    // The leader still sees public and restricted tags and full names (person.read), masked identifiers.
    const card = res[3].json() as { tags: Array<{ code: string }>; members: Array<Record<string, unknown>> };
    expect(card.tags.map((x) => x.code)).toEqual(expect.arrayContaining(['party_household', 'volunteer']));
    expect(card.tags.map((x) => x.code)).toContain('dispute_household');
    const m = card.members.find((x) => x.id === patient.id)!;
    expect(m.name).toBe('张三丰');
    expect(m.idNumberMasked).toMatch(/^140\*{11}\d{3}[\dX]$/);
    expect(m.phoneMasked).toBe('139****5678');
    expect(m.birthDate).toMatch(/^\d{4}-\d{2}$/);
    expect(m.allowedActions).toEqual([]);
    // Filtering by a tag the leader may not see answers like an unknown tag: nothing.
    expect(res[8].json()).toEqual({ items: [], total: 0, totalCapped: false });
    expect(res[9].json()).toEqual({ items: [], total: 0, totalCapped: false });
  });

  it('when a resident asks for the same things, then lists are refused and records answer 404 with audit entries', async () => {
    const resident = await as('res1', 'resident', city.micro11);
    const res = await bodies(resident);
    expectNothingSensitive(res.map((r) => r.body));
    expect(res[0].json()).toEqual({ items: [] });
    for (const r of [res[1], res[4], res[5], res[8], res[9]]) expect(r.statusCode).toBe(403);
    for (const r of [res[2], res[3], res[6], res[7]]) expect(r.statusCode).toBe(404);
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.map((d) => `${d.entity_type}:${d.entity_id}`)).toEqual(
      expect.arrayContaining([
        `household:${hh.id}`,
        `resident:${patient.id}`,
        `grid_node:${city.micro11.id}`,
      ]),
    );
  });

  it('when the grid worker of this grid opens the card, then sensitive tags with risk levels are there, identifiers still masked', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const card = (await gw.get(`/api/registry/households/${hh.id}`)).json() as {
      tags: Array<{ code: string; riskLevel?: string }>;
      members: Array<{
        id: number;
        tags: Array<{ code: string; riskLevel?: string }>;
        idNumberMasked: string;
      }>;
      openMatters: Array<{ disputeFound: boolean }>;
    };
    const codes = card.tags.map((x) => x.code);
    expect(codes).toEqual(
      expect.arrayContaining(['severe_mental', 'community_correction', 'dibao', 'party_household']),
    );
    expect(card.tags.find((x) => x.code === 'severe_mental')?.riskLevel).toBe('3级');
    expect(card.members.find((m) => m.id === spouse.id)?.tags.map((x) => x.code)).toEqual([
      'volunteer',
      'community_correction',
    ]);
    expect(card.openMatters).toHaveLength(1);
    const all = (await bodies(gw)).map((r) => r.body).join('\n');
    expect(all).not.toContain(patient.idNumber!);
    expect(all).not.toContain(PHONE);
    const filtered = (await gw.get('/api/registry/households?tag=severe_mental')).json() as {
      items: Array<{ id: number }>;
    };
    expect(filtered.items.map((h) => h.id)).toEqual([hh.id]);
  });

  it('when a grid worker of another grid asks for the household, then 404 and an audit entry, and lists omit it', async () => {
    const gw2 = await as('gw2', 'grid_worker', city.grid2);
    const res = await gw2.get(`/api/registry/households/${hh.id}`);
    expect(res.statusCode).toBe(404);
    expect((res.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.at(-1)).toMatchObject({
      entity_type: 'household',
      entity_id: String(hh.id),
      outcome: 'denied',
    });
    const list = (await gw2.get('/api/registry/households')).json() as { total: number };
    expect(list.total).toBe(0);
    expect((await gw2.get(`/api/registry/residents/${patient.id}`)).statusCode).toBe(404);
    const search = (await gw2.get(`/api/registry/residents?q=${patient.idNumber}`)).json() as {
      total: number;
    };
    expect(search.total).toBe(0);
  });
});
