import type { LocalizedText } from '../../../common/i18n.js';
import { type ActorAssignment, isInSubtree, isRole, type Role } from '../../../common/permissions.js';
import { HOUSEHOLD_USES } from '../../../common/registry.js';
import {
  canSeeTag,
  DEFAULT_TAGS,
  DEFAULT_VISIT_PLANS,
  deriveHouseholdTags,
  derivePersonTags,
  type TagSensitivity,
} from '../../../common/tags.js';

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

const byNumber = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

interface Member {
  birthDate: string | null;
  livingHere: boolean;
  politicalStatus: string;
  status: string;
}

/** Everything about the chart that does not depend on the viewer. */
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

  // Assigned tags per household (persons' tags arrive rolled up), with their risk levels.
  const assigned = new Map<number, number[]>();
  const risks = new Map<number, Map<number, string[]>>();
  for (const [hid, tagId, risk] of unpack(rows.tagAssignments)) {
    const h = Number(hid);
    const i = idxById.get(Number(tagId));
    if (i === undefined) continue;
    const list = assigned.get(h);
    if (list) list.push(i);
    else assigned.set(h, [i]);
    if (risk) {
      let m = risks.get(h);
      if (!m) {
        m = new Map();
        risks.set(h, m);
      }
      const r = m.get(i);
      if (r) r.push(risk);
      else m.set(i, [risk]);
    }
  }

  // Members per household, and 高龄老人 rolled up from any of them. Nobody born after (year − 80) can be 80,
  // so only the others are put to derivePersonTags.
  const members = new Map<number, Member[]>();
  const veryOld = idxByCode.get('very_old');
  const oldHouseholds = new Set<number>();
  const latestOldYear = today.getUTCFullYear() - 80;
  for (const [hid, living, political, birth] of unpack(rows.residents)) {
    const h = Number(hid);
    const m: Member = {
      birthDate: birth || null,
      livingHere: living === '1',
      politicalStatus: political,
      status: 'active',
    };
    const list = members.get(h);
    if (list) list.push(m);
    else members.set(h, [m]);
    if (
      veryOld !== undefined &&
      m.birthDate &&
      Number(m.birthDate.slice(0, 4)) <= latestOldYear &&
      derivePersonTags(m, today).length
    )
      oldHouseholds.add(h);
  }

  // Last visit, screened this quarter, open disputes.
  const lastVisit = new Map<number, string>();
  const screenedSet = new Set<number>();
  const openDisputes = new Map<number, number>();
  for (const [hid, at, screened, found, resolved] of unpack(rows.visits)) {
    const h = Number(hid);
    const prev = lastVisit.get(h);
    if (prev === undefined || at > prev) lastVisit.set(h, at);
    if (screened === '1' && at >= since) screenedSet.add(h);
    if (found === '1' && !resolved) openDisputes.set(h, (openDisputes.get(h) ?? 0) + 1);
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

  // The plans that reach each node (defined at it or above), with their tag as an index (-1: everyone).
  const plansByNode = new Map<
    number,
    Array<{ tag: number; riskLevels: string[] | null; everyDays: number }>
  >();
  const plansOn = (nodeId: number) => {
    let list = plansByNode.get(nodeId);
    if (!list) {
      const path = nodePaths.get(nodeId) ?? '';
      list = plans
        .filter((p) => p.path === '/' || path.startsWith(p.path))
        .map((p) => ({
          tag: p.tagCode === null ? -1 : (idxByCode.get(p.tagCode) ?? -2),
          riskLevels: p.riskLevels,
          everyDays: p.everyDays,
        }))
        .filter((p) => p.tag !== -2);
      plansByNode.set(nodeId, list);
    }
    return list;
  };
  const useIdx = new Map<string, number>(HOUSEHOLD_USES.map((u, i) => [u, i]));
  const byBuilding = new Map<number, BaseHousehold[]>();
  const NO_MEMBERS: Member[] = [];
  for (const rec of unpack(rows.households)) {
    const h = {
      id: Number(rec[0]),
      building_id: Number(rec[1]),
      node_id: Number(rec[2]),
      unit_no: Number(rec[3]),
      floor: Number(rec[4]),
      room_no: Number(rec[5]),
      use: rec[6],
    };
    // a handful of tags per household: an array beats a Set here
    const tagList = assigned.get(h.id)?.slice() ?? [];
    if (veryOld !== undefined && oldHouseholds.has(h.id) && !tagList.includes(veryOld)) tagList.push(veryOld);
    const derived = deriveHouseholdTags(
      { use: h.use, members: members.get(h.id) ?? NO_MEMBERS, openDisputes: openDisputes.get(h.id) ?? 0 },
      today,
    );
    for (const code of derived) {
      const i = idxByCode.get(code);
      if (i !== undefined && !tagList.includes(i)) tagList.push(i);
    }
    let sinceVisit: number | null = null;
    const last = lastVisit.get(h.id);
    if (last) {
      const visitDay = Math.floor((Date.parse(last) + CHINA_OFFSET) / DAY) * DAY;
      sinceVisit = Math.round((todayMs - visitDay) / DAY);
    }
    const hRisks = risks.get(h.id);
    const windows: Array<[number, number]> = [];
    for (const p of plansOn(h.node_id)) {
      if (p.tag === -1) {
        windows.push([-1, p.everyDays]);
        continue;
      }
      if (!tagList.includes(p.tag)) continue;
      if (p.riskLevels && !(hRisks?.get(p.tag) ?? []).some((r) => p.riskLevels!.includes(r))) continue;
      windows.push([p.tag, p.everyDays]);
    }
    let list = byBuilding.get(h.building_id);
    if (!list) {
      list = [];
      byBuilding.set(h.building_id, list);
    }
    list.push({
      id: h.id,
      nodeId: h.node_id,
      unit: h.unit_no,
      floor: h.floor,
      room: h.room_no,
      use: useIdx.get(h.use) ?? -1,
      tags: tagList.sort((x, y) => x - y),
      screened: screenedSet.has(h.id),
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
