import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await makeUser(t.deps, 'admin', [{ role: 'admin', node: city.city }]);
  await makeUser(t.deps, 'grid1', [{ role: 'grid_worker', node: city.grid1 }]);
});
afterEach(async () => t.close());

type Tuple = [number, number | null, string, string, string, number];

describe('GET /api/grid/tree caching', () => {
  it('when the tree has not changed, then If-None-Match answers 304; after a rename the new name and a new ETag come back', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const first = await admin.get('/api/grid/tree');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((first.json().items as Tuple[]).length).toBe(10);
    const again = await admin.get('/api/grid/tree', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(
      (await admin.patch(`/api/grid/nodes/${city.grid2.id}`, { name: '第二网格（更名）' })).statusCode,
    ).toBe(200);
    const after = await admin.get('/api/grid/tree', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const names = (after.json().items as Tuple[]).map((r) => r[4]);
    expect(names).toContain('第二网格（更名）');
  });

  it('when a grid worker and the admin share the cache, then each still gets only their own subtree', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const g = await login(t.app, 'grid1', TEST_PASSWORD);
    await admin.get('/api/grid/tree');
    const mine = (await g.get('/api/grid/tree')).json().items as Tuple[];
    expect(mine.map((r) => r[0]).sort()).toEqual([city.grid1.id, city.micro11.id].sort());
    const other = await g.get('/api/grid/tree', {
      'if-none-match': (await admin.get('/api/grid/tree')).headers.etag as string,
    });
    expect(other.statusCode).toBe(200);
  });

  it('when a node is moved, then the cached tree shows its new parent', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    await admin.get('/api/grid/tree');
    expect(
      (await admin.post(`/api/grid/nodes/${city.micro21.id}/move`, { newParentId: city.grid1.id }))
        .statusCode,
    ).toBe(200);
    const items = (await admin.get('/api/grid/tree')).json().items as Tuple[];
    expect(items.find((r) => r[0] === city.micro21.id)?.[1]).toBe(city.grid1.id);
  });
});
