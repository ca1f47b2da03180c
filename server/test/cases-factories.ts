import type { LightMyRequestResponse } from 'fastify';
import type { Deps } from '../context.js';
import { ensureCaseSetup } from '../modules/cases/case-setup.js';
import type { Client, TestApp } from './build-test-app.js';
import { login } from './build-test-app.js';
import { makeCity, makeUser, type NodeRef, TEST_PASSWORD } from './factories.js';
import { makeResident, makeRooms } from './visits-factories.js';

// Test data for the case loop: the small city of factories.ts with the seeded categories, units and calendar, the
// people who act on cases (grid worker, community staff, petition agent, leader, two unit handlers, a resident,
// outsiders) and a building with rooms. Cases themselves are made through the API, so they are real.

export async function unitId(deps: Deps, code: string): Promise<number> {
  const u = await deps.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return u.id;
}

export async function categoryId(deps: Deps, code: string): Promise<number> {
  const k = await deps.db
    .selectFrom('case_categories')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return k.id;
}

/** Unit membership and served nodes, straight into the tables. */
export async function joinUnit(deps: Deps, code: string, userId: number) {
  await deps.db
    .insertInto('unit_members')
    .values({
      unit_id: await unitId(deps, code),
      user_id: userId,
      created_at: deps.clock.now().toISOString(),
    })
    .execute();
}

export async function serveNode(deps: Deps, code: string, node: NodeRef) {
  await deps.db
    .insertInto('unit_nodes')
    .values({ unit_id: await unitId(deps, code), node_id: node.id })
    .execute();
}

export type CaseWorld = Awaited<ReturnType<typeof makeCaseWorld>>;

/**
 * 阳泉市 → 城区 → 北大街街道 → 政府大院社区 (grids 1 and 2) and 东山社区, with:
 * grid1 (grid worker, grid 1), grid2 (grid worker, grid 2), staff (community staff, 政府大院社区),
 * agent (petition agent, 政府大院社区), leader (leader, 城区), zjj / wygs (unit handlers of 住建局 / 物业公司, both
 * serving 城区), pcs (unit handler of 派出所, serving nothing of ours … so never dispatched to), resident (resident
 * account at micro-grid 1-1), other (community staff of 东山社区), admin (settings).
 * Households: rooms[0..2] in building 1 of micro-grid 1-1, roomsB[0] in building 2 of micro-grid 2-1.
 */
export async function makeCaseWorld(t: TestApp) {
  const { deps } = t;
  const city = await makeCity(deps);
  await ensureCaseSetup(deps);
  const mk = (
    name: string,
    role: Parameters<typeof makeUser>[2][number]['role'],
    node: NodeRef,
    displayName?: string,
  ) => makeUser(deps, name, [{ role, node }], { displayName: displayName ?? name });
  const users = {
    grid1: await mk('grid1', 'grid_worker', city.grid1, '网格员甲'),
    grid2: await mk('grid2', 'grid_worker', city.grid2, '网格员乙'),
    staff: await mk('staff', 'community_staff', city.community, '社区书记'),
    agent: await mk('agent', 'petition_agent', city.community, '胡晓'),
    leader: await mk('leader', 'leader', city.district, '文领导'),
    zjj: await mk('zjj', 'unit_handler', city.district, '住建局办事员'),
    wygs: await mk('wygs', 'unit_handler', city.district, '物业经理'),
    pcs: await mk('pcs', 'unit_handler', city.district, '派出所民警'),
    resident: await mk('resident', 'resident', city.micro11, '王建国'),
    resident2: await mk('resident2', 'resident', city.micro11, '李秀英'),
    other: await mk('other', 'community_staff', city.community2, '东山社区书记'),
    admin: await mk('admin', 'admin', city.city, '管理员'),
  };
  await joinUnit(deps, 'ZJJ', users.zjj.id);
  await joinUnit(deps, 'WYGS', users.wygs.id);
  await joinUnit(deps, 'PCS', users.pcs.id);
  for (const code of ['ZJJ', 'WYGS', 'CGZF', 'SFS', 'GRGS']) await serveNode(deps, code, city.district);
  await serveNode(deps, 'PCS', city.community2);
  const rooms = await makeRooms(deps, city.micro11, '1', 3);
  const roomsB = await makeRooms(deps, city.micro21, '2', 1);
  const residentId = await makeResident(deps, rooms[0], { name: '赵桂兰' });
  const building1 = (
    await deps.db
      .selectFrom('households')
      .select('building_id')
      .where('id', '=', rooms[0])
      .executeTakeFirstOrThrow()
  ).building_id;
  const cat = {
    leak: await categoryId(deps, 'MS01'),
    property: await categoryId(deps, 'MS04'),
    city: await categoryId(deps, 'CG01'),
    ms: await categoryId(deps, 'MS'),
  };
  const units = {
    zjj: await unitId(deps, 'ZJJ'),
    wygs: await unitId(deps, 'WYGS'),
    pcs: await unitId(deps, 'PCS'),
    cgzf: await unitId(deps, 'CGZF'),
  };
  return { city, users, rooms, roomsB, residentId, building1, cat, units };
}

