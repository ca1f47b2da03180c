import { makeCreditCode } from '../../../common/credit-code.js';
import { makeIdNumber } from '../../../common/id-number.js';
import { roomLabel } from '../../../common/registry.js';
import type { Deps } from '../../context.js';
import { appendAudit } from '../../modules/audit/audit.service.js';
import { insertMissingDefaultTags, insertNameGrams } from '../../modules/registry/registry.repository.js';
import { seedDefaultVisitPlans } from '../../modules/visits/visits.service.js';
import type { Tx } from '../create-db.js';
import type { DB } from '../schema.js';
import { demoName } from './demo-data.js';

// People and places of 政府大院社区 for the demo (issue 3 item 8): one building per micro-grid (40 residential
// blocks of 6 or 18 storeys and 6 mixed blocks with shops below), about 3,000 households and 7,000 residents with
// valid synthetic ID numbers, a realistic tag mix, and six months of visits by the grid workers. Deterministic:
// the same seed and the same clock give the same rows. Written straight into the tables, in batches, in one
// transaction, so it runs in seconds on SQLite.

export const DEMO_COMMUNITY_CODE = '140302002001';
const REGION = '140302';
const DAY = 86_400_000;
const HISTORY_DAYS = 183;

export interface RegistryDemoOptions {
  seed?: number;
}

export interface RegistryDemoCounts {
  buildings: number;
  households: number;
  residents: number;
  organisations: number;
  tagAssignments: number;
  visits: number;
}

/** mulberry32: small, fast and good enough for demo data. */
export function makeRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof makeRng>;

// Common surnames, repeated roughly by frequency (王李张刘陈 lead everywhere; 阳泉 has many 郭, 赵, 张).
const SURNAMES = [
  ...'王王王王李李李李张张张张刘刘刘陈陈陈杨杨赵赵赵黄周周吴徐孙孙胡朱高郭郭郭何林罗马梁宋宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文',
];
const GIVEN_MALE = [
  '建国',
  '建华',
  '国强',
  '志强',
  '志刚',
  '海涛',
  '文明',
  '国庆',
  '卫东',
  '永红',
  '军',
  '伟',
  '磊',
  '勇',
  '涛',
  '鹏',
  '杰',
  '斌',
  '超',
  '强',
  '浩然',
  '宇轩',
  '子豪',
  '俊杰',
  '晓东',
  '红军',
  '保国',
  '振华',
  '德胜',
  '福生',
  '玉山',
  '长青',
  '明亮',
  '建军',
  '小龙',
  '志明',
  '家豪',
  '梓睿',
  '一鸣',
  '天佑',
];
const GIVEN_FEMALE = [
  '秀英',
  '桂兰',
  '玉兰',
  '桂英',
  '秀兰',
  '丽华',
  '春梅',
  '海燕',
  '红梅',
  '淑珍',
  '芳',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '婷',
  '雪',
  '洁',
  '欣怡',
  '梓涵',
  '诗涵',
  '雨桐',
  '晓燕',
  '丽娟',
  '美玲',
  '翠花',
  '金凤',
  '彩霞',
  '慧敏',
  '思琪',
  '佳怡',
  '若曦',
  '紫萱',
  '冬梅',
  '秋菊',
  '月娥',
  '凤英',
  '素芬',
];
const SHOPS = [
  ['便民超市', 'shop'],
  ['面馆', 'shop'],
  ['理发店', 'shop'],
  ['药店', 'shop'],
  ['水果店', 'shop'],
  ['五金店', 'shop'],
  ['早点铺', 'shop'],
  ['裁缝铺', 'shop'],
  ['快递驿站', 'enterprise'],
  ['家政服务部', 'enterprise'],
  ['烟酒店', 'shop'],
  ['手机维修', 'shop'],
] as const;
const FINDINGS_CALM = [
  '家中一切正常，身体状况良好。',
  '了解家庭近况，无特殊困难。',
  '宣传反诈知识，发放宣传单。',
  '提醒冬季用火用电安全。',
  '登记信息核对无误。',
  '告知社区惠民政策和办事渠道。',
  '询问有无矛盾纠纷，答复没有。',
  '老人精神状态良好，叮嘱按时服药。',
];
const FINDINGS_DISPUTE = [
  '反映楼上漏水，与邻居协商未果。',
  '与邻居因楼道堆物发生口角。',
  '反映楼下商户油烟噪音扰民。',
  '家庭成员因赡养问题产生矛盾。',
  '因小区停车位与他人争执。',
  '反映物业费收取有异议。',
  '与对门因装修噪音发生纠纷。',
];

