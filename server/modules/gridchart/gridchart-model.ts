import type { LocalizedText } from '../../../common/i18n.js';
import { type ActorAssignment, isInSubtree, isRole, type Role } from '../../../common/permissions.js';
import { ageOn, HOUSEHOLD_USES } from '../../../common/registry.js';
import { canSeeTag, DEFAULT_TAGS, DEFAULT_VISIT_PLANS, type TagSensitivity } from '../../../common/tags.js';

// PURE: the grid chart (网格图) from plain rows. `buildChartBase` does everything that does not depend on
// who is looking (derived tags, roll-up of persons' tags, screening, plan windows) and is cached per data
// version; `presentChart` then keeps only the tags the viewer may see on each household's node.

export interface ChartTag {
  id: number | null;
  code: string;
  name: LocalizedText;
  symbol: string;
  color: string;
  appliesTo: string;
  sensitivity: TagSensitivity;
  visibleRoles: Role[];
  derived: boolean;
}

export interface TagRow {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  symbol: string;
  color: string;
  applies_to: string;
  sensitivity: string;
  visible_roles: string;
  derived: number;
  active: number;
}

export interface ChartRows {
  buildings: Array<{
    id: number;
    number: string;
    name: string | null;
    node_id: number;
    units: number;
    floors: number;
    rooms_per_floor: number;
  }>;
  /** packed (see the repository): id, building_id, node_id, unit_no, floor, room_no, use */
  households: string;
  /** packed: household_id, living_here, political_status, birth_date — active residents only */
  residents: string;
  /** packed: household_id, visited_at, screened, dispute_found, dispute_resolved_at */
  visits: string;
  /** packed: household_id, tag_id, risk_level — persons' tags already rolled up to their household */
  tagAssignments: string;
  tags: TagRow[];
  plans: Array<{ path: string; tag_code: string | null; risk_levels: string | null; every_days: number }>;
  nodes: Array<{ id: number; path: string }>;
}

/** Field and record separators of packed rows (ASCII US / RS: never typed into a form). */
export const FIELD_SEP = '\u001f';
export const RECORD_SEP = '\u001e';

/** Splits a packed aggregate into records of fields. */
export function unpack(packed: string): string[][] {
  if (!packed) return [];
  return packed.split(RECORD_SEP).map((r) => r.split(FIELD_SEP));
}

interface BaseHousehold {
  id: number;
  nodeId: number;
  unit: number;
  floor: number;
  room: number;
  use: number;
  /** indexes into base.tags, ascending */
  tags: number[];
  screened: boolean;
  /** days since the last visit, or null when never visited */
  sinceVisit: number | null;
  /** [tag index or -1 for a plan for every household, window in days] */
  windows: Array<[number, number]>;
}

export interface ChartBase {
  tags: ChartTag[];
  nodePaths: Map<number, string>;
  buildings: Array<{
    id: number;
    number: string;
    name: string | null;
    nodeId: number;
    units: number;
    floors: number;
    roomsPerFloor: number;
    households: BaseHousehold[];
  }>;
}

/** [householdId, unitNo, floor, roomNo, use index, tag indexes, flags] */
export type RoomTuple = [number, number, number, number, number, number[], number];

export interface ChartBody {
  node: { id: number; name: string; level: string };
  version: string;
  today: string;
  uses: readonly string[];
  tags: Array<Omit<ChartTag, 'visibleRoles'>>;
  counts: Record<string, number>;
  buildings: Array<{
    id: number;
    number: string;
    name: string | null;
    nodeId: number;
    units: number;
    floors: number;
    roomsPerFloor: number;
    rooms: RoomTuple[];
  }>;
  screening: {
    period: string;
    screened: number;
    total: number;
    byBuilding: Record<string, [number, number]>;
  };
}

export const FLAG_SCREENED = 1;
export const FLAG_IN_PLAN_WINDOW = 2;

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;

