import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import type { NodeView, StaffView } from '../grid.presenter.js';
import { createNodeAsSystem, type NodeDetail, type SearchHit, type TreeTuple } from '../grid.service.js';

type City = Awaited<ReturnType<typeof makeCity>>;
interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ field: string; code: string; message: string }> };
}

let t: TestApp;
let city: City;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
});
afterEach(async () => {
  await t.close();
});

async function as(username: string, role: Role, node: NodeRef): Promise<Client> {
  await makeUser(t.deps, username, [{ role, node }]);
  return login(t.app, username, TEST_PASSWORD);
}
const nodeRow = (id: number) =>
  t.deps.db.selectFrom('grid_nodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const nodeCount = async () => (await t.deps.db.selectFrom('grid_nodes').select('id').execute()).length;
const staffRows = (nodeId: number) =>
  t.deps.db.selectFrom('grid_staff').selectAll().where('node_id', '=', nodeId).execute();

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [113.58, 37.86],
      [113.59, 37.86],
      [113.59, 37.87],
      [113.58, 37.86],
    ],
  ],
};

describe('reading the grid', () => {
  it('when an admin of the city lists roots, then the city alone with its child count and every write action', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.get('/api/grid/roots');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: NodeView[] }).items;
    expect(items.map((n) => n.id)).toEqual([city.city.id]);
    expect(items[0]).toMatchObject({
      level: 'city',
      code: '140300',
      childCount: 1,
      retired: false,
      parentId: null,
    });
    expect(items[0].allowedActions).toEqual(['create_child', 'rename', 'retire', 'edit_staff']);
  });

  it('when a user holds a grid inside a community they also hold, then only the community is a root', async () => {
    await makeUser(t.deps, 'both', [
      { role: 'grid_worker', node: city.grid1 },
      { role: 'community_staff', node: city.community },
    ]);
    const c = await login(t.app, 'both', TEST_PASSWORD);
    const items = ((await c.get('/api/grid/roots')).json() as { items: NodeView[] }).items;
    expect(items.map((n) => n.id)).toEqual([city.community.id]);
  });

  it('when a grid worker of grid 1 opens grid 1, then the node with its breadcrumb and no write actions', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get(`/api/grid/nodes/${city.grid1.id}`);
    expect(res.statusCode).toBe(200);
    const node = res.json() as NodeDetail;
    expect(node).toMatchObject({
      id: city.grid1.id,
      parentId: city.community.id,
      level: 'grid',
      childCount: 1,
      subjects: ['party', 'governance', 'civil', 'petition', 'urban'],
      partyOrg: { type: 'branch', name: '', secretaryName: '' },
      boundary: null,
      allowedActions: [],
      staff: [],
    });
    expect(node.ancestors.map((a) => a.name)).toEqual(['阳泉市', '城区', '北大街街道', '政府大院社区']);
  });

  it('when a grid worker of grid 1 opens grid 2, then 404 and an audit entry', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get(`/api/grid/nodes/${city.grid2.id}`);
    expect(res.statusCode).toBe(404);
    expect((res.json() as ErrorBody).error.code).toBe('NOT_FOUND');
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      actor_name: 'gw1',
      entity_type: 'grid_node',
      entity_id: String(city.grid2.id),
      outcome: 'denied',
    });
  });

  it('when a grid worker asks for a node that does not exist, then the same 404 as outside scope', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get('/api/grid/nodes/99999');
    expect(res.statusCode).toBe(404);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(1);
  });

  it('when a grid worker of grid 1 lists the children of the community above, then 404', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect((await gw.get(`/api/grid/nodes/${city.community.id}/children`)).statusCode).toBe(404);
  });

  it('when a leader of the city lists a community, then both grids with their child counts', async () => {
    const leader = await as('leader1', 'leader', city.city);
    const res = await leader.get(`/api/grid/nodes/${city.community.id}/children`);
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: NodeView[] }).items;
    expect(items.map((n) => [n.name, n.childCount])).toEqual([
      ['第一网格', 1],
      ['第二网格', 1],
    ]);
    expect(items.every((n) => n.allowedActions.length === 0)).toBe(true);
  });

  it('when the id is not a number, then 400 from the schema', async () => {
    const admin = await as('admin1', 'admin', city.city);
    expect((await admin.get('/api/grid/nodes/abc')).statusCode).toBe(400);
  });

  it('when nobody is logged in, then 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/grid/roots' });
    expect(res.statusCode).toBe(401);
  });
});