export type Who = keyof CaseWorld['users'];

/** Logged-in clients, one per user, made on first use. */
export function clients(t: TestApp) {
  const cache = new Map<string, Client>();
  return async (who: Who | string): Promise<Client> => {
    let c = cache.get(who);
    if (!c) {
      c = await login(t.app, who, TEST_PASSWORD);
      cache.set(who, c);
    }
    return c;
  };
}

export interface CaseJson {
  id: number;
  number: string;
  state: string;
  version: number;
  allowedActions: string[];
  timeline: Array<{
    action: string;
    visibility: string;
    actorName: string;
    note: string | null;
    data: unknown;
  }>;
  assignments: Array<{ id: number; unitId: number; role: string; status: string; dueAt: string | null }>;
  [k: string]: unknown;
}

export const body = <T = CaseJson>(res: LightMyRequestResponse) => res.json() as T;

/** A leaking-flat report by the resident at rooms[0] (MS01, normal). */
export function leakInput(w: CaseWorld, extra: Record<string, unknown> = {}) {
  return {
    title: '3号楼顶层房屋漏水',
    description: '连续下雨后卧室天花板渗水，墙皮脱落，请尽快安排维修。',
    categoryId: w.cat.leak,
    source: 'resident',
    urgency: 'normal',
    householdId: w.rooms[0],
    ...extra,
  };
}

/** POSTs an action with the case's current version; returns the response. */
export async function actOn(
  client: Client,
  id: number,
  action: string,
  fields: Record<string, unknown> = {},
) {
  const current = await client.get(`/api/cases/${id}`);
  const version = current.statusCode === 200 ? (current.json() as CaseJson).version : 1;
  return client.post(`/api/cases/${id}/actions/${action}`, { version, ...fields });
}

/** Drives a case through the workflow to a state, as the right people; returns the final case. */
export async function driveTo(
  as: (who: Who) => Promise<Client>,
  w: CaseWorld,
  id: number,
  target: 'accepted' | 'dispatched' | 'in_progress' | 'handled' | 'awaiting_rating' | 'closed',
): Promise<CaseJson> {
  const steps: Array<[Who, string, Record<string, unknown>]> = [
    ['grid1', 'accept', { contacted: true }],
    ['staff', 'dispatch', { leadUnitId: w.units.zjj, assistUnitIds: [w.units.wygs] }],
    ['zjj', 'sign', {}],
    ['zjj', 'handle', { result: '已更换防水层并修补天花板' }],
    ['grid1', 'feedback', { note: '已电话告知居民维修结果' }],
    ['resident', 'rate', { rating: 'satisfied', resolved: true }],
  ];
  const stop = { accepted: 1, dispatched: 2, in_progress: 3, handled: 4, awaiting_rating: 5, closed: 6 }[
    target
  ];
  let last: CaseJson | null = null;
  for (const [who, action, fields] of steps.slice(0, stop)) {
    const res = await actOn(await as(who), id, action, fields);
    if (res.statusCode !== 200) throw new Error(`${who} ${action}: ${res.statusCode} ${res.body}`);
    last = res.json() as CaseJson;
  }
  return last as CaseJson;
}