/** The calendar date in China (UTC+8) as a Date at UTC midnight, for age and period arithmetic. */
export function chinaToday(now: Date): Date {
  const d = new Date(now.getTime() + CHINA_OFFSET);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** The screening quarter of a China date: its label (2026Q4) and its first instant as a UTC ISO string. */
export function quarterOf(today: Date): { period: string; since: string } {
  const q = Math.floor(today.getUTCMonth() / 3);
  const start = Date.UTC(today.getUTCFullYear(), q * 3, 1) - CHINA_OFFSET;
  return { period: `${today.getUTCFullYear()}Q${q + 1}`, since: new Date(start).toISOString() };
}

/** The dictionary as stored, plus any default tag not (yet) in it; inactive tags are left out. */
export function effectiveTags(rows: TagRow[]): ChartTag[] {
  const out: ChartTag[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(r.code);
    if (!r.active) continue;
    out.push({
      id: r.id,
      code: r.code,
      name: { zh: r.name_zh, en: r.name_en },
      symbol: r.symbol,
      color: r.color,
      appliesTo: r.applies_to,
      sensitivity: (['public', 'restricted', 'sensitive'].includes(r.sensitivity)
        ? r.sensitivity
        : 'sensitive') as TagSensitivity,
      visibleRoles: r.visible_roles
        .split(',')
        .map((s) => s.trim())
        .filter(isRole),
      derived: Boolean(r.derived),
    });
  }
  for (const d of DEFAULT_TAGS) {
    if (seen.has(d.code)) continue;
    out.push({
      id: null,
      code: d.code,
      name: d.name,
      symbol: d.symbol,
      color: d.color,
      appliesTo: d.appliesTo,
      sensitivity: d.sensitivity,
      visibleRoles: [...d.visibleRoles],
      derived: d.derived,
    });
  }
  return out;
}

// the same order as a.localeCompare(b, 'zh-CN', { numeric: true }), without a collator per comparison
const byNumber = new Intl.Collator('zh-CN', { numeric: true }).compare;

/**
 * Walks a packed aggregate record by record without splitting it: `next()` moves to the next record and
 * records where each of its `width` fields starts and ends, so reading a field allocates nothing unless
 * its text is needed. (Splitting 50,000 records into arrays of strings cost more than the queries did.)
 */
class PackedReader {
  private pos = 0;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  constructor(
    private readonly s: string,
    private readonly width: number,
  ) {
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
  }
  next(): boolean {
    const s = this.s;
    if (this.pos >= s.length) return false;
    let p = this.pos;
    const last = this.width - 1;
    for (let i = 0; i <= last; i++) {
      this.starts[i] = p;
      let e = i < last ? s.indexOf(FIELD_SEP, p) : s.indexOf(RECORD_SEP, p);
      if (e < 0) e = s.length;
      this.ends[i] = e;
      p = e + 1;
    }
    this.pos = p;
    return true;
  }
  /** The field as a number, as Number(text) would read it. */
  num(i: number): number {
    const s = this.s;
    const a = this.starts[i];
    const b = this.ends[i];
    let n = 0;
    for (let k = a; k < b; k++) {
      const c = s.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return Number(s.slice(a, b));
      n = n * 10 + c;
    }
    return n;
  }
  str(i: number): string {
    return this.s.slice(this.starts[i], this.ends[i]);
  }
  is(i: number, text: string): boolean {
    return this.ends[i] - this.starts[i] === text.length && this.s.startsWith(text, this.starts[i]);
  }
  empty(i: number): boolean {
    return this.ends[i] === this.starts[i];
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `ageOn(birth, today) >= years` for many people: a well-formed birth date is compared as text with the
 * date `years` years before today (the same answer, without parsing); anything else takes the long way.
 */
function ageAtLeast(today: Date, years: number) {
  const cut = `${String(today.getUTCFullYear() - years).padStart(4, '0')}${today.toISOString().slice(4, 10)}`;
  return (birth: string) => (ISO_DATE.test(birth) ? birth <= cut : ageOn(birth, today) >= years);
}

const PARTY = ['cpc_member', 'cpc_probationary'];

/**
 * Everything about the chart that does not depend on the viewer. The derived tags are those of
 * `deriveHouseholdTags` and `derivePersonTags` (common/tags.ts), worked out from per-household counts
 * instead of per-person objects; a model test holds the two to the same answers.
 */
export function buildChartBase(rows: ChartRows, today: Date): ChartBase {
  const tags = effectiveTags(rows.tags);
  const idxByCode = new Map(tags.map((t, i) => [t.code, i]));
  const idxById = new Map<number, number>();
  tags.forEach((t, i) => {
    if (t.id !== null) idxById.set(t.id, i);
  });
  const nodePaths = new Map(rows.nodes.map((n) => [n.id, n.path]));
  const todayMs = today.getTime();
  const since = quarterOf(today).since;

  // Households first: everything else is kept in arrays by a household's position here.
  const hr = new PackedReader(rows.households, 7);
  const ids: number[] = [];
  const buildingOf: number[] = [];
  const nodeOf: number[] = [];
  const units: number[] = [];
  const floors: number[] = [];
  const roomNos: number[] = [];
  const uses: string[] = [];
  const at = new Map<number, number>();
  while (hr.next()) {
    const id = hr.num(0);
    at.set(id, ids.length);
    ids.push(id);
    buildingOf.push(hr.num(1));
    nodeOf.push(hr.num(2));
    units.push(hr.num(3));
    floors.push(hr.num(4));
    roomNos.push(hr.num(5));
    uses.push(hr.str(6));
  }
  const n = ids.length;

  // Assigned tags per household (persons' tags arrive rolled up, repeats kept), with their risk levels.
  const assigned: Array<number[] | undefined> = new Array(n);
  const risks = new Map<number, Map<number, string[]>>();
  const tr = new PackedReader(rows.tagAssignments, 3);
  while (tr.next()) {
    const h = at.get(tr.num(0));
    const i = idxById.get(tr.num(1));
    if (h === undefined || i === undefined) continue;
    const list = assigned[h];
    if (list) list.push(i);
    else assigned[h] = [i];
    if (!tr.empty(2)) {
      let m = risks.get(h);
      if (!m) {
        m = new Map();
        risks.set(h, m);
      }
      const r = m.get(i);
      if (r) r.push(tr.str(2));
      else m.set(i, [tr.str(2)]);
    }
  }

  // From the active residents: how many live here, whether a CPC member does, the birth date of one who
  // does (it matters when they are the only one), and whether anybody is 80 or older.
  const living = new Uint16Array(n);
  const party = new Uint8Array(n);
  const veryOld = new Uint8Array(n);
  const livingBirth: string[] = new Array(n);
  const is60 = ageAtLeast(today, 60);
  const is80 = ageAtLeast(today, 80);
  const rr = new PackedReader(rows.residents, 4);
  while (rr.next()) {
    const h = at.get(rr.num(0));
    if (h === undefined) continue;
    const birth = rr.empty(3) ? '' : rr.str(3);
    if (rr.is(1, '1')) {
      living[h]++;
      livingBirth[h] = birth;
      if (rr.is(2, PARTY[0]) || rr.is(2, PARTY[1])) party[h] = 1;
    }
    if (birth && !veryOld[h] && is80(birth)) veryOld[h] = 1;
  }

  // Last visit, screened this quarter, open disputes.
  const lastVisit: string[] = new Array(n);
  const screened = new Uint8Array(n);
  const openDisputes = new Uint8Array(n);
  const vr = new PackedReader(rows.visits, 5);
  while (vr.next()) {
    const h = at.get(vr.num(0));
    if (h === undefined) continue;
    const when = vr.str(1);
    const prev = lastVisit[h];
    if (prev === undefined || when > prev) lastVisit[h] = when;
    if (vr.is(2, '1') && when >= since) screened[h] = 1;
    if (vr.is(3, '1') && vr.empty(4)) openDisputes[h] = 1;
  }

  const plans = rows.plans.length
    ? rows.plans.map((p) => ({
        path: p.path,
        tagCode: p.tag_code,
        riskLevels: p.risk_levels ? p.risk_levels.split(',').map((s) => s.trim()) : null,
        everyDays: p.every_days,
      }))
    : DEFAULT_VISIT_PLANS.map((p) => ({
        path: '/',
        tagCode: p.tagCode as string | null,
        riskLevels: 'riskLevels' in p ? [...p.riskLevels] : null,
        everyDays: p.everyDays,
      }));

  // The plans that reach each node (defined at it or above), with their tag as an index (-1: everyone);
  // `everyone` is the windows of a household no tag plan applies to, shared by all such households.
  interface NodePlans {
    all: Array<{ tag: number; riskLevels: string[] | null; everyDays: number }>;
    everyone: Array<[number, number]>;
  }
  const plansByNode = new Map<number, NodePlans>();
  const plansOn = (nodeId: number) => {
    let np = plansByNode.get(nodeId);
    if (!np) {
      const path = nodePaths.get(nodeId) ?? '';
      const all = plans
        .filter((p) => p.path === '/' || path.startsWith(p.path))
        .map((p) => ({
          tag: p.tagCode === null ? -1 : (idxByCode.get(p.tagCode) ?? -2),
          riskLevels: p.riskLevels,
          everyDays: p.everyDays,
        }))
        .filter((p) => p.tag !== -2);
      np = { all, everyone: all.filter((p) => p.tag === -1).map((p): [number, number] => [-1, p.everyDays]) };
      plansByNode.set(nodeId, np);
    }
    return np;
  };
  const code = (c: string) => idxByCode.get(c) ?? -1;
  const derivedIdx = {
    veryOld: code('very_old'),
    party: code('party_household'),
    elderlyAlone: code('elderly_alone'),
    dispute: code('dispute_household'),
  };
  const useTag = new Map<string, number>([
    ['rented', code('rented')],
    ['vacant', code('vacant')],
    ['commercial', code('business')],
  ]);
  const add = (list: number[], i: number) => {
    if (i >= 0 && !list.includes(i)) list.push(i);
  };
  const useIdx = new Map<string, number>(HOUSEHOLD_USES.map((u, i) => [u, i]));
  const byBuilding = new Map<number, BaseHousehold[]>();
  for (let h = 0; h < n; h++) {
    // a handful of tags per household: an array beats a Set here
    const tagList = assigned[h] ?? [];
    if (veryOld[h]) add(tagList, derivedIdx.veryOld);
    if (party[h]) add(tagList, derivedIdx.party);
    if (living[h] === 1 && livingBirth[h] && is60(livingBirth[h])) add(tagList, derivedIdx.elderlyAlone);
    const u = useTag.get(uses[h]);
    if (u !== undefined) add(tagList, u);
    if (openDisputes[h]) add(tagList, derivedIdx.dispute);
    let sinceVisit: number | null = null;
    const last = lastVisit[h];
    if (last) {
      const visitDay = Math.floor((Date.parse(last) + CHINA_OFFSET) / DAY) * DAY;
      sinceVisit = Math.round((todayMs - visitDay) / DAY);
    }
    const np = plansOn(nodeOf[h]);
    let windows = np.everyone;
    if (np.all.length !== windows.length) {
      const hRisks = risks.get(h);
      const own: Array<[number, number]> = [];
      for (const p of np.all) {
        if (p.tag === -1) {
          own.push([-1, p.everyDays]);
          continue;
        }
        if (!tagList.includes(p.tag)) continue;
        if (p.riskLevels && !(hRisks?.get(p.tag) ?? []).some((r) => p.riskLevels!.includes(r))) continue;
        own.push([p.tag, p.everyDays]);
      }
      if (own.length !== windows.length) windows = own;
    }
    let list = byBuilding.get(buildingOf[h]);
    if (!list) {
      list = [];
      byBuilding.set(buildingOf[h], list);
    }
    list.push({
      id: ids[h],
      nodeId: nodeOf[h],
      unit: units[h],
      floor: floors[h],
      room: roomNos[h],
      use: useIdx.get(uses[h]) ?? -1,
      tags: tagList.length > 1 ? tagList.sort((x, y) => x - y) : tagList,
      screened: screened[h] === 1,
      sinceVisit,
      windows,
    });
  }

  const buildings = rows.buildings
    .map((b) => ({
      id: b.id,
      number: b.number,
      name: b.name,
      nodeId: b.node_id,
      units: b.units,
      floors: b.floors,
      roomsPerFloor: b.rooms_per_floor,
      households: (byBuilding.get(b.id) ?? []).sort(
        (x, y) => x.unit - y.unit || x.floor - y.floor || x.room - y.room,
      ),
    }))
    .sort((x, y) => byNumber(x.number, y.number) || x.id - y.id);
  return { tags, nodePaths, buildings };
}

/** The roles an actor holds on a node: assignments at the node or above it. */
export function rolesOn(assignments: readonly ActorAssignment[], nodePath: string): Role[] {
  return [...new Set(assignments.filter((a) => isInSubtree(nodePath, a.nodePath)).map((a) => a.role))];
}

/**
 * The body one viewer receives: per household only the tags `canSeeTag` allows with the viewer's roles on
 * that household's node; the legend lists the tags visible somewhere in the view, counts only what is shown,
 * and the plan-window flag only weighs plans for tags the viewer sees.
 */
export function presentChart(
  base: ChartBase,
  assignments: readonly ActorAssignment[],
  meta: { node: { id: number; name: string; level: string }; version: string; today: Date },
): ChartBody {
  const visibleByNode = new Map<number, boolean[]>();
  const memo = new Map<string, boolean[]>();
  const visibleOn = (nodeId: number) => {
    let v = visibleByNode.get(nodeId);
    if (v) return v;
    const roles = rolesOn(assignments, base.nodePaths.get(nodeId) ?? '').sort();
    const key = roles.join(',');
    v = memo.get(key);
    if (!v) {
      v = base.tags.map((t) => canSeeTag(roles, t));
      memo.set(key, v);
    }
    visibleByNode.set(nodeId, v);
    return v;
  };

  const shownAnywhere = base.tags.map(() => false);
  const nodesInView = new Set<number>();
  for (const b of base.buildings) for (const h of b.households) nodesInView.add(h.nodeId);
  for (const nodeId of nodesInView)
    visibleOn(nodeId).forEach((ok, i) => {
      if (ok) shownAnywhere[i] = true;
    });
  const outIdx = new Map<number, number>();
  const tags: ChartBody['tags'] = [];
  base.tags.forEach((t, i) => {
    if (!shownAnywhere[i]) return;
    outIdx.set(i, tags.length);
    const { visibleRoles: _hidden, ...rest } = t;
    tags.push(rest);
  });
  const counts = new Array<number>(tags.length).fill(0);

  let screened = 0;
  let total = 0;
  const byBuilding: Record<string, [number, number]> = {};
  const buildings = base.buildings.map((b) => {
    let bScreened = 0;
    const rooms = b.households.map((h): RoomTuple => {
      const v = visibleOn(h.nodeId);
      const idx: number[] = [];
      for (const i of h.tags) {
        if (!v[i]) continue;
        const o = outIdx.get(i)!;
        idx.push(o);
        counts[o]++;
      }
      let flags = 0;
      if (h.screened) {
        flags |= FLAG_SCREENED;
        bScreened++;
      }
      if (h.sinceVisit !== null) {
        let window = Number.POSITIVE_INFINITY;
        for (const [i, days] of h.windows) if ((i < 0 || v[i]) && days < window) window = days;
        if (h.sinceVisit <= window && window !== Number.POSITIVE_INFINITY) flags |= FLAG_IN_PLAN_WINDOW;
      }
      return [h.id, h.unit, h.floor, h.room, h.use, idx, flags];
    });
    screened += bScreened;
    total += rooms.length;
    byBuilding[String(b.id)] = [bScreened, rooms.length];
    return {
      id: b.id,
      number: b.number,
      name: b.name,
      nodeId: b.nodeId,
      units: b.units,
      floors: b.floors,
      roomsPerFloor: b.roomsPerFloor,
      rooms,
    };
  });

  const { period } = quarterOf(meta.today);
  return {
    node: meta.node,
    version: meta.version,
    today: meta.today.toISOString().slice(0, 10),
    uses: HOUSEHOLD_USES,
    tags,
    counts: Object.fromEntries(tags.map((t, i) => [t.code, counts[i]])),
    buildings,
    screening: { period, screened, total, byBuilding },
  };
}