describe('search and tree', () => {
  it('when an admin searches 第一网格, then every match in the city, each with its path names', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.get(`/api/grid/search?q=${encodeURIComponent('第一网格')}`);
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: SearchHit[] }).items;
    expect(items.map((h) => h.name)).toEqual(['第一网格', '东山第一网格', '第一网格一号微网格']);
    expect(items[0].pathNames).toEqual(['阳泉市', '城区', '北大街街道', '政府大院社区', '第一网格']);
    expect(items[0].childCount).toBe(1);
  });

  it('when a grid worker of grid 1 searches 网格, then only hits inside grid 1', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const items = (
      (await gw.get(`/api/grid/search?q=${encodeURIComponent('网格')}`)).json() as { items: SearchHit[] }
    ).items;
    expect(items.map((h) => h.id).sort()).toEqual([city.grid1.id, city.micro11.id].sort());
  });

  it('when a leader searches by part of a code, then the matching node', async () => {
    const leader = await as('leader1', 'leader', city.city);
    const items = ((await leader.get('/api/grid/search?q=140302002002001')).json() as { items: SearchHit[] })
      .items;
    expect(items.map((h) => h.id)).toEqual([city.grid3.id]);
  });

  it('when q is empty, then 400', async () => {
    const leader = await as('leader1', 'leader', city.city);
    expect((await leader.get('/api/grid/search?q=')).statusCode).toBe(400);
  });

  it('when a grid worker of grid 1 asks for the tree, then only grid 1 and its micro-grid', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get('/api/grid/tree');
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: TreeTuple[] }).items).toEqual([
      [city.grid1.id, city.community.id, 'grid', '140302002001001', '第一网格', 1],
      [city.micro11.id, city.grid1.id, 'microgrid', '140302002001001001', '第一网格一号微网格', 0],
    ]);
  });

  it('when a leader of the city asks for the tree of the second community, then only that subtree', async () => {
    const leader = await as('leader1', 'leader', city.city);
    const items = (
      (await leader.get(`/api/grid/tree?rootId=${city.community2.id}`)).json() as { items: TreeTuple[] }
    ).items;
    expect(items.map((r) => r[0])).toEqual([city.community2.id, city.grid3.id]);
    const whole = ((await leader.get('/api/grid/tree')).json() as { items: TreeTuple[] }).items;
    expect(whole).toHaveLength(10);
    expect(whole[0]).toEqual([city.city.id, null, 'city', '140300', '阳泉市', 1]);
  });

  it('when a grid worker of grid 1 asks for the tree of grid 2, then 404 and an audit entry', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect((await gw.get(`/api/grid/tree?rootId=${city.grid2.id}`)).statusCode).toBe(404);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(1);
  });
});

