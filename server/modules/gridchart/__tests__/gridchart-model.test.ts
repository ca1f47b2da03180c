import { describe, expect, it } from 'vitest';
import { deriveHouseholdTags, derivePersonTags } from '../../../../common/tags.js';
import {
  buildChartBase,
  type ChartRows,
  chinaToday,
  FIELD_SEP,
  FLAG_IN_PLAN_WINDOW,
  FLAG_SCREENED,
  presentChart,
  quarterOf,
  RECORD_SEP,
} from '../gridchart-model.js';

const pack = (rows: Array<Array<string | number | null>>) =>
  rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(FIELD_SEP)).join(RECORD_SEP);

const today = chinaToday(new Date('2026-11-02T01:00:00Z'));
const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000 + 3_600_000).toISOString();

// Tags come from the defaults (the dictionary table is empty); severe_mental is a dictionary row (id 1).
const rows = (visits: Array<[number, string]>): ChartRows => ({
  nodes: [{ id: 5, path: '/1/5/' }],
  buildings: [{ id: 1, number: '3', name: null, node_id: 5, units: 1, floors: 1, rooms_per_floor: 2 }],
  households: pack([
    [10, 1, 5, 1, 1, 1, 'owner'],
    [11, 1, 5, 1, 1, 2, 'owner'],
  ]),
  residents: pack([
    [10, 1, 'masses', '1950-01-01'],
    [11, 1, 'masses', '1980-01-01'],
    [11, 1, 'masses', '1982-01-01'],
  ]),
  visits: pack(visits.map(([h, at]) => [h, at, 1, 0, null])),
  tagAssignments: pack([[11, 1, '3级']]),
  tags: [
    {
      id: 1,
      code: 'severe_mental',
      name_zh: '严重精神障碍',
      name_en: 'Severe mental disorder',
      symbol: '⊕',
      color: '#9e1068',
      applies_to: 'person',
      sensitivity: 'sensitive',
      visible_roles: 'grid_worker,community_staff',
      derived: 0,
      active: 1,
    },
  ],
  plans: [],
});

const worker = [{ role: 'grid_worker' as const, nodeId: 5, nodePath: '/1/5/' }];
const leader = [{ role: 'leader' as const, nodeId: 1, nodePath: '/1/' }];
const meta = { node: { id: 5, name: 'g', level: 'grid' }, version: 'v', today };
const flags = (body: ReturnType<typeof presentChart>, id: number) =>
  body.buildings[0].rooms.find((r) => r[0] === id)![6];

describe('grid chart model', () => {
  it('when the date is in November (China time), then the period is Q4 starting 1 October 00:00 +08:00', () => {
    expect(quarterOf(today)).toEqual({ period: '2026Q4', since: '2026-09-30T16:00:00.000Z' });
    expect(chinaToday(new Date('2026-12-31T17:00:00Z')).toISOString().slice(0, 10)).toBe('2027-01-01');
  });

  it('when an elder living alone was visited 10 days ago, then screened but outside the weekly plan window', () => {
    const base = buildChartBase(rows([[10, daysAgo(10)]]), today);
    const body = presentChart(base, worker, meta);
    expect(body.buildings[0].rooms[0][5].map((i) => body.tags[i].code)).toEqual(['elderly_alone']);
    expect(flags(body, 10)).toBe(FLAG_SCREENED);
    const recent = presentChart(buildChartBase(rows([[10, daysAgo(3)]]), today), worker, meta);
    expect(flags(recent, 10)).toBe(FLAG_SCREENED | FLAG_IN_PLAN_WINDOW);
  });

  it('when the 2-week plan of a sensitive tag applies, then only a viewer who sees the tag gets it weighed', () => {
    const base = buildChartBase(rows([[11, daysAgo(20)]]), today);
    // grid worker sees severe_mental (risk 3级 → every 14 days): 20 days is outside the window
    expect(flags(presentChart(base, worker, meta), 11) & FLAG_IN_PLAN_WINDOW).toBe(0);
    // a leader does not see the tag, so only the quarterly screening plan counts: inside the window
    const forLeader = presentChart(base, leader, meta);
    expect(flags(forLeader, 11) & FLAG_IN_PLAN_WINDOW).toBe(FLAG_IN_PLAN_WINDOW);
    expect(forLeader.tags.map((t) => t.code)).not.toContain('severe_mental');
    expect(JSON.stringify(forLeader)).not.toContain('⊕');
  });

  it('when households of every kind are derived in bulk, then their tags are exactly those of common/tags.ts', () => {
    // Birth dates on and around the 60th and 80th birthdays (29 February included), empty and malformed ones.
    const births = ['', '1940-1-5', '940-01-01', '1960-02-29', '1946-02-28', '1946-03-01', '1968-02-29'];
    for (const y of [1945, 1946, 1947, 1965, 1966, 1967, 1968, 1990])
      for (const md of ['01-01', '02-28', '02-29', '03-01', '11-01', '11-02', '11-03', '12-31'])
        births.push(`${y}-${md}`);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const households: Array<Array<string | number>> = [];
    const residents: Array<Array<string | number>> = [];
    const visits: Array<Array<string | number | null>> = [];
    const inputs = new Map<number, Parameters<typeof deriveHouseholdTags>[0]>();
    for (let id = 1; id <= 600; id++) {
      const use = pick(['owner', 'rented', 'vacant', 'commercial']);
      const members = Array.from({ length: Math.floor(rand() * 4) }, () => ({
        birthDate: pick(births),
        livingHere: rand() < 0.7,
        politicalStatus: pick(['masses', 'masses', 'cpc_member', 'cpc_probationary', 'league_member']),
        status: 'active',
      }));
      const openDisputes = rand() < 0.2 ? 1 : 0;
      households.push([id, 1, 5, 1, Math.ceil(id / 10), id % 10, use]);
      for (const m of members) residents.push([id, m.livingHere ? 1 : 0, m.politicalStatus, m.birthDate]);
      if (openDisputes) visits.push([id, daysAgo(1), 1, 1, null]);
      inputs.set(id, {
        use,
        members: members.map((m) => ({ ...m, birthDate: m.birthDate || null })),
        openDisputes,
      });
    }
    for (const day of ['2026-11-02', '2026-02-28', '2028-02-29', '2027-03-01']) {
      const on = new Date(`${day}T00:00:00Z`);
      const base = buildChartBase(
        {
          ...rows([]),
          buildings: [
            { id: 1, number: '1', name: null, node_id: 5, units: 1, floors: 60, rooms_per_floor: 10 },
          ],
          households: pack(households),
          residents: pack(residents),
          visits: pack(visits),
          tagAssignments: '',
        },
        on,
      );
      for (const h of base.buildings[0].households) {
        const input = inputs.get(h.id)!;
        const expected = new Set(deriveHouseholdTags(input, on));
        if (input.members.some((m) => derivePersonTags(m, on).length)) expected.add('very_old');
        expect(h.tags.map((i) => base.tags[i].code).sort(), `${day} household ${h.id}`).toEqual(
          [...expected].sort(),
        );
      }
    }
  });
});
