import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState } from '../../../../common/cases.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';
import { registerCaseEventListener } from '../../cases/case-events.js';
import { act, autoCloseCase } from '../../cases/cases.service.js';
import {
  adminPut,
  asText,
  caseIdOf,
  counts,
  encodeForm,
  get,
  leak,
  makeWorld,
  mirror,
  postRequest,
  report,
  type SchemaName,
  staff,
  validJson,
  validXml,
  type World,
} from './open311-support.js';
import { childrenNamed, record } from './xml.js';

// The Open311 conformance suite: one test per rule of ../shared/open311/README.md, named after the rule, on the
// run's engine (server-sqlite and server-pg). Every JSON answer is checked against the official schemas
// (georeport-v2/*.json; Swagger definitions for POST and token answers) and every XML answer is parsed strictly and
// compared value by value with its JSON twin.

interface RequestJson {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  notes?: Array<{ datetime: string; description: string; type: string }>;
}
interface ErrorJson {
  code: number;
  description: string;
}

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = 24 * 60;

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.t.close();
});

/** GET in both formats: the JSON validated against `schema`, the XML parsed and equal to the JSON value by value. */
async function both<T>(path: string, schema: SchemaName, root: string): Promise<T> {
  const [base, query] = path.split('?');
  const q = query ? `?${query}` : '';
  const json = await get(w, `${base}.json${q}`);
  expect(json.statusCode, json.body).toBe(200);
  const body = validJson<T>(json, schema);
  const xml = await get(w, `${base}.xml${q}`);
  expect(xml.statusCode, xml.body).toBe(200);
  expect(mirror(validXml(xml, root))).toEqual(asText(body));
  return body;
}

/** An error answer in one format: status, content type, shape; returns the errors. */
function errorsOf(
  res: Awaited<ReturnType<typeof get>>,
  status: number,
  format: 'json' | 'xml' = 'json',
): ErrorJson[] {
  expect(res.statusCode, res.body).toBe(status);
  if (format === 'json') {
    const errs = validJson<ErrorJson[]>(res, 'errors');
    expect(errs.every((e) => e.code === status)).toBe(true);
    return errs;
  }
  const root = validXml(res, 'errors');
  const errs = childrenNamed(root, 'error').map((e) => {
    expect(e.children.map((c) => c.name)).toEqual(['code', 'description']);
    return { code: Number(record(e).code), description: record(e).description };
  });
  expect(errs.length).toBeGreaterThan(0);
  return errs;
}

/** An error in both formats (same call twice) with the same errors. */
async function errorsBoth(path: string, status: number): Promise<ErrorJson[]> {
  const [base, query] = path.split('?');
  const q = query ? `?${query}` : '';
  const json = errorsOf(await get(w, `${base}.json${q}`), status, 'json');
  const xml = errorsOf(await get(w, `${base}.xml${q}`), status, 'xml');
  const same = (e: ErrorJson[]) =>
    e.map((x) => ({ ...x, description: x.description.replace(/\.(json|xml)\b/g, '.{fmt}') }));
  expect(same(xml)).toEqual(same(json));
  return json;
}

const requests = (query = '') =>
  both<RequestJson[]>(`/open311/v2/requests${query ? `?${query}` : ''}`, 'requests', 'service_requests');
const one = (id: string, query = '') =>
  both<RequestJson[]>(
    `/open311/v2/requests/${id}${query ? `?${query}` : ''}`,
    'requests',
    'service_requests',
  );

