import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login } from '../../../test/build-test-app.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { createCaseInTx } from '../../cases/cases.service.js';
import { adminPut, get, leak, makeWorld, postRequest, report, staff, type World } from './open311-support.js';

// Administration of Open311 (/api/open311, settings.write) and what the public endpoint publishes.

interface KeyJson {
  id: number;
  name: string;
  prefix: string;
  nodeId: number;
  nodeName: string;
  mode: string;
  active: boolean;
  lastUsedAt: string | null;
  requestCount: number;
  key?: string;
}

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.t.close();
});

const keyRows = () => w.t.deps.db.selectFrom('open311_keys').selectAll().orderBy('id').execute();

describe(`Open311 administration (${TEST_DB_KIND})`, () => {
  it('when an administrator issues a key, then it is shown once, only its HMAC is stored, and the issue is audited', async () => {
    const res = await w.admin.post('/api/open311/keys', {
      name: '  12345 网关 ',
      nodeId: w.city.street.id,
      mode: 'batch',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json() as KeyJson;
    expect(created).toMatchObject({
      name: '12345 网关',
      nodeId: w.city.street.id,
      nodeName: '北大街街道',
      mode: 'batch',
      active: true,
    });
    expect(created.key).toMatch(/^og311_[\w-]{32}$/);
    expect(created.key!.startsWith(created.prefix)).toBe(true);

    const rows = await keyRows();
    const row = rows.find((r) => r.id === created.id)!;
    expect(row.key_hash).toBe(w.t.deps.crypto.blindIndex('open311_key', created.key!));
    expect(JSON.stringify(rows)).not.toContain(created.key);
    const audit = (await auditRows(w.t.deps, 'open311.key.create')).at(-1)!;
    expect(audit.entity_id).toBe(String(created.id));
    expect(audit.after_json).not.toContain(created.key!.slice(6));

    const list = (await w.admin.get('/api/open311/keys')).json() as KeyJson[];
    expect(list.map((k) => k.name)).toEqual(['随手拍', '12345 网关']);
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect(list.every((k) => k.key === undefined)).toBe(true);

    // The key works at once, and the list counts its use.
    await report(w, { api_key: created.key! });
    const used = ((await w.admin.get('/api/open311/keys')).json() as KeyJson[]).find(
      (k) => k.id === created.id,
    )!;
    expect(used.requestCount).toBe(1);
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('when someone without settings.write manages keys, then 403 with an audit entry; without a session 401; without the CSRF header 403', async () => {
    await makeUser(w.t.deps, 'staff9', [{ role: 'community_staff', node: w.city.community }]);
    const worker = await login(w.t.app, 'staff9', TEST_PASSWORD);
    const denied = (await auditRows(w.t.deps, 'access.denied')).length;
    expect((await worker.get('/api/open311/keys')).statusCode).toBe(403);
    expect(
      (await worker.post('/api/open311/keys', { name: 'x', nodeId: w.city.community.id })).statusCode,
    ).toBe(403);
    expect((await auditRows(w.t.deps, 'access.denied')).length).toBe(denied + 2);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/open311/keys' })).statusCode).toBe(401);
    const noCsrf = await w.t.app.inject({
      method: 'POST',
      url: '/api/open311/keys',
      payload: { name: 'x', nodeId: w.city.community.id },
      headers: { cookie: w.admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await keyRows()).toHaveLength(1);
  });

  it('when a key is issued with a blank name, an unknown or retired node or an unknown mode, then 400 with every problem and nothing written', async () => {
    await w.t.deps.db
      .updateTable('grid_nodes')
      .set({ retired_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', w.city.grid2.id)
      .execute();
    const auditBefore = (await auditRows(w.t.deps, 'open311.key.create')).length;
    for (const body of [
      { name: '   ', nodeId: 999_999 },
      { name: 'x', nodeId: w.city.grid2.id },
      { name: 'x', nodeId: w.city.community.id, mode: 'sometimes' },
      { name: 'x', nodeId: w.city.community.id, key: 'mine' },
    ]) {
      const res = await w.admin.post('/api/open311/keys', body);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
    const both = (await w.admin.post('/api/open311/keys', { name: '   ', nodeId: 999_999 })).json() as {
      error: { details: Array<{ field: string }> };
    };
    expect(both.error.details.map((d) => d.field).sort()).toEqual(['name', 'nodeId']);
    expect(await keyRows()).toHaveLength(1);
    expect((await auditRows(w.t.deps, 'open311.key.create')).length).toBe(auditBefore);
  });

  it('when a key is deactivated, renamed or moved, then the change is audited and takes effect on the next request', async () => {
    let res = await w.admin.patch(`/api/open311/keys/${w.keyId}`, { active: false, name: '随手拍（停用）' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, name: '随手拍（停用）' });
    expect((await postRequest(w, leak(w))).statusCode).toBe(403);
    const audit = (await auditRows(w.t.deps, 'open311.key.update')).at(-1)!;
    expect(JSON.parse(audit.before_json!)).toMatchObject({ active: true, name: '随手拍' });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ active: false });

    res = await w.admin.patch(`/api/open311/keys/${w.keyId}`, { active: true, nodeId: w.city.grid3.id });
    expect(res.json()).toMatchObject({ active: true, nodeId: w.city.grid3.id, nodeName: '东山第一网格' });
    const number = await report(w);
    const c = await w.t.deps.db
      .selectFrom('cases')
      .select('node_id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(c.node_id).toBe(w.city.grid3.id);
    expect((await w.admin.patch('/api/open311/keys/999', { active: false })).statusCode).toBe(404);
  });

  it('when an administrator sets a service definition, then it is validated, audited and published; an empty list removes it', async () => {
    const bad = await adminPut(w, '/api/open311/services/MS01/attributes', {
      attributes: [
        { code: 'A', datatype: 'singlevaluelist', values: [] },
        { code: 'A', datatype: 'string', values: [{ key: 'k', name: 'n' }] },
        {
          code: 'B',
          datatype: 'multivaluelist',
          order: 1,
          values: [
            { key: 'k', name: 'n' },
            { key: 'k', name: 'm' },
          ],
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = (
      bad.json() as { error: { details: Array<{ field: string; code: string }> } }
    ).error.details.map((d) => `${d.field}:${d.code}`);
    expect(fields.sort()).toEqual(
      [
        'attributes.0.values:required',
        'attributes.1.code:duplicate',
        'attributes.1.values:not_list',
        'attributes.2.order:duplicate',
        'attributes.2.values:duplicate',
      ].sort(),
    );
    expect((await adminPut(w, '/api/open311/services/MS/attributes', { attributes: [] })).statusCode).toBe(
      404,
    );
    expect(
      (
        await adminPut(w, '/api/open311/services/MS01/attributes', {
          attributes: [{ code: 'x y', datatype: 'string' }],
        })
      ).statusCode,
    ).toBe(400);
    expect(await w.t.deps.db.selectFrom('open311_attributes').selectAll().execute()).toEqual([]);

    const ok = await adminPut(w, '/api/open311/services/MS01/attributes', {
      attributes: [{ code: 'FLOOR', datatype: 'number', required: true, description: '所在楼层' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await w.admin.get('/api/open311/services/MS01/attributes')).json()).toEqual({
      attributes: [
        {
          code: 'FLOOR',
          variable: true,
          datatype: 'number',
          required: true,
          datatypeDescription: null,
          order: 1,
          description: '所在楼层',
          values: [],
        },
      ],
    });
    expect((await auditRows(w.t.deps, 'open311.definition.update')).at(-1)!.entity_id).toBe('MS01');
    expect((await get(w, '/open311/v2/services/MS01.json')).statusCode).toBe(200);

    expect((await adminPut(w, '/api/open311/services/MS01/attributes', { attributes: [] })).statusCode).toBe(
      200,
    );
    expect((await get(w, '/open311/v2/services/MS01.json')).statusCode).toBe(404);
  });

  it('when a case came in by another channel, then Open311 does not publish it (only requests made over Open311 are public)', async () => {
    const worker = await staff(w, 'staff1', 'community_staff', w.city.community);
    const category = await w.t.deps.db
      .selectFrom('case_categories')
      .select('id')
      .where('code', '=', 'ZZ01')
      .executeTakeFirstOrThrow();
    // Inside one transaction with every read on it (one SQLite connection), as the visits module does.
    const innerId = await w.t.deps.db.transaction().execute((tx) =>
      createCaseInTx({ ...worker, deps: { ...worker.deps, db: tx } }, tx, {
        title: '邻里纠纷',
        description: '婚姻家庭矛盾，当事人不愿公开',
        categoryId: category.id,
        source: 'grid_worker',
        urgency: 'normal',
        nodeId: w.city.grid1.id,
      }),
    );
    const inner = await w.t.deps.db
      .selectFrom('cases')
      .select('number')
      .where('id', '=', innerId)
      .executeTakeFirstOrThrow();
    const mine = await report(w);
    expect((await get(w, `/open311/v2/requests/${inner.number}.json`)).statusCode).toBe(404);
    const list = await get(w, `/open311/v2/requests.json?service_request_id=${inner.number},${mine}`);
    expect((list.json() as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toEqual([
      mine,
    ]);
    expect((await get(w, '/open311/v2/requests.json')).body).not.toContain('婚姻家庭矛盾');
  });
});