describe('creating nodes', () => {
  it('when an admin creates a grid under the community, then 201 with defaults, the row and an audit entry', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002001003',
      name: '第三网格',
      boundary: square,
    });
    expect(res.statusCode).toBe(201);
    const node = res.json() as NodeView;
    expect(node).toMatchObject({
      parentId: city.community.id,
      level: 'grid',
      code: '140302002001003',
      name: '第三网格',
      path: `${city.community.path}${node.id}/`,
      childCount: 0,
      retired: false,
      subjects: ['party', 'governance', 'civil', 'petition', 'urban'],
      partyOrg: { type: 'branch', name: '第三网格党支部', secretaryName: '' },
      boundary: square,
      allowedActions: ['create_child', 'rename', 'move', 'retire', 'edit_staff'],
    });
    const row = await nodeRow(node.id);
    expect(row).toMatchObject({
      path: `${city.community.path}${node.id}/`,
      depth: 4,
      level: 'grid',
      party_org_type: 'branch',
    });
    expect(JSON.parse(row.boundary!)).toEqual(square);
    const audit = await auditRows(t.deps, 'grid.node.create');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_name: 'admin1',
      entity_id: String(node.id),
      node_id: node.id,
      outcome: 'success',
    });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      code: '140302002001003',
      name: '第三网格',
      hasBoundary: true,
    });
  });

  it('when an admin creates a micro-grid, then the party organisation defaults to a 党小组', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.grid1.id,
      code: '140302002001001002',
      name: '二号楼',
      subjects: ['urban', 'party'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      level: 'microgrid',
      subjects: ['party', 'urban'],
      partyOrg: { type: 'group', name: '二号楼党小组' },
      allowedActions: ['rename', 'move', 'retire', 'edit_staff'],
    });
  });

  it('when the code does not extend the parent code, then 400 GRID_CODE_INVALID and no row written', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const before = await nodeCount();
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002999003',
      name: '错号网格',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('GRID_CODE_INVALID');
    expect(body.error.details).toEqual([
      { field: 'code', code: 'code.parent_prefix', message: expect.stringContaining('140302002001') },
    ]);
    expect(await nodeCount()).toBe(before);
    expect(await auditRows(t.deps, 'grid.node.create')).toHaveLength(0);
  });

  it('when the code has the wrong length and the boundary is open, then both problems are listed', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 37],
          [114, 37],
          [114, 38],
          [113, 38],
        ],
      ],
    };
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '123',
      name: 'x',
      boundary: open,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('GRID_CODE_INVALID');
    expect(body.error.details!.map((d) => [d.field, d.code])).toEqual([
      ['code', 'code.length'],
      ['boundary', 'boundary.ring_open'],
    ]);
  });

  it('when the boundary is a point, then 400 VALIDATION_FAILED on boundary', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002001003',
      name: '第三网格',
      boundary: { type: 'Point', coordinates: [113, 37] },
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'boundary' }],
    });
  });

  it('when the code is already used, then 409 GRID_CODE_TAKEN and nothing written', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const before = await nodeCount();
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002001002',
      name: '重复',
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_CODE_TAKEN');
    expect(await nodeCount()).toBe(before);
  });

  it('when the request asks for English, then the error message and details are English', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const dup = await admin.post(
      '/api/grid/nodes',
      { parentId: city.community.id, code: '140302002001002', name: 'dup' },
      { 'accept-language': 'en' },
    );
    expect((dup.json() as ErrorBody).error.message).toBe('Another grid already uses this code');
    const bad = await admin.post(
      '/api/grid/nodes',
      { parentId: city.community.id, code: '12', name: 'bad' },
      { 'accept-language': 'en' },
    );
    const body = bad.json() as ErrorBody;
    expect(body.error.message).toBe('The grid code is not valid');
    expect(body.error.details![0].message).toBe('A grid code must be 15 digits');
    const zh = await admin.post('/api/grid/nodes', { parentId: city.community.id, code: '12', name: 'bad' });
    expect((zh.json() as ErrorBody).error.details![0].message).toBe('全科网格编码应为 15 位数字');
  });

  it('when the level given is not the child level of the parent, then 400 GRID_LEVEL_INVALID', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002001003',
      name: '第三网格',
      level: 'microgrid',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_LEVEL_INVALID');
  });

  it('when the parent is a micro-grid, then 400 GRID_LEVEL_INVALID', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.micro11.id,
      code: '140302002001001001001',
      name: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_LEVEL_INVALID');
  });

  it('when the parent is retired, then 409 GRID_NODE_RETIRED', async () => {
    const admin = await as('admin1', 'admin', city.city);
    expect(
      (await admin.post(`/api/grid/nodes/${city.micro21.id}/retire`, { reason: '合并' })).statusCode,
    ).toBe(200);
    expect(
      (await admin.post(`/api/grid/nodes/${city.grid2.id}/retire`, { reason: '合并到第一网格' })).statusCode,
    ).toBe(200);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.grid2.id,
      code: '140302002001002009',
      name: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_NODE_RETIRED');
  });

  it('when the body has an unknown field, then 400 from the schema', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002001003',
      name: 'x',
      path: '/1/',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'path' })]);
  });

  it('when a leader of the city creates a node, then 403, an audit entry and no row', async () => {
    const leader = await as('leader1', 'leader', city.city);
    const before = await nodeCount();
    const res = await leader.post('/api/grid/nodes', {
      parentId: city.community.id,
      code: '140302002001003',
      name: '第三网格',
    });
    expect(res.statusCode).toBe(403);
    expect(await nodeCount()).toBe(before);
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied).toHaveLength(1);
    expect(JSON.parse(denied[0].after_json!)).toEqual({ permission: 'grid.write' });
  });

  it('when an admin of the first community creates under the second, then 404', async () => {
    const admin = await as('admin1', 'admin', city.community);
    const res = await admin.post('/api/grid/nodes', {
      parentId: city.community2.id,
      code: '140302002002002',
      name: 'x',
    });
    expect(res.statusCode).toBe(404);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(1);
  });

  it('when the seeder creates nodes as system, then codes are validated and the audit names system', async () => {
    const row = await t.deps.db
      .transaction()
      .execute((tx) => createNodeAsSystem(t.deps, tx, { parentId: null, code: '140100', name: '太原市' }));
    expect(row).toMatchObject({ level: 'city', parent_id: null, path: `/${row.id}/`, party_org_type: null });
    const audit = await auditRows(t.deps, 'grid.node.create');
    expect(audit[0]).toMatchObject({ actor_name: 'system', actor_id: null, entity_id: String(row.id) });
    await expect(
      t.deps.db
        .transaction()
        .execute((tx) => createNodeAsSystem(t.deps, tx, { parentId: row.id, code: '999999', name: 'x' })),
    ).rejects.toMatchObject({ code: 'GRID_CODE_INVALID', status: 400 });
  });
});