const METHODS = [
  'in_person',
  'in_person',
  'in_person',
  'in_person',
  'in_person',
  'in_person',
  'phone',
  'phone',
  'wechat',
];

interface PersonDraft {
  name: string;
  sex: 'male' | 'female';
  birth: string; // YYYY-MM-DD
  relation: string;
  registeredHere: boolean;
  livingHere: boolean;
  political: string;
  tags: Array<[string, string | null]>;
}

interface HouseholdDraft {
  buildingIdx: number;
  unit: number;
  floor: number;
  room: number;
  use: string;
  people: PersonDraft[];
  kind: string;
}

function birthDate(rng: Rng, today: Date, age: number): string {
  const y = today.getUTCFullYear() - age - (rng.chance(0.5) ? 1 : 0);
  return `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

const ageOf = (birth: string, today: Date) => {
  const [y, m, d] = birth.split('-').map(Number);
  const md = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return today.getUTCFullYear() - y - (md < m * 100 + d ? 1 : 0);
};

function person(
  rng: Rng,
  today: Date,
  surname: string,
  sex: 'male' | 'female',
  age: number,
  relation: string,
): PersonDraft {
  const given = sex === 'male' ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE);
  const adult = age >= 18;
  let political = 'masses';
  if (adult && rng.chance(age >= 50 ? 0.13 : 0.08)) political = 'cpc_member';
  else if (age >= 14 && age <= 28 && rng.chance(0.35)) political = 'cyl_member';
  return {
    name: surname + given,
    sex,
    birth: birthDate(rng, today, age),
    relation,
    registeredHere: true,
    livingHere: true,
    political,
    tags: [],
  };
}

/** The members of one occupied household, by a household pattern drawn with realistic weights. */
function family(rng: Rng, today: Date, rented: boolean): { kind: string; people: PersonDraft[] } {
  const s = rng.pick(SURNAMES);
  const other = () => rng.pick(SURNAMES);
  const flip = (): 'male' | 'female' => (rng.chance(0.5) ? 'male' : 'female');
  if (rented) {
    const n = rng.int(1, 3);
    const people = [person(rng, today, s, flip(), rng.int(22, 45), 'self')];
    if (n >= 2)
      people.push(
        person(rng, today, other(), people[0].sex === 'male' ? 'female' : 'male', rng.int(22, 45), 'spouse'),
      );
    if (n >= 3) people.push(person(rng, today, s, flip(), rng.int(1, 12), 'child'));
    for (const p of people) p.registeredHere = false; // 人户分离: tenants keep their hukou elsewhere
    return { kind: 'tenants', people };
  }
  const r = rng.next();
  if (r < 0.09) {
    // an old person living alone; a child may still be registered here while living elsewhere
    const sex: 'male' | 'female' = rng.chance(0.68) ? 'female' : 'male';
    const people = [person(rng, today, s, sex, rng.int(62, 93), 'self')];
    if (rng.chance(0.4)) {
      const child = person(rng, today, s, flip(), rng.int(32, 60), 'child');
      child.livingHere = false;
      people.push(child);
    }
    return { kind: 'elderly_alone', people };
  }
  if (r < 0.22) {
    const age = rng.int(60, 85);
    const people = [
      person(rng, today, s, 'male', age, 'self'),
      person(rng, today, other(), 'female', age - rng.int(0, 4), 'spouse'),
    ];
    if (rng.chance(0.5)) {
      const child = person(rng, today, s, flip(), age - rng.int(24, 32), 'child');
      child.livingHere = false;
      people.push(child);
    }
    for (const p of people.slice(0, 2)) p.tags.push(['empty_nest', null]);
    return { kind: 'empty_nest', people };
  }
  if (r < 0.34) {
    const age = rng.int(24, 38);
    return {
      kind: 'couple',
      people: [
        person(rng, today, s, 'male', age, 'self'),
        person(rng, today, other(), 'female', age - rng.int(0, 3), 'spouse'),
      ],
    };
  }
  if (r < 0.69) {
    const age = rng.int(30, 50);
    const people = [
      person(rng, today, s, 'male', age, 'self'),
      person(rng, today, other(), 'female', age - rng.int(0, 4), 'spouse'),
    ];
    const kids = rng.chance(0.4) ? 2 : 1;
    for (let k = 0; k < kids; k++)
      people.push(person(rng, today, s, flip(), rng.int(1, Math.min(22, age - 23)), 'child'));
    return { kind: 'nuclear', people };
  }
  if (r < 0.82) {
    const age = rng.int(32, 48);
    const people = [
      person(rng, today, s, 'male', age, 'self'),
      person(rng, today, other(), 'female', age - rng.int(0, 3), 'spouse'),
      person(rng, today, s, flip(), rng.int(2, 16), 'child'),
      person(rng, today, s, rng.chance(0.6) ? 'female' : 'male', age + rng.int(25, 32), 'parent'),
    ];
    if (rng.chance(0.4))
      people.push(
        person(
          rng,
          today,
          other(),
          people[3].sex === 'male' ? 'female' : 'male',
          age + rng.int(25, 32),
          'parent',
        ),
      );
    return { kind: 'three_generations', people };
  }
  if (r < 0.86) {
    // grandparents raising a child whose parents work away (留守儿童)
    const age = rng.int(58, 72);
    const people = [
      person(rng, today, s, 'male', age, 'self'),
      person(rng, today, other(), 'female', age - rng.int(0, 3), 'spouse'),
      person(rng, today, s, flip(), rng.int(5, 14), 'grandchild'),
    ];
    const parent = person(rng, today, s, 'male', age - rng.int(24, 30), 'child');
    parent.livingHere = false;
    people.push(parent);
    if (rng.chance(0.6)) people[2].tags.push(['left_behind_child', null]);
    return { kind: 'left_behind', people };
  }
  const age = rng.int(23, 55);
  return { kind: 'single', people: [person(rng, today, s, flip(), age, 'self')] };
}

interface BuildingDraft {
  nodeId: number;
  gridIdx: number;
  number: string;
  type: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

/** One building per micro-grid: six mixed blocks with shops on the ground floor, eight 18-storey towers. */
function buildingsFor(rng: Rng, micro: Array<{ id: number; gridIdx: number }>): BuildingDraft[] {
  // Redraw until the community has about 3,000 rooms (the draw sequence keeps this deterministic).
  for (;;) {
    const drawn = drawBuildings(rng, micro);
    const rooms = drawn.reduce((n, b) => n + b.units * b.floors * b.roomsPerFloor, 0);
    if (rooms >= 2900 && rooms <= 3150) return drawn;
  }
}

function drawBuildings(rng: Rng, micro: Array<{ id: number; gridIdx: number }>): BuildingDraft[] {
  return micro.map((m, i) => {
    const mixed = i % 8 === 5;
    const tower = !mixed && i % 5 === 2;
    return {
      nodeId: m.id,
      gridIdx: m.gridIdx,
      number: String(i + 1),
      type: mixed ? 'mixed' : 'residential',
      units: rng.int(2, 4),
      floors: tower ? 18 : 6,
      roomsPerFloor: tower ? rng.int(2, 4) : rng.int(2, 3),
    };
  });
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

async function ensureTags(tx: Tx, at: string): Promise<Map<string, number>> {
  return (await insertMissingDefaultTags(tx, at)).ids;
}

async function insertBatches<T extends keyof DB>(
  tx: Tx,
  table: T,
  rows: ReadonlyArray<Record<string, unknown>>,
  size: number,
) {
  for (let i = 0; i < rows.length; i += size) {
    // Rows are built to the table's columns above; a generic table name defeats Kysely's row typing.
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/**
 * Seeds the people and places of 政府大院社区 (which must already exist with its 46 micro-grids) and six months
 * of visits, in one transaction. Does nothing when the community already has buildings.
 */
export async function seedRegistryDemo(
  deps: Deps,
  opts: RegistryDemoOptions = {},
): Promise<RegistryDemoCounts> {
  const rng = makeRng(opts.seed ?? 20261102);
  const nowDate = deps.clock.now();
  const now = nowDate.getTime();
  const iso = (t: number) => new Date(t).toISOString();
  const createdAt = iso(now - 400 * DAY);
  const historyStart = now - HISTORY_DAYS * DAY;
  const counts: RegistryDemoCounts = {
    buildings: 0,
    households: 0,
    residents: 0,
    organisations: 0,
    tagAssignments: 0,
    visits: 0,
  };

  await deps.db.transaction().execute(async (tx) => {
    const community = await tx
      .selectFrom('grid_nodes')
      .select(['id', 'path'])
      .where('code', '=', DEMO_COMMUNITY_CODE)
      .executeTakeFirst();
    if (!community) return;
    const nodes = await tx
      .selectFrom('grid_nodes')
      .select(['id', 'parent_id', 'level', 'code', 'path'])
      .where('path', 'like', `${community.path}%`)
      .orderBy('code')
      .execute();
    const grids = nodes.filter((n) => n.level === 'grid');
    const micro = nodes
      .filter((n) => n.level === 'microgrid')
      .map((m) => ({ id: m.id, gridIdx: grids.findIndex((g) => g.id === m.parent_id) }));
    const already = await tx
      .selectFrom('buildings')
      .select('id')
      .where(
        'node_id',
        'in',
        micro.map((m) => m.id),
      )
      .limit(1)
      .executeTakeFirst();
    if (already || !micro.length) return;

    const tagIds = await ensureTags(tx, createdAt);
    await seedDefaultVisitPlans(tx, community.id, iso(historyStart));

    // Grid workers: the demo account grid1 on grid 1, the full-time worker on the staff list elsewhere.
    const grid1User = await tx
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'grid1')
      .executeTakeFirst();
    const staff = await tx
      .selectFrom('grid_staff')
      .select(['node_id', 'name'])
      .where('post', '=', 'fulltime_worker')
      .where(
        'node_id',
        'in',
        grids.map((g) => g.id),
      )
      .execute();
    const visitorOf = grids.map((g, i) =>
      i === 0 && grid1User
        ? { id: grid1User.id as number | null, name: grid1User.display_name }
        : { id: null, name: staff.find((s) => s.node_id === g.id)?.name ?? '网格员' },
    );

    // ---- buildings
    const buildings = buildingsFor(rng, micro);
    await insertBatches(
      tx,
      'buildings',
      buildings.map((b, i) => ({
        node_id: b.nodeId,
        number: b.number,
        name: `${b.number}号楼`,
        address: `阳泉市城区北大街政府大院${b.number}号楼`,
        type: b.type,
        units: b.units,
        floors: b.floors,
        rooms_per_floor: b.roomsPerFloor,
        lat: 37.857 + (Math.floor(i / 8) - 3) * 0.0006,
        lng: 113.571 + ((i % 8) - 4) * 0.0007,
        retired_at: null,
        created_at: createdAt,
        updated_at: createdAt,
      })),
      200,
    );
    const buildingRows = await tx
      .selectFrom('buildings')
      .select(['id', 'number', 'node_id'])
      .where(
        'node_id',
        'in',
        micro.map((m) => m.id),
      )
      .execute();
    const buildingId = new Map(buildingRows.map((b) => [b.number, b.id]));
    counts.buildings = buildings.length;

    // ---- households and their people
    const drafts: HouseholdDraft[] = [];
    buildings.forEach((b, bi) => {
      for (let u = 1; u <= b.units; u++)
        for (let f = 1; f <= b.floors; f++)
          for (let r = 1; r <= b.roomsPerFloor; r++) {
            let use = 'owner';
            if (b.type === 'mixed' && f === 1) use = 'commercial';
            else if (rng.chance(0.06)) use = 'vacant';
            else if (rng.chance(0.12)) use = 'rented';
            const fam = use === 'owner' || use === 'rented' ? family(rng, nowDate, use === 'rented') : null;
            drafts.push({
              buildingIdx: bi,
              unit: u,
              floor: f,
              room: r,
              use,
              people: fam?.people ?? [],
              kind: fam?.kind ?? use,
            });
          }
    });
    // resident1's home: the first owner-occupied household of building 1 (微网格 1 of 第一网格).
    const home = drafts.find((d) => d.buildingIdx === 0 && d.use === 'owner');
    if (home) home.people[0].name = demoName(31);

    // Special populations in small, realistic proportions, on the people drawn above.
    const everyone = drafts.flatMap((d) => d.people);
    const adults = everyone.filter((p) => ageOf(p.birth, nowDate) >= 18 && p.livingHere);
    const add = (list: PersonDraft[], n: number, code: string, levels?: readonly string[]) => {
      for (let i = 0; i < n && list.length; i++) {
        const p = list[rng.int(0, list.length - 1)];
        if (p.tags.some(([c]) => c === code)) continue;
        p.tags.push([code, levels ? rng.pick(levels) : null]);
      }
    };
    add(
      everyone.filter((p) => p.livingHere),
      Math.round(everyone.length * 0.02),
      'disabled',
    );
    add(
      adults.filter((p) => p.sex === 'male' && ageOf(p.birth, nowDate) >= 28),
      42,
      'veteran',
    );
    add(
      adults.filter((p) => ageOf(p.birth, nowDate) >= 55),
      12,
      'entitled_group',
    );
    add(adults, 26, 'severe_mental', ['0级', '1级', '1级', '2级', '2级', '3级', '4级']);
    add(
      adults.filter((p) => ageOf(p.birth, nowDate) < 60),
      6,
      'community_correction',
      ['缓刑', '缓刑', '假释', '管制', '暂予监外执行'],
    );
    add(
      adults.filter((p) => p.sex === 'male' && ageOf(p.birth, nowDate) < 65),
      9,
      'released_prisoner',
    );
    add(
      adults.filter((p) => ageOf(p.birth, nowDate) < 50),
      3,
      'drug_user',
    );
    add(
      everyone.filter((p) => ageOf(p.birth, nowDate) >= 13 && ageOf(p.birth, nowDate) <= 18),
      8,
      'key_youth',
    );
    add(
      adults.filter((p) => ageOf(p.birth, nowDate) >= 60),
      5,
      'tekun',
    );
    add(
      adults.filter((p) => ageOf(p.birth, nowDate) < 70),
      120,
      'volunteer',
    );
    add(
      adults.filter((p) => p.political === 'cpc_member'),
      2,
      'petition_agent',
    );
    // grid 1 gets one unstable patient in a household of its own, so grid1's list shows the 2-week plan.
    const g1 = drafts.find((d) => buildings[d.buildingIdx].gridIdx === 0 && d.kind === 'nuclear');
    if (g1 && !g1.people[0].tags.some(([c]) => c === 'severe_mental'))
      g1.people[0].tags.push(['severe_mental', '4级']);

    const hhRows = drafts.map((d) => {
      const b = buildings[d.buildingIdx];
      return {
        building_id: buildingId.get(b.number)!,
        node_id: b.nodeId,
        unit_no: d.unit,
        floor: d.floor,
        room_no: d.room,
        room_label: roomLabel(b.number, d.unit, d.floor, d.room),
        use: d.use,
        householder_id: null,
        created_at: createdAt,
        updated_at: createdAt,
      };
    });
    await insertBatches(tx, 'households', hhRows, 1000);
    const hhIds = await tx
      .selectFrom('households')
      .select(['id', 'room_label'])
      .where('building_id', 'in', [...buildingId.values()])
      .execute();
    const hhIdByLabel = new Map(hhIds.map((h) => [h.room_label, h.id]));
    const hhId = (d: HouseholdDraft) =>
      hhIdByLabel.get(roomLabel(buildings[d.buildingIdx].number, d.unit, d.floor, d.room))!;
    counts.households = drafts.length;

    // ID numbers: region 140302, the birth date, a sequence whose last digit is odd for men (GB 11643).
    const usedSeq = new Map<string, number>();
    const idNumber = (p: PersonDraft) => {
      const birth8 = p.birth.replaceAll('-', '');
      let seq = usedSeq.get(birth8) ?? rng.int(0, 40) * 2;
      if (seq % 2 === (p.sex === 'male' ? 0 : 1)) seq++;
      usedSeq.set(birth8, seq + 1);
      return makeIdNumber(REGION, birth8, String(seq % 1000).padStart(3, '0'));
    };
    const phoneOf = (i: number) =>
      `${['139', '138', '135', '186', '152', '158', '137'][i % 7]}${String(3530000 + ((i * 7919) % 9_999_999))
        .padStart(8, '0')
        .slice(-8)}`;
    const residentRows: Array<Record<string, unknown>> = [];
    const taggedBidx: Array<[string, string, string | null]> = [];
    let n = 0;
    for (const d of drafts) {
      const householdId = hhId(d);
      const node = buildings[d.buildingIdx].nodeId;
      for (const p of d.people) {
        const id = idNumber(p);
        const bidx = deps.crypto.blindIndex('id_number', id);
        const age = ageOf(p.birth, nowDate);
        const phone = age >= 16 && rng.chance(0.75) ? phoneOf(n) : null;
        n++;
        residentRows.push({
          household_id: householdId,
          node_id: node,
          name: p.name,
          id_number_enc: deps.crypto.encrypt(id),
          id_number_bidx: bidx,
          birth_date: p.birth,
          sex: p.sex,
          phone_enc: phone ? deps.crypto.encrypt(phone) : null,
          phone_bidx: phone ? deps.crypto.blindIndex('phone', phone) : null,
          relation: p.relation,
          registered_here: p.registeredHere ? 1 : 0,
          living_here: p.livingHere ? 1 : 0,
          political_status: p.political,
          ethnicity: rng.chance(0.97) ? '汉族' : rng.pick(['回族', '满族', '蒙古族']),
          education: null,
          marital_status: null,
          occupation: age >= 60 ? '退休' : age < 18 ? '学生' : null,
          employer: null,
          notes: null,
          status: 'active',
          moved_in_at: createdAt.slice(0, 10),
          moved_out_at: null,
          created_at: createdAt,
          updated_at: createdAt,
        });
        for (const [code, level] of p.tags) taggedBidx.push([bidx, code, level]);
      }
    }
    const before = await tx
      .selectFrom('residents')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    await insertBatches(tx, 'residents', residentRows, deps.kind === 'sqlite' ? 400 : 800);
    counts.residents = residentRows.length;
    await insertNameGrams(
      tx,
      await tx
        .selectFrom('residents')
        .select(['id', 'name'])
        .where('id', '>', Number(before?.m ?? 0))
        .execute(),
    );
    await tx
      .updateTable('households')
      .set((eb) => ({
        householder_id: eb
          .selectFrom('residents')
          .select((e) => e.fn.min('residents.id').as('m'))
          .whereRef('residents.household_id', '=', 'households.id')
          .where('residents.relation', '=', 'self'),
      }))
      .where('building_id', 'in', [...buildingId.values()])
      .execute();
    const residentIds = await tx
      .selectFrom('residents')
      .select(['id', 'id_number_bidx'])
      .where(
        'node_id',
        'in',
        micro.map((m) => m.id),
      )
      .execute();
    const residentByBidx = new Map(residentIds.map((r) => [r.id_number_bidx, r.id]));

    // ---- tags: people's from the draw, households' (低保, 平安家庭) here
    const tagRows: Array<Record<string, unknown>> = taggedBidx.map(([bidx, code, level]) => ({
      tag_id: tagIds.get(code)!,
      household_id: null,
      resident_id: residentByBidx.get(bidx)!,
      risk_level: level,
      note: null,
      since: createdAt.slice(0, 10),
      actor_id: null,
      created_at: createdAt,
    }));
    for (const d of drafts) {
      if (!d.people.length || d.kind === 'tenants') continue;
      const old = d.kind === 'elderly_alone' || d.kind === 'empty_nest' || d.kind === 'left_behind';
      const extra: string[] = [];
      if (rng.chance(old ? 0.07 : 0.015)) extra.push('dibao');
      if (rng.chance(0.1)) extra.push('safe_family');
      for (const code of extra)
        tagRows.push({
          tag_id: tagIds.get(code)!,
          household_id: hhId(d),
          resident_id: null,
          risk_level: null,
          note: null,
          since: createdAt.slice(0, 10),
          actor_id: null,
          created_at: createdAt,
        });
    }
    await insertBatches(tx, 'tag_assignments', tagRows, 1000);
    counts.tagAssignments = tagRows.length;

    // ---- shops in the commercial rooms
    const orgRows = drafts
      .filter((d) => d.use === 'commercial')
      .map((d, i) => {
        const b = buildings[d.buildingIdx];
        const [kindName, kind] = SHOPS[i % SHOPS.length];
        const body = Array.from({ length: 9 }, () => CHARSET[rng.int(0, CHARSET.length - 1)]).join('');
        const owner = `${rng.pick(SURNAMES)}${rng.pick(GIVEN_MALE)}`;
        const phone = phoneOf(50_000 + i);
        return {
          node_id: b.nodeId,
          building_id: buildingId.get(b.number)!,
          household_id: hhId(d),
          name: `阳泉市城区${owner.slice(0, 1)}记${kindName}`,
          kind,
          credit_code: makeCreditCode(`${kind === 'shop' ? '92' : '91'}${REGION}${body}`),
          contact_name: owner,
          contact_phone_enc: deps.crypto.encrypt(phone),
          contact_phone_bidx: deps.crypto.blindIndex('phone', phone),
          address: `北大街政府大院${roomLabel(b.number, d.unit, d.floor, d.room)}`,
          created_at: createdAt,
          updated_at: createdAt,
        };
      });
    await insertBatches(tx, 'organisations', orgRows, 500);
    counts.organisations = orgRows.length;

    // ---- six months of visits
    const visits: Array<Record<string, unknown>> = [];
    const visit = (d: HouseholdDraft, at: number, o: { dispute?: boolean; findings?: string } = {}) => {
      if (at > now || at < historyStart) return;
      const g = buildings[d.buildingIdx].gridIdx;
      const who = visitorOf[Math.max(0, g)];
      const dispute = o.dispute ?? false;
      let resolved: string | null = null;
      if (dispute) {
        const r = at + rng.int(2, 40) * DAY;
        if (r < now && rng.chance(0.75)) resolved = iso(r);
      }
      visits.push({
        household_id: hhId(d),
        node_id: buildings[d.buildingIdx].nodeId,
        resident_id: null,
        plan_id: null,
        visitor_id: who.id,
        visitor_name: who.name,
        visited_at: iso(at),
        method: d.use === 'vacant' ? 'phone' : rng.pick(METHODS),
        findings:
          o.findings ??
          (dispute ? rng.pick(FINDINGS_DISPUTE) : rng.chance(0.5) ? rng.pick(FINDINGS_CALM) : null),
        screened: 1,
        dispute_found: dispute ? 1 : 0,
        dispute_resolved_at: resolved,
        follow_up: dispute || rng.chance(0.03) ? 1 : 0,
        flagged: dispute && !resolved && rng.chance(0.3) ? 1 : 0,
        created_at: iso(at),
      });
    };
    const hourOf = () => (rng.int(9, 17) - 8) * 3_600_000 + rng.int(0, 59) * 60_000; // 09:00–17:59 Beijing
    const dayStart = (t: number) => Math.floor((t + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
    for (const d of drafts) {
      // Quarterly screening on a rhythm of its own per household; a few are skipped or running late.
      const phase = rng.int(0, 95);
      for (let k = 0; k < 3; k++) {
        if (rng.chance(0.03)) continue;
        const at = dayStart(now - (phase + k * 91) * DAY) + hourOf();
        visit(d, at, { dispute: d.people.length > 0 && rng.chance(0.05) });
      }
      const tags = d.people.flatMap((p) => p.tags);
      // 独居老人 weekly (derived from the data: one living-here resident aged 60+)
      const living = d.people.filter((p) => p.livingHere);
      if (living.length === 1 && ageOf(living[0].birth, nowDate) >= 60) {
        const late = rng.int(0, 10);
        for (let t = now - late * DAY; t > historyStart; t -= 7 * DAY)
          visit(d, dayStart(t - rng.int(0, 1) * DAY) + hourOf(), { findings: rng.pick(FINDINGS_CALM) });
      }
      const severe = tags.find(([c]) => c === 'severe_mental');
      if (severe) {
        const every = ['3级', '4级', '5级'].includes(severe[1] ?? '') ? 14 : 90;
        const late = rng.int(0, every === 14 ? 20 : 30);
        for (let t = now - late * DAY; t > historyStart; t -= every * DAY)
          visit(d, dayStart(t) + hourOf(), { findings: '随访：服药情况正常，情绪稳定。' });
      }
    }
    visits.sort((a, b) => String(a.visited_at).localeCompare(String(b.visited_at)));
    await insertBatches(tx, 'visits', visits, 1000);
    counts.visits = visits.length;

    await appendAudit(
      tx,
      deps.kind,
      { actorId: null, actorName: 'system', ip: null, requestId: null },
      { action: 'demo.seed_registry', nodeId: community.id, after: counts },
      nowDate,
    );
  });
  return counts;
}