async function defineLeakAttributes() {
  const res = await adminPut(w, '/api/open311/services/MS01/attributes', {
    attributes: [
      { code: 'FLOOR', datatype: 'number', required: true, description: '所在楼层', order: 1 },
      {
        code: 'WHERE',
        datatype: 'multivaluelist',
        required: false,
        description: '漏水位置',
        order: 2,
        values: [
          { key: 'ceiling', name: '顶棚' },
          { key: 'wall', name: '墙面' },
          { key: 'pipe', name: '管道' },
        ],
      },
      { code: 'NOTICE', datatype: 'text', variable: false, description: '请先关闭总阀门', order: 3 },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe(`Open311 GeoReport v2 conformance (${TEST_DB_KIND})`, () => {
  it('"Six methods": GET services, GET a service definition, POST a request, GET a token, GET requests and GET one request all answer, in XML and JSON', async () => {
    await defineLeakAttributes();
    const services = await both<Array<{ service_code: string }>>(
      '/open311/v2/services',
      'services',
      'services',
    );
    expect(services.map((s) => s.service_code)).toContain('MS01');
    const def = await both<{ service_code: string }>(
      '/open311/v2/services/MS01',
      'serviceDefinition',
      'service_definition',
    );
    expect(def.service_code).toBe('MS01');

    const posted = await postRequest(w, leak(w, { 'attribute[FLOOR]': '6' }), 'xml');
    expect(posted.statusCode, posted.body).toBe(200);
    const id = record(childrenNamed(validXml(posted, 'service_requests'), 'request')[0]).service_request_id;
    expect(id).toMatch(/^SQ-2026-\d{6}$/);
    const token = (await w.t.deps.db.selectFrom('open311_requests').select('token').executeTakeFirstOrThrow())
      .token;
    const byToken = await both<Array<{ service_request_id: string }>>(
      `/open311/v2/tokens/${token}`,
      'token',
      'service_requests',
    );
    expect(byToken[0].service_request_id).toBe(id);

    expect((await requests()).map((r) => r.service_request_id)).toEqual([id]);
    expect((await one(id))[0].service_request_id).toBe(id);
  });

  it('"GET service definition only where the service has metadata=true": metadata follows the attributes, a service without them has no definition (404)', async () => {
    let services = await both<Array<{ service_code: string; metadata: boolean }>>(
      '/open311/v2/services',
      'services',
      'services',
    );
    expect(services.every((s) => s.metadata === false)).toBe(true);
    const errs = await errorsBoth('/open311/v2/services/MS01', 404);
    expect(errs[0].description).toContain('metadata=false');

    await defineLeakAttributes();
    services = await both('/open311/v2/services', 'services', 'services');
    expect(services.find((s) => s.service_code === 'MS01')!.metadata).toBe(true);
    expect(services.filter((s) => s.metadata).map((s) => s.service_code)).toEqual(['MS01']);
    await both('/open311/v2/services/MS01', 'serviceDefinition', 'service_definition');
  });

  it('"the specification spells the single-request path /requests/{id}" (not the Swagger file\'s /request/{id})', async () => {
    const id = await report(w);
    expect((await one(id))[0].service_request_id).toBe(id);
    errorsOf(await get(w, `/open311/v2/request/${id}.json`), 404, 'json');
    errorsOf(await get(w, `/open311/v2/request/${id}.xml`), 404, 'xml');
  });

  it('"Plus the discovery document discovery.{xml,json}": at the Open311 root and beside the endpoint, naming the v2 endpoint and both formats', async () => {
    for (const base of ['/open311/discovery', '/open311/v2/discovery']) {
      const d = await both<{ endpoints: Array<{ url: string; formats: string[]; specification: string }> }>(
        base,
        'discovery',
        'discovery',
      );
      expect(d.endpoints[0].url).toMatch(/^http:\/\/[^/]+\/open311\/v2$/);
      expect(d.endpoints[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
      expect(d.endpoints[0].formats.sort()).toEqual(['application/json', 'text/xml']);
    }
  });

  it('"XML is required, JSON optional; the format is the path suffix": .xml and .json carry the same data, any other suffix or none is 404', async () => {
    const id = await report(w);
    await requests();
    await one(id);
    for (const path of [
      '/open311/v2/services.html',
      '/open311/v2/services',
      `/open311/v2/requests/${id}`,
      `/open311/v2/requests/${id}.csv`,
      '/open311/v2/requests.yaml',
    ]) {
      const res = await get(w, path);
      errorsOf(res, 404, 'xml');
    }
    // The suffix decides, whatever the Accept header says.
    const res = await w.t.app.inject({
      method: 'GET',
      url: '/open311/v2/services.xml',
      headers: { accept: 'application/json' },
    });
    validXml(res, 'services');
  });

  it('"JSON responses are arrays, even for one object": one request, the POST answer and the token answer are arrays of one', async () => {
    const posted = await postRequest(w, leak(w));
    const answer = validJson<unknown[]>(posted, 'postAnswer');
    expect(Array.isArray(answer) && answer.length).toBe(1);
    const id = (answer[0] as { service_request_id: string }).service_request_id;
    const single = validJson<unknown[]>(await get(w, `/open311/v2/requests/${id}.json`), 'requests');
    expect(single).toHaveLength(1);
    const token = (await w.t.deps.db.selectFrom('open311_requests').select('token').executeTakeFirstOrThrow())
      .token;
    expect(validJson<unknown[]>(await get(w, `/open311/v2/tokens/${token}.json`), 'token')).toHaveLength(1);
    expect(Array.isArray(validJson(await get(w, '/open311/v2/services.json'), 'services'))).toBe(true);
    expect(Array.isArray(validJson(await get(w, '/open311/v2/requests.json'), 'requests'))).toBe(true);
    expect(Array.isArray(JSON.parse((await get(w, '/open311/v2/requests/SQ-2000-000001.json')).body))).toBe(
      true,
    );
  });

  it('"Responses are UTF-8 (text/xml; charset=utf-8, application/json; charset=utf-8)": every answer, errors included, and Chinese text survives byte for byte', async () => {
    const text = '卫生间顶棚漏水𠮷，“急”！& <b>';
    const id = await report(w, { description: text });
    const urls = [
      '/open311/v2/services',
      '/open311/v2/requests',
      `/open311/v2/requests/${id}`,
      '/open311/v2/discovery',
      '/open311/v2/services/NOPE',
      '/open311/v2/tokens/none',
    ];
    for (const u of urls) {
      const j = await get(w, `${u}.json`);
      expect(j.headers['content-type']).toBe('application/json; charset=utf-8');
      const x = await get(w, `${u}.xml`);
      expect(x.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(x.rawPayload.toString('utf8')).toBe(x.body);
    }
    const j = await get(w, `/open311/v2/requests/${id}.json`);
    expect(JSON.parse(j.rawPayload.toString('utf8'))[0].description).toBe(text);
    const x = await get(w, `/open311/v2/requests/${id}.xml`);
    expect(x.rawPayload.includes(Buffer.from('卫生间顶棚漏水𠮷', 'utf8'))).toBe(true);
    expect(record(childrenNamed(validXml(x, 'service_requests'), 'request')[0]).description).toBe(text);
  });

  it('"POST bodies are application/x-www-form-urlencoded; charset=utf-8": JSON, multipart, another charset or broken percent-encoding is a 400 and writes nothing', async () => {
    const before = await counts(w);
    const form = encodeForm(leak(w));
    const cases: Array<{ headers: Record<string, string>; payload: string }> = [
      { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(leak(w)) },
      { headers: { 'content-type': 'application/json' }, payload: '{"api_key":' },
      { headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' },
      { headers: { 'content-type': 'text/plain' }, payload: form },
      { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=gbk' }, payload: form },
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${form}&description=%E6%BC`,
      },
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${form}&description=%ZZ`,
      },
    ];
    for (const c of cases) {
      for (const format of ['json', 'xml'] as const) {
        const res = await w.t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, ...c });
        const errs = errorsOf(res, 400, format);
        expect(errs[0].description.length).toBeGreaterThan(10);
      }
    }
    expect(await counts(w)).toEqual(before);
    // The same arguments in the right encoding go through; `+` means a space.
    const ok = await w.t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: `${encodeForm(leak(w, { description: '' }))}&description=roof+leaks`,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = validJson<Array<{ service_request_id: string }>>(ok, 'postAnswer')[0].service_request_id;
    expect((await one(id))[0].description).toBe('roof leaks');
  });

  it('"Required: service_code": missing is 400, unknown (or a category with subcategories) is 404, nothing written', async () => {
    const before = await counts(w);
    const missing = errorsOf(await postRequest(w, leak(w, { service_code: '' })), 400);
    expect(missing[0].description).toContain('service_code is required');
    for (const code of ['NOPE', 'MS', 'ms01']) {
      const errs = errorsOf(await postRequest(w, leak(w, { service_code: code }), 'xml'), 404, 'xml');
      expect(errs[0].description).toContain(`service_code not found: ${code}`);
    }
    expect(await counts(w)).toEqual(before);
  });

  it('"Required: one location: lat+long (WGS84), or address_string, or address_id": each alone is enough; none, half a pair or out-of-range coordinates are 400', async () => {
    const base = { api_key: w.key, service_code: 'MS01', description: '漏水' };
    const a = await report(w, { ...base, lat: '37.857', long: '113.563', address_string: '' });
    const b = await report(w, { ...base, lat: '', long: '', address_string: '3号楼 2单元 601' });
    const c = await report(w, { ...base, lat: '', long: '', address_string: '', address_id: 'HH-00042' });
    const [ra, rb, rc] = [(await one(a))[0], (await one(b))[0], (await one(c))[0]];
    expect([ra.lat, ra.long, ra.address]).toEqual([37.857, 113.563, null]);
    expect([rb.lat, rb.address]).toEqual([null, '3号楼 2单元 601']);
    expect([rc.address_id, rc.address, rc.lat]).toEqual(['HH-00042', null, null]);

    const before = await counts(w);
    const bad: Array<[Record<string, string>, string]> = [
      [{ lat: '', long: '', address_string: '' }, 'location missing'],
      [{ lat: '37.8', long: '', address_string: '' }, 'lat and long must be sent together'],
      [{ lat: '91', long: '113', address_string: '' }, 'lat must be a WGS84 latitude'],
      [{ lat: '37', long: '-180.5', address_string: '' }, 'long must be a WGS84 longitude'],
      [{ lat: 'north', long: '113', address_string: '' }, 'lat must be a WGS84 latitude'],
    ];
    for (const [extra, words] of bad) {
      const errs = errorsOf(await postRequest(w, { ...base, ...extra }), 400);
      expect(errs.map((e) => e.description).join(' | ')).toContain(words);
    }
    expect(await counts(w)).toEqual(before);
  });

  it('"attribute[CODE]=value (multivaluelist: attribute[CODE][]=v1&attribute[CODE][]=v2) where the definition has required attributes"', async () => {
    await defineLeakAttributes();
    const before = await counts(w);
    const missing = errorsOf(await postRequest(w, leak(w)), 400);
    expect(missing[0].description).toContain('required attribute attribute[FLOOR] is missing');
    const wrong = errorsOf(
      await postRequest(
        w,
        leak(w, {
          'attribute[FLOOR]': 'six',
          'attribute[WHERE][]': ['ceiling', 'roof'],
          'attribute[X]': '1',
        }),
      ),
      400,
    );
    expect(wrong).toHaveLength(3);
    expect(await counts(w)).toEqual(before);

    const id = await report(w, { 'attribute[FLOOR]': '6', 'attribute[WHERE][]': ['ceiling', 'pipe'] });
    const row = await w.t.deps.db.selectFrom('open311_requests').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(row.attributes!)).toEqual({ FLOOR: '6', WHERE: ['ceiling', 'pipe'] });
    const caseRow = await w.t.deps.db
      .selectFrom('cases')
      .select('description')
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(caseRow.description).toContain('所在楼层：6');
    expect(caseRow.description).toContain('漏水位置：顶棚、管道');
  });

  it('"Optional: email, device_id, account_id, first_name, last_name, phone, description, media_url, api_key": each is kept where it belongs', async () => {
    const posted = await postRequest(
      w,
      leak(w, {
        email: 'zhang.san@example.cn',
        device_id: 'android-42',
        account_id: 'acct-7',
        first_name: '三',
        last_name: '张',
        phone: '138 0353 1234',
        media_url: 'https://img.example.cn/leak/601.jpg',
      }),
    );
    const [answer] = validJson<Array<{ service_request_id: string; account_id: string }>>(
      posted,
      'postAnswer',
    );
    expect(answer.account_id).toBe('acct-7');
    const r = (await one(answer.service_request_id))[0];
    expect(r.media_url).toBe('https://img.example.cn/leak/601.jpg');
    expect(r.description).toBe('卫生间顶棚漏水，已经三天了');
    const row = await w.t.deps.db.selectFrom('open311_requests').selectAll().executeTakeFirstOrThrow();
    expect([row.device_id, row.account_id, row.media_url]).toEqual([
      'android-42',
      'acct-7',
      'https://img.example.cn/leak/601.jpg',
    ]);
    expect(row.email_enc).not.toContain('zhang');
    expect(w.t.deps.crypto.decrypt(row.email_enc!)).toBe('zhang.san@example.cn');
    const c = await w.t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', row.case_id)
      .executeTakeFirstOrThrow();
    expect([c.source, c.reporter_kind, c.reporter_name, c.node_id, c.created_by]).toEqual([
      'open311',
      'anonymous',
      '张三',
      w.city.community.id,
      null,
    ]);
    expect(w.t.deps.crypto.decrypt(c.reporter_phone_enc!)).toBe('13803531234');
    expect(c.external_id).toBe(row.token);
    // None of it is published: the request object has no personal field.
    const published = JSON.stringify(await requests());
    for (const secret of ['zhang', '张三', '1380353', 'android-42']) expect(published).not.toContain(secret);

    const before = await counts(w);
    for (const [field, value] of [
      ['email', 'not-an-email'],
      ['media_url', 'javascript:alert(1)'],
      ['media_url', 'ftp://x.cn/a.jpg'],
      ['phone', '12345'],
      ['phone', 'call me'],
      ['first_name', '名'.repeat(51)],
    ]) {
      const errs = errorsOf(await postRequest(w, leak(w, { [field]: value })), 400);
      expect(errs.map((e) => e.description).join(' ')).toContain(field);
    }
    expect(await counts(w)).toEqual(before);
  });

  it('"description (at most 4000 characters)": 4000 characters are taken, 4001 are a 400 and nothing is written', async () => {
    const full = '漏'.repeat(4000);
    const id = await report(w, { description: full });
    expect((await one(id))[0].description).toBe(full);
    const before = await counts(w);
    for (const format of ['json', 'xml'] as const) {
      const errs = errorsOf(
        await postRequest(w, leak(w, { description: '漏'.repeat(4001) }), format),
        400,
        format,
      );
      expect(errs[0].description).toContain('description may not exceed 4000 characters (got 4001)');
    }
    // Characters, not UTF-16 units: 4000 astral characters are still 4000.
    const astral = await postRequest(w, leak(w, { description: '𠮷'.repeat(4001) }));
    errorsOf(astral, 400);
    expect(await counts(w)).toEqual(before);
  });

  it('"Answer: array of {service_request_id | token, service_notice, account_id}": a realtime key gets the id, a batch key a token that GET tokens resolves', async () => {
    const realtime = validJson<Array<Record<string, unknown>>>(await postRequest(w, leak(w)), 'postAnswer');
    expect(Object.keys(realtime[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(realtime[0].service_notice).toContain('10 工作日内办结');
    expect(realtime[0].account_id).toBeNull();

    const batch = await w.admin.post('/api/open311/keys', {
      name: '批量网关',
      nodeId: w.city.grid1.id,
      mode: 'batch',
    });
    const batchKey = (batch.json() as { key: string }).key;
    const xml = await postRequest(w, leak(w, { api_key: batchKey, account_id: 'u-9' }), 'xml');
    const req = childrenNamed(validXml(xml, 'service_requests'), 'request')[0];
    expect(req.children.map((c) => c.name)).toEqual(['token', 'service_notice', 'account_id']);
    const token = record(req).token;
    expect(record(req).account_id).toBe('u-9');
    const resolved = await both<Array<{ service_request_id: string; token: string }>>(
      `/open311/v2/tokens/${token}`,
      'token',
      'service_requests',
    );
    expect(resolved[0].token).toBe(token);
    const c = await w.t.deps.db
      .selectFrom('cases')
      .select(['node_id'])
      .where('number', '=', resolved[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect(c.node_id).toBe(w.city.grid1.id);
  });

  it('"api_key is required for POST only; a missing or wrong key is 403": missing, unknown and deactivated keys are refused before anything else, GETs need none', async () => {
    const patched = await w.admin.patch(`/api/open311/keys/${w.keyId}`, { active: false });
    expect(patched.statusCode).toBe(200);
    const before = await counts(w);
    for (const form of [
      leak(w, { api_key: '' }),
      leak(w, { api_key: 'og311_wrong' }),
      leak(w),
      // Even a request that is wrong in every other way is refused for its key first.
      { service_code: 'NOPE', description: 'x'.repeat(5000) },
    ]) {
      for (const format of ['json', 'xml'] as const) {
        const errs = errorsOf(await postRequest(w, form, format), 403, format);
        expect(errs[0].description).toContain('api_key is missing or invalid');
      }
    }
    expect(await counts(w)).toEqual(before);
    await w.admin.patch(`/api/open311/keys/${w.keyId}`, { active: true });
    // In the query string the key works as well as in the body.
    const res = await w.t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${encodeURIComponent(w.key)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ ...leak(w), api_key: [] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const path of ['/open311/v2/services', '/open311/v2/requests', '/open311/v2/discovery'])
      await get(w, `${path}.json`).then((r) => expect(r.statusCode).toBe(200));
  });

  it('"jurisdiction_id is needed only where one endpoint serves several jurisdictions; an unknown one is 404"', async () => {
    const id = await report(w);
    const token = (await w.t.deps.db.selectFrom('open311_requests').select('token').executeTakeFirstOrThrow())
      .token;
    await defineLeakAttributes();
    const paths = [
      '/open311/v2/services',
      '/open311/v2/services/MS01',
      '/open311/v2/requests',
      `/open311/v2/requests/${id}`,
      `/open311/v2/tokens/${token}`,
    ];
    for (const p of paths) {
      // This deployment's jurisdiction is its top grid node's code; absent or empty means the same.
      for (const q of ['', '?jurisdiction_id=', `?jurisdiction_id=${w.city.city.code}`]) {
        const res = await get(w, `${p}.json${q}`);
        expect(res.statusCode, `${p}${q}`).toBe(200);
      }
      for (const bad of ['sfgov.org', w.city.community.code]) {
        const errs = await errorsBoth(`${p}?jurisdiction_id=${bad}`, 404);
        expect(errs[0].description).toContain(`jurisdiction_id not found: ${bad}`);
      }
    }
    const before = await counts(w);
    errorsOf(await postRequest(w, leak(w, { jurisdiction_id: 'sfgov.org', 'attribute[FLOOR]': '1' })), 404);
    expect(await counts(w)).toEqual(before);
    await report(w, { jurisdiction_id: w.city.city.code, 'attribute[FLOOR]': '1' });
  });

  it('"GET requests filters: service_request_id (comma list; overrides the rest)"', async () => {
    const a = await report(w);
    w.t.clock.advanceMinutes(200 * DAY);
    const b = await report(w, { service_code: 'CG01' });
    const c = await report(w);
    const got = await requests(
      `service_request_id=${c},${a},SQ-2000-000009,${b}&service_code=CG01&status=closed&start_date=garbage`,
    );
    expect(got.map((r) => r.service_request_id)).toEqual([c, a, b]);
    expect(await requests('service_request_id=SQ-2000-000009')).toEqual([]);
  });

  it('"GET requests filters: service_code (comma list)": only those services; an unknown code is 404', async () => {
    const a = await report(w);
    const b = await report(w, { service_code: 'CG01' });
    await report(w, { service_code: 'ZZ01' });
    expect((await requests('service_code=MS01')).map((r) => r.service_request_id)).toEqual([a]);
    expect((await requests('service_code=MS01,CG01')).map((r) => r.service_request_id).sort()).toEqual(
      [a, b].sort(),
    );
    expect(
      (await requests('service_code=MS01&service_code=CG01')).map((r) => r.service_request_id).sort(),
    ).toEqual([a, b].sort());
    const errs = await errorsBoth('/open311/v2/requests?service_code=MS01,NOPE', 404);
    expect(errs[0].description).toContain('service_code not found: NOPE');
  });

  it('"GET requests filters: start_date, end_date (span at most 90 days; default the last 90 days)"', async () => {
    const old = await report(w); // 2026-11-02T09:00+08:00
    w.t.clock.advanceMinutes(100 * DAY);
    const recent = await report(w); // 2027-02-10
    w.t.clock.advanceMinutes(DAY);
    // Default: the last 90 days.
    expect((await requests()).map((r) => r.service_request_id)).toEqual([recent]);
    // A window around the old one, in any zone.
    expect(
      (await requests('start_date=2026-11-01T00:00:00Z&end_date=2026-11-03T00:00:00%2B08:00')).map(
        (r) => r.service_request_id,
      ),
    ).toEqual([old]);
    // Inclusive bounds, to the second.
    expect(
      (await requests('start_date=2026-11-02T09:00:00%2B08:00&end_date=2026-11-02T09:00:00%2B08:00')).map(
        (r) => r.service_request_id,
      ),
    ).toEqual([old]);
    // One bound alone spans 90 days from or up to it.
    expect((await requests('start_date=2026-10-01T00:00:00Z')).map((r) => r.service_request_id)).toEqual([
      old,
    ]);
    expect((await requests('end_date=2027-02-11T00:00:00Z')).map((r) => r.service_request_id)).toEqual([
      recent,
    ]);
    expect(
      (await requests('start_date=2026-11-02T00:00:00Z&end_date=2027-01-31T00:00:00Z')).map(
        (r) => r.service_request_id,
      ),
    ).toEqual([old]);
    // More than 90 days, reversed or malformed: 400 with every problem.
    let errs = await errorsBoth(
      '/open311/v2/requests?start_date=2026-11-01T00:00:00Z&end_date=2027-01-30T00:00:01Z',
      400,
    );
    expect(errs[0].description).toContain('may not span more than 90 days');
    errs = await errorsBoth(
      '/open311/v2/requests?start_date=2027-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z',
      400,
    );
    expect(errs[0].description).toContain('end_date is before start_date');
    errs = await errorsBoth('/open311/v2/requests?start_date=2026-11-01&end_date=tomorrow&status=maybe', 400);
    expect(errs).toHaveLength(2);
    errs = await errorsBoth('/open311/v2/requests?start_date=2026-11-01T00:00:00', 400);
    expect(errs[0].description).toContain('W3C datetime with a time zone');
  });

  it('"GET requests filters: status (comma list of open, closed)"', async () => {
    const open = await report(w);
    const shut = await report(w);
    const worker = await staff(w, 'staff1', 'community_staff', w.city.community);
    await act(worker, await caseIdOf(w, shut), 'reject', { version: 1, reason: '不属于社区受理范围' });
    expect((await requests('status=open')).map((r) => r.service_request_id)).toEqual([open]);
    expect((await requests('status=closed')).map((r) => r.service_request_id)).toEqual([shut]);
    expect((await requests('status=open,closed')).map((r) => r.service_request_id)).toEqual([shut, open]);
    expect((await requests('status=OPEN&status=closed')).length).toBe(2);
    const errs = await errorsBoth('/open311/v2/requests?status=open,pending', 400);
    expect(errs[0].description).toContain('status must be open or closed: pending');
  });

  it('"At most 1000 requests per answer": 1001 requests in the window answer the newest 1000; page 2 has the last one', {
    timeout: 600_000,
  }, async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 1001; i++) {
      numbers.push(await report(w, { description: `第 ${i} 号漏水` }));
      w.t.clock.advanceMinutes(1);
    }
    const page1 = validJson<RequestJson[]>(await get(w, '/open311/v2/requests.json'), 'requests');
    expect(page1).toHaveLength(1000);
    expect(page1[0].service_request_id).toBe(numbers[1000]);
    expect(page1[999].service_request_id).toBe(numbers[1]);
    const xml = validXml(await get(w, '/open311/v2/requests.xml'), 'service_requests');
    expect(childrenNamed(xml, 'request')).toHaveLength(1000);
    const page2 = validJson<RequestJson[]>(await get(w, '/open311/v2/requests.json?page=2'), 'requests');
    expect(page2.map((r) => r.service_request_id)).toEqual([numbers[0]]);
    errorsOf(await get(w, '/open311/v2/requests.json?page_size=1001'), 400);
    const ids = numbers.slice(0, 1001).join(',');
    errorsOf(await get(w, `/open311/v2/requests.json?service_request_id=${ids}`), 400);
  });

  it('"An empty parameter means the same as an absent one"', async () => {
    const a = await report(w);
    w.t.clock.advanceMinutes(60);
    const b = await report(w, {
      service_code: 'CG01',
      email: '',
      phone: '',
      media_url: '',
      'attribute[FLOOR]': '',
    });
    const all = await requests();
    expect(all.map((r) => r.service_request_id)).toEqual([b, a]);
    expect(
      await requests(
        'service_request_id=&service_code=&start_date=&end_date=&status=&jurisdiction_id=&page=&page_size=&extensions=',
      ),
    ).toEqual(all);
    expect(await one(a, 'jurisdiction_id=')).toEqual(await one(a));
    const row = await w.t.deps.db
      .selectFrom('open311_requests')
      .selectAll()
      .where('case_number', '=', b)
      .executeTakeFirstOrThrow();
    expect([row.email_enc, row.media_url, row.attributes]).toEqual([null, null, null]);
  });

  it('"Request object": every field of the specification, in its order, in both formats', async () => {
    const id = await report(w, { media_url: 'http://img.example.cn/1.jpg', address_id: 'B3-601' });
    const [r] = await one(id);
    expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    const xml = validXml(await get(w, `/open311/v2/requests/${id}.xml`), 'service_requests');
    expect(childrenNamed(xml, 'request')[0].children.map((c) => c.name)).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_name: '房屋漏水',
      service_code: 'MS01',
      description: '卫生间顶棚漏水，已经三天了',
      agency_responsible: null,
      address: '虎尾沟社区 3号楼 2单元 601',
      address_id: 'B3-601',
      zipcode: null,
      lat: 37.857,
      long: 113.563,
      media_url: 'http://img.example.cn/1.jpg',
    });
    expect(r.service_notice).toContain('办结');
    expect(r.requested_datetime).toBe('2026-11-02T09:00:00+08:00');
  });

  it('"status (open | closed only)": the nine states map to open or closed', async () => {
    const states = await walkAllStates();
    const got = await requests();
    const byId = new Map(got.map((r) => [r.service_request_id, r]));
    for (const s of CASE_STATES) {
      const r = byId.get(states[s])!;
      expect(r.status, s).toBe(['closed', 'rejected', 'merged'].includes(s) ? 'closed' : 'open');
    }
    expect(new Set(got.map((r) => r.status))).toEqual(new Set(['open', 'closed']));
  });

  it('"Dates are W3C ISO 8601 with a time zone (Z or ±HH:MM)": requested, updated, expected and note datetimes', async () => {
    const states = await walkAllStates();
    const got = await requests('extensions=true');
    expect(got.length).toBe(CASE_STATES.length);
    for (const r of got) {
      expect(r.requested_datetime).toMatch(W3C);
      expect(r.updated_datetime).toMatch(W3C);
      if (r.expected_datetime !== null) expect(r.expected_datetime).toMatch(W3C);
      for (const n of r.notes ?? []) expect(n.datetime).toMatch(W3C);
    }
    const closed = got.find((r) => r.service_request_id === states.closed)!;
    // For closed requests the updated datetime is when the request was closed.
    const row = await w.t.deps.db
      .selectFrom('cases')
      .select('closed_at')
      .where('number', '=', states.closed)
      .executeTakeFirstOrThrow();
    expect(new Date(closed.updated_datetime!).toISOString()).toBe(
      new Date(Math.floor(Date.parse(row.closed_at!) / 1000) * 1000).toISOString(),
    );
    const handled = got.find((r) => r.service_request_id === states.handled)!;
    const due = await w.t.deps.db
      .selectFrom('cases')
      .select('handling_due_at')
      .where('number', '=', states.handled)
      .executeTakeFirstOrThrow();
    expect(Date.parse(handled.expected_datetime!)).toBe(
      Math.floor(Date.parse(due.handling_due_at!) / 1000) * 1000,
    );
  });

  it('"Errors: an array of {code, description} (XML <errors><error>…)": several problems come back together', async () => {
    const res = await postRequest(
      w,
      { api_key: w.key, service_code: 'MS01', lat: '100', description: '字'.repeat(4001), email: 'x' },
      'xml',
    );
    const errs = errorsOf(res, 400, 'xml');
    expect(errs.length).toBeGreaterThanOrEqual(3);
    const json = errorsOf(
      await postRequest(w, {
        api_key: w.key,
        service_code: 'MS01',
        lat: '100',
        description: '字'.repeat(4001),
        email: 'x',
      }),
      400,
    );
    expect(json).toEqual(errs);
    // Descriptions are meant for people: Chinese first, English alongside.
    for (const e of errs) expect(e.description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  it('"404 unknown resource / service_code / token / jurisdiction; 403 bad api_key; 400 missing argument or any other failure"', async () => {
    await report(w);
    await errorsBoth('/open311/v2/requests/SQ-2026-999999', 404);
    await errorsBoth('/open311/v2/services/NOPE', 404);
    await errorsBoth('/open311/v2/tokens/00000000-0000-0000-0000-000000000000', 404);
    await errorsBoth('/open311/v2/services?jurisdiction_id=nowhere', 404);
    await errorsBoth('/open311/v2/nothing/here', 404);
    errorsOf(await w.t.app.inject({ method: 'DELETE', url: '/open311/v2/requests.json' }), 404);
    errorsOf(await postRequest(w, leak(w, { api_key: 'bad' })), 403);
    errorsOf(await postRequest(w, leak(w, { service_code: '' })), 400);
    errorsOf(await postRequest(w, leak(w, { lat: '', long: '', address_string: '' }), 'xml'), 400, 'xml');
    await errorsBoth('/open311/v2/requests?page=0', 400);
  });

  it('"Service list fields: service_code, service_name, description, metadata, type (realtime | batch | blackbox), keywords, group"', async () => {
    const services = await both<Array<Record<string, unknown>>>(
      '/open311/v2/services',
      'services',
      'services',
    );
    for (const s of services)
      expect(Object.keys(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
    const leakService = services.find((s) => s.service_code === 'MS01')!;
    expect(leakService).toMatchObject({
      service_name: '房屋漏水',
      metadata: false,
      type: 'realtime',
      group: '民生工程',
    });
    expect(leakService.keywords).toContain('Leaking flat');
    // Only leaf categories are services: 民生工程 itself is a group, not a service.
    const codes = services.map((s) => s.service_code);
    expect(codes).not.toContain('MS');
    expect(codes).toEqual(expect.arrayContaining(['ZZ01', 'ZZ15', 'CG01', 'DJ']));
    // A deactivated category is no longer offered.
    await w.t.deps.db.updateTable('case_categories').set({ active: 0 }).where('code', '=', 'CG01').execute();
    const after = await both<Array<{ service_code: string }>>('/open311/v2/services', 'services', 'services');
    expect(after.map((s) => s.service_code)).not.toContain('CG01');
  });

  it('"Attribute fields: variable, code, datatype, required, datatype_description, order, description, values[] {key, name}"', async () => {
    await defineLeakAttributes();
    const def = await both<{ service_code: string; attributes: Array<Record<string, unknown>> }>(
      '/open311/v2/services/MS01',
      'serviceDefinition',
      'service_definition',
    );
    expect(Object.keys(def)).toEqual(['service_code', 'attributes']);
    for (const a of def.attributes)
      expect(Object.keys(a)).toEqual([
        'variable',
        'code',
        'datatype',
        'required',
        'datatype_description',
        'order',
        'description',
        'values',
      ]);
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required, a.variable, a.order])).toEqual([
      ['FLOOR', 'number', true, true, 1],
      ['WHERE', 'multivaluelist', false, true, 2],
      ['NOTICE', 'text', false, false, 3],
    ]);
    expect(def.attributes[1].values).toEqual([
      { key: 'ceiling', name: '顶棚' },
      { key: 'wall', name: '墙面' },
      { key: 'pipe', name: '管道' },
    ]);
  });

  it('"Discovery: changeset, contact, key_service, endpoints[] {specification, url, changeset, type: production|test, formats[]}": the changeset moves when a definition changes', async () => {
    const d1 = await both<{ changeset: string; endpoints: Array<{ type: string; changeset: string }> }>(
      '/open311/v2/discovery',
      'discovery',
      'discovery',
    );
    expect(d1.endpoints[0].type).toBe('production');
    w.t.clock.advanceMinutes(5);
    await defineLeakAttributes();
    const d2 = await both<{ changeset: string }>('/open311/v2/discovery', 'discovery', 'discovery');
    expect(d2.changeset > d1.changeset).toBe(true);
  });

  it('"Widely used extensions: page / page_size pagination"', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      numbers.push(await report(w));
      w.t.clock.advanceMinutes(1);
    }
    const newest = [...numbers].reverse();
    expect((await requests('page_size=2')).map((r) => r.service_request_id)).toEqual(newest.slice(0, 2));
    expect((await requests('page_size=2&page=2')).map((r) => r.service_request_id)).toEqual(
      newest.slice(2, 4),
    );
    expect((await requests('page_size=2&page=3')).map((r) => r.service_request_id)).toEqual(newest.slice(4));
    expect(await requests('page_size=2&page=4')).toEqual([]);
    await errorsBoth('/open311/v2/requests?page_size=0', 400);
    await errorsBoth('/open311/v2/requests?page=x', 400);
  });

  it('"Widely used extensions: extensions=true adding notes[] {datetime, description, type} (update history)": the public timeline only', async () => {
    const id = await report(w);
    const worker = await staff(w, 'staff1', 'community_staff', w.city.community);
    const caseId = await caseIdOf(w, id);
    let d = await act(worker, caseId, 'accept', { version: 1, note: '已受理，网格员今天上门' });
    d = await act(worker, caseId, 'comment', {
      version: d.version,
      note: '内部：住户情绪激动',
      visibility: 'internal',
    });
    const [plain] = await one(id);
    expect(plain.notes).toBeUndefined();
    const [full] = await one(id, 'extensions=true');
    expect(full.notes!.map((n) => [n.type, n.description])).toEqual([
      ['create', '已登记 / Recorded'],
      ['accept', '已受理，网格员今天上门'],
    ]);
    expect(JSON.stringify(full)).not.toContain('情绪激动');
    const list = await requests('extensions=true');
    expect(list[0].notes).toHaveLength(2);
  });

  it('"map internal states to open / closed and put the internal state and latest public note in status_notes"; agency_responsible is the lead unit', async () => {
    const states = await walkAllStates();
    const byId = new Map((await requests()).map((r) => [r.service_request_id, r]));
    const notes = Object.fromEntries(CASE_STATES.map((s) => [s, byId.get(states[s])!.status_notes]));
    expect(notes).toEqual({
      collected: '待受理 (Collected)',
      accepted: '已受理 (Accepted)：已受理',
      dispatched: '已分办 (Dispatched)：交住建局办理',
      in_progress: '处置中 (In progress)：社区自行处置',
      handled: '已处置 (Handled)：已更换防水层',
      awaiting_rating: '待评价 (Awaiting rating)：已电话告知居民处理结果',
      closed: '已办结 (Closed)：超过 7 天未评价，系统自动办结',
      rejected: '不予受理 (Rejected)：属物业维修基金范围，请联系物业',
      merged: `已合并 (Merged)：并入 ${states.collected} / merged into ${states.collected}`,
    });
    expect(byId.get(states.dispatched)!.agency_responsible).toBe('住建局');
    expect(byId.get(states.collected)!.agency_responsible).toBeNull();
  });

  it('bad input (issue 4): malformed bodies, unknown service codes, bad api keys and 4001-character descriptions each get their own clear error and write nothing', async () => {
    const before = await counts(w);
    const auditBefore = (await auditRows(w.t.deps, 'case.create')).length;
    const malformed = errorsOf(
      await w.t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'api_key=%E0%A4%A&service_code=MS01',
      }),
      400,
    );
    const unknown = errorsOf(await postRequest(w, leak(w, { service_code: 'XX99' })), 404);
    const badKey = errorsOf(await postRequest(w, leak(w, { api_key: 'og311_forged' })), 403);
    const long = errorsOf(await postRequest(w, leak(w, { description: 'x'.repeat(4001) })), 400);
    const descriptions = [malformed, unknown, badKey, long].map((e) => e[0].description);
    expect(new Set(descriptions).size).toBe(4);
    expect(descriptions[0]).toContain('not valid UTF-8 form-urlencoded');
    expect(descriptions[1]).toContain('service_code not found: XX99');
    expect(descriptions[2]).toContain('api_key');
    expect(descriptions[3]).toContain('4000');
    expect(await counts(w)).toEqual(before);
    expect((await auditRows(w.t.deps, 'case.create')).length).toBe(auditBefore);
  });

  it('a created request is one case, one public timeline event and its audit records, in one transaction', async () => {
    const before = await counts(w);
    const id = await report(w);
    const after = await counts(w);
    expect(after.cases - before.cases).toBe(1);
    expect(after.requests - before.requests).toBe(1);
    expect(after.events - before.events).toBe(1);
    const created = (await auditRows(w.t.deps, 'case.create')).at(-1)!;
    expect(created.actor_name).toBe('open311:随手拍');
    const mine = (await auditRows(w.t.deps, 'open311.request.create')).at(-1)!;
    expect(JSON.parse(mine.after_json!)).toMatchObject({ number: id, serviceCode: 'MS01', keyId: w.keyId });
    const ev = await w.t.deps.db
      .selectFrom('case_events')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect([ev.action, ev.visibility, ev.actor_id, ev.actor_name]).toEqual([
      'create',
      'public',
      null,
      'Open311：随手拍',
    ]);
    const key = await w.t.deps.db
      .selectFrom('open311_keys')
      .selectAll()
      .where('id', '=', w.keyId)
      .executeTakeFirstOrThrow();
    expect(key.last_used_at).toBe(w.t.clock.now().toISOString());
    // A failure anywhere in the transaction (here a case-event listener) leaves neither case nor request behind.
    const remove = registerCaseEventListener(() => {
      throw new Error('listener down');
    });
    try {
      const mid = await counts(w);
      errorsOf(await postRequest(w, leak(w)), 400);
      expect(await counts(w)).toEqual(mid);
    } finally {
      remove();
    }
  });
});

/** One Open311 request in each of the nine states; returns their numbers by state. */
async function walkAllStates(): Promise<Record<CaseState, string>> {
  const worker = await staff(w, 'staff1', 'community_staff', w.city.community);
  const zjj = await w.t.deps.db
    .selectFrom('units')
    .select('id')
    .where('code', '=', 'ZJJ')
    .executeTakeFirstOrThrow();
  const out = {} as Record<CaseState, string>;
  const make = async (state: CaseState) => {
    const number = await report(w, { description: `${state} 的漏水` });
    out[state] = number;
    return caseIdOf(w, number);
  };
  await make('collected');
  let id = await make('accepted');
  await act(worker, id, 'accept', { version: 1, note: '已受理' });
  id = await make('dispatched');
  let d = await act(worker, id, 'accept', { version: 1 });
  await act(worker, id, 'dispatch', { version: d.version, leadUnitId: zjj.id, note: '交住建局办理' });
  id = await make('in_progress');
  d = await act(worker, id, 'accept', { version: 1 });
  await act(worker, id, 'start', { version: d.version, note: '社区自行处置' });
  for (const s of ['handled', 'awaiting_rating', 'closed'] as const) {
    id = await make(s);
    d = await act(worker, id, 'accept', { version: 1 });
    d = await act(worker, id, 'start', { version: d.version });
    d = await act(worker, id, 'handle', { version: d.version, result: '已更换防水层', note: '已更换防水层' });
    if (s === 'handled') continue;
    d = await act(worker, id, 'feedback', { version: d.version, note: '已电话告知居民处理结果' });
    if (s === 'closed') expect(await autoCloseCase(w.t.deps, id, d.version)).toBe(true);
  }
  id = await make('rejected');
  await act(worker, id, 'reject', { version: 1, reason: '属物业维修基金范围，请联系物业' });
  id = await make('merged');
  await act(worker, id, 'merge', { version: 1, masterId: await caseIdOf(w, out.collected) });
  const rows = await w.t.deps.db.selectFrom('cases').select(['number', 'state']).execute();
  for (const s of CASE_STATES) expect(rows.find((r) => r.number === out[s])?.state, s).toBe(s);
  return out;
}