describe('editing, moving and retiring nodes', () => {
  it('when an admin renames a grid, then the row changes and the audit holds the old and new name', async () => {
    const admin = await as('admin1', 'admin', city.city);
    t.clock.advanceMinutes(5);
    const res = await admin.patch(`/api/grid/nodes/${city.grid1.id}`, {
      name: '幸福网格',
      partyOrg: { type: 'branch', name: '幸福网格党支部', secretaryName: '李书记' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '幸福网格', partyOrg: { secretaryName: '李书记' } });
    const row = await nodeRow(city.grid1.id);
    expect(row.name).toBe('幸福网格');
    expect(row.updated_at).toBe(t.clock.now().toISOString());
    const audit = await auditRows(t.deps, 'grid.node.update');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!)).toMatchObject({ name: '第一网格', partyOrg: { name: '' } });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ name: '幸福网格' });
    expect(JSON.parse(audit[0].after_json!)).not.toHaveProperty('code');
  });

  it('when a grid worker renames their own grid, then 403 and the name stays', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect((await gw.patch(`/api/grid/nodes/${city.grid1.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await nodeRow(city.grid1.id)).name).toBe('第一网格');
  });

  it('when a community is moved under its own grid, then 400 GRID_MOVE_INTO_SUBTREE and paths unchanged', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const before = await t.deps.db
      .selectFrom('grid_nodes')
      .select(['id', 'path', 'depth', 'parent_id'])
      .orderBy('id')
      .execute();
    const res = await admin.post(`/api/grid/nodes/${city.community.id}/move`, { newParentId: city.grid1.id });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_MOVE_INTO_SUBTREE');
    const self = await admin.post(`/api/grid/nodes/${city.grid1.id}/move`, { newParentId: city.grid1.id });
    expect((self.json() as ErrorBody).error.code).toBe('GRID_MOVE_INTO_SUBTREE');
    const after = await t.deps.db
      .selectFrom('grid_nodes')
      .select(['id', 'path', 'depth', 'parent_id'])
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
    expect(await auditRows(t.deps, 'grid.node.move')).toHaveLength(0);
  });

  it('when a grid is moved under a street, then 400 GRID_LEVEL_INVALID', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post(`/api/grid/nodes/${city.grid1.id}/move`, { newParentId: city.street.id });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_LEVEL_INVALID');
    expect((await nodeRow(city.grid1.id)).parent_id).toBe(city.community.id);
  });

  it('when grid 1 moves to the second community, then its subtree paths are rewritten and the code kept', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post(`/api/grid/nodes/${city.grid1.id}/move`, {
      newParentId: city.community2.id,
    });
    expect(res.statusCode).toBe(200);
    const newPath = `${city.community2.path}${city.grid1.id}/`;
    expect(res.json()).toMatchObject({
      parentId: city.community2.id,
      path: newPath,
      code: '140302002001001',
      childCount: 1,
    });
    expect(await nodeRow(city.grid1.id)).toMatchObject({
      parent_id: city.community2.id,
      path: newPath,
      depth: 4,
    });
    expect(await nodeRow(city.micro11.id)).toMatchObject({
      parent_id: city.grid1.id,
      path: `${newPath}${city.micro11.id}/`,
      depth: 5,
    });
    // Siblings stay where they were.
    expect((await nodeRow(city.grid2.id)).path).toBe(city.grid2.path);
    const audit = await auditRows(t.deps, 'grid.node.move');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!)).toEqual({ parentId: city.community.id, path: city.grid1.path });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ parentId: city.community2.id, path: newPath });
  });

  it('when a grid worker of the moved grid reads it afterwards, then the new path still reaches it', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const admin = await as('admin1', 'admin', city.city);
    await admin.post(`/api/grid/nodes/${city.grid1.id}/move`, { newParentId: city.community2.id });
    const res = await gw.get(`/api/grid/nodes/${city.micro11.id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as NodeDetail).ancestors.map((a) => a.name)).toContain('东山社区');
  });

  it('when an admin of the first community moves a grid into the second, then 404 and nothing moves', async () => {
    const admin = await as('admin1', 'admin', city.community);
    const res = await admin.post(`/api/grid/nodes/${city.grid1.id}/move`, {
      newParentId: city.community2.id,
    });
    expect(res.statusCode).toBe(404);
    expect((await nodeRow(city.grid1.id)).path).toBe(city.grid1.path);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(1);
  });

  it('when a grid with an active micro-grid is retired, then 409 GRID_NODE_HAS_CHILDREN', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post(`/api/grid/nodes/${city.grid1.id}/retire`, { reason: '合并' });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).error.code).toBe('GRID_NODE_HAS_CHILDREN');
    expect((await nodeRow(city.grid1.id)).retired_at).toBeNull();
    expect(await auditRows(t.deps, 'grid.node.retire')).toHaveLength(0);
  });

  it('when a micro-grid is retired with a reason, then it is marked, hidden from children and audited', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post(`/api/grid/nodes/${city.micro11.id}/retire`, { reason: '楼栋拆除' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ retired: true, allowedActions: [] });
    expect(await nodeRow(city.micro11.id)).toMatchObject({
      retired_at: t.clock.now().toISOString(),
      retired_reason: '楼栋拆除',
    });
    const kids = (await admin.get(`/api/grid/nodes/${city.grid1.id}/children`)).json() as {
      items: NodeView[];
    };
    expect(kids.items).toEqual([]);
    const all = (await admin.get(`/api/grid/nodes/${city.grid1.id}/children?includeRetired=true`)).json() as {
      items: NodeView[];
    };
    expect(all.items.map((n) => [n.id, n.retired])).toEqual([[city.micro11.id, true]]);
    expect(((await admin.get(`/api/grid/nodes/${city.grid1.id}`)).json() as NodeView).childCount).toBe(0);
    const audit = await auditRows(t.deps, 'grid.node.retire');
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ retiredReason: '楼栋拆除' });
    const again = await admin.post(`/api/grid/nodes/${city.micro11.id}/retire`, { reason: '再次' });
    expect((again.json() as ErrorBody).error.code).toBe('GRID_NODE_RETIRED');
  });

  it('when the reason is blank, then 400 and the node stays active', async () => {
    const admin = await as('admin1', 'admin', city.city);
    expect(
      (await admin.post(`/api/grid/nodes/${city.micro11.id}/retire`, { reason: '   ' })).statusCode,
    ).toBe(400);
    expect((await admin.post(`/api/grid/nodes/${city.micro11.id}/retire`, {})).statusCode).toBe(400);
    expect((await nodeRow(city.micro11.id)).retired_at).toBeNull();
  });
});

describe('grid staff', () => {
  const PHONE = '13812345678';

  it('when staff is added with a bad phone, then 400 PHONE_INVALID and no row', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post(`/api/grid/nodes/${city.grid1.id}/staff`, {
      name: '王网格',
      post: 'fulltime_worker',
      phone: '12345',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error).toMatchObject({
      code: 'PHONE_INVALID',
      details: [{ field: 'phone' }],
    });
    expect(await staffRows(city.grid1.id)).toEqual([]);
    expect(await auditRows(t.deps, 'grid.staff.add')).toHaveLength(0);
  });

  it('when staff is added, then the phone is stored encrypted and shown masked everywhere', async () => {
    const cs = await as('cs1', 'community_staff', city.community);
    const res = await cs.post(`/api/grid/nodes/${city.grid1.id}/staff`, {
      name: '王网格',
      post: 'fulltime_worker',
      phone: '138 1234 5678',
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(PHONE);
    const staff = res.json() as StaffView;
    expect(staff).toMatchObject({
      nodeId: city.grid1.id,
      userId: null,
      name: '王网格',
      post: 'fulltime_worker',
      phoneMasked: '138****5678',
      since: t.clock.now().toISOString(),
      allowedActions: ['reveal_phone', 'remove'],
    });
    const [row] = await staffRows(city.grid1.id);
    expect(row.phone_enc).not.toContain(PHONE);
    expect(t.deps.crypto.decrypt(row.phone_enc!)).toBe(PHONE);
    expect(row.phone_bidx).toBe(t.deps.crypto.blindIndex('phone', PHONE));

    const detail = await cs.get(`/api/grid/nodes/${city.grid1.id}`);
    expect(detail.body).not.toContain(PHONE);
    expect((detail.json() as NodeDetail).staff.map((s) => s.phoneMasked)).toEqual(['138****5678']);
    const list = await cs.get(`/api/grid/nodes/${city.grid1.id}/staff`);
    expect((list.json() as { items: StaffView[] }).items[0].phoneMasked).toBe('138****5678');

    const audit = await auditRows(t.deps, 'grid.staff.add');
    expect(audit).toHaveLength(1);
    expect(audit[0].after_json).not.toContain(PHONE);
    expect(audit[0].after_json).not.toContain('5678');
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      name: '王网格',
      hasPhone: true,
      nodeId: city.grid1.id,
    });
  });

  it('when a user with person.reveal reveals the phone, then the value and an audit entry without it', async () => {
    const cs = await as('cs1', 'community_staff', city.community);
    const staff = (
      await cs.post(`/api/grid/nodes/${city.grid1.id}/staff`, {
        name: '王网格',
        post: 'grid_head',
        phone: PHONE,
      })
    ).json() as StaffView;
    const res = await cs.post(`/api/grid/staff/${staff.id}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ value: PHONE });
    const audit = await auditRows(t.deps, 'grid.staff.reveal');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_name: 'cs1',
      entity_type: 'grid_staff',
      entity_id: String(staff.id),
      node_id: city.grid1.id,
    });
    expect(JSON.parse(audit[0].after_json!)).toEqual({ field: 'phone' });
    const everything = await t.deps.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(everything)).not.toContain(PHONE);
  });

  it('when a grid worker without a reveal permission reveals, then 403 with an audit entry and no value', async () => {
    const cs = await as('cs1', 'community_staff', city.community);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const staff = (
      await cs.post(`/api/grid/nodes/${city.grid1.id}/staff`, {
        name: '王网格',
        post: 'grid_head',
        phone: PHONE,
      })
    ).json() as StaffView;
    const listed = ((await gw.get(`/api/grid/nodes/${city.grid1.id}/staff`)).json() as { items: StaffView[] })
      .items;
    expect(listed[0].allowedActions).toEqual([]);
    const res = await gw.post(`/api/grid/staff/${staff.id}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(PHONE);
    expect(await auditRows(t.deps, 'grid.staff.reveal')).toHaveLength(0);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(1);
  });

  it('when a grid worker of grid 2 reveals a phone of grid 1, then 404 and an audit entry', async () => {
    const cs = await as('cs1', 'community_staff', city.community);
    const gw2 = await as('gw2', 'grid_worker', city.grid2);
    const staff = (
      await cs.post(`/api/grid/nodes/${city.grid1.id}/staff`, {
        name: '王网格',
        post: 'grid_head',
        phone: PHONE,
      })
    ).json() as StaffView;
    const res = await gw2.post(`/api/grid/staff/${staff.id}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied'))[0]).toMatchObject({
      actor_name: 'gw2',
      entity_type: 'grid_staff',
    });
  });

  it('when staff is removed, then 204, the row is gone and the removal audited', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const staff = (
      await admin.post(`/api/grid/nodes/${city.grid1.id}/staff`, { name: '王网格', post: 'grid_head' })
    ).json() as StaffView;
    expect(staff.phoneMasked).toBeNull();
    expect(staff.allowedActions).toEqual(['remove']);
    const wrongNode = await admin.del(`/api/grid/nodes/${city.grid2.id}/staff/${staff.id}`);
    expect(wrongNode.statusCode).toBe(404);
    const res = await admin.del(`/api/grid/nodes/${city.grid1.id}/staff/${staff.id}`);
    expect(res.statusCode).toBe(204);
    expect(await staffRows(city.grid1.id)).toEqual([]);
    const audit = await auditRows(t.deps, 'grid.staff.remove');
    expect(JSON.parse(audit[0].before_json!)).toMatchObject({
      name: '王网格',
      post: 'grid_head',
      hasPhone: false,
    });
  });

  it('when staff names an unknown user, then 400 on userId and no row', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const res = await admin.post(`/api/grid/nodes/${city.grid1.id}/staff`, {
      userId: 4242,
      name: '王网格',
      post: 'grid_head',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'userId' })]);
    expect(await staffRows(city.grid1.id)).toEqual([]);
  });

  it('when a leader adds staff, then 403; when a grid worker of grid 1 adds staff to grid 2, then 404', async () => {
    const leader = await as('leader1', 'leader', city.city);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect(
      (await leader.post(`/api/grid/nodes/${city.grid1.id}/staff`, { name: 'x', post: 'grid_head' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await gw.post(`/api/grid/nodes/${city.grid2.id}/staff`, { name: 'x', post: 'grid_head' })).statusCode,
    ).toBe(404);
    expect(await staffRows(city.grid1.id)).toEqual([]);
    expect(await staffRows(city.grid2.id)).toEqual([]);
  });
});

describe('admin and leader at the city', () => {
  it('when the admin and the leader open a grid of the second community, then both read it but only the admin may write', async () => {
    const admin = await as('admin1', 'admin', city.city);
    const leader = await as('leader1', 'leader', city.city);
    const a = (await admin.get(`/api/grid/nodes/${city.grid3.id}`)).json() as NodeDetail;
    const l = (await leader.get(`/api/grid/nodes/${city.grid3.id}`)).json() as NodeDetail;
    expect(a.allowedActions).toEqual(['create_child', 'rename', 'move', 'retire', 'edit_staff']);
    expect(l.id).toBe(city.grid3.id);
    expect(l.allowedActions).toEqual([]);
    const move = await leader.post(`/api/grid/nodes/${city.grid3.id}/move`, {
      newParentId: city.community.id,
    });
    expect(move.statusCode).toBe(403);
    const retire = await leader.post(`/api/grid/nodes/${city.grid3.id}/retire`, { reason: 'x' });
    expect(retire.statusCode).toBe(403);
    expect((await nodeRow(city.grid3.id)).retired_at).toBeNull();
  });
});

describe('OpenAPI', () => {
  it('when the docs are fetched, then every grid route is listed under the grid tag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const gridPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/grid/'));
    expect(gridPaths.sort()).toEqual(
      [
        '/api/grid/nodes',
        '/api/grid/nodes/{id}',
        '/api/grid/nodes/{id}/children',
        '/api/grid/nodes/{id}/move',
        '/api/grid/nodes/{id}/retire',
        '/api/grid/nodes/{id}/staff',
        '/api/grid/nodes/{id}/staff/{staffId}',
        '/api/grid/roots',
        '/api/grid/search',
        '/api/grid/staff/{staffId}/reveal',
        '/api/grid/tree',
      ].sort(),
    );
    for (const p of gridPaths)
      for (const op of Object.values(doc.paths[p])) expect(op.tags).toEqual(['grid']);
  });
});
