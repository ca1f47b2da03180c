import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/build-test-app.js';
import {
  actOn,
  body,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';

// Issue 4 "Bad input": each gets its own clear error and nothing is written.

interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ field: string; code: string; message: string }> };
}
const err = (res: { json(): unknown }) => (res.json() as ErrorBody).error;

function multipart(name: string, filename: string, data: Buffer) {
  const boundary = '----onegrid-test';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe(`bad input on the case loop (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  const counts = async () => {
    const n = async (table: 'cases' | 'case_events' | 'case_files' | 'case_assignments') =>
      Number(
        (
          await t.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      cases: await n('cases'),
      events: await n('case_events'),
      files: await n('case_files'),
      assignments: await n('case_assignments'),
    };
  };
  const upload = (client: Client, id: number, filename: string, data: Buffer) => {
    const m = multipart('file', filename, data);
    return t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/files`,
      payload: m.payload,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': m.contentType },
    });
  };
  beforeAll(async () => {
    t = await buildTestApp({ dataDir: `/tmp/onegrid-cases-test-${process.pid}-${TEST_DB_KIND}` });
    w = await makeCaseWorld(t);
    as = clients(t);
  });
  afterAll(() => t.close());

  it('when a description has 4001 characters, then 400 says at most 4000 in Chinese and English, and nothing is written', async () => {
    const before = await counts();
    const res = await (await as('resident')).post(
      '/api/cases',
      leakInput(w, { description: 'a'.repeat(4001) }),
    );
    expect(res.statusCode).toBe(400);
    expect(err(res).details).toEqual([
      { field: 'description', code: 'description.too_long', message: '问题描述最多 4000 字（现在 4001 字）' },
    ]);
    const en = await (await as('resident')).post(
      '/api/cases',
      leakInput(w, { description: 'a'.repeat(4001) }),
      {
        'accept-language': 'en',
      },
    );
    expect(err(en).details?.[0].message).toBe(
      'The description can have at most 4000 characters (it has 4001)',
    );
    expect(await counts()).toEqual(before);
  });

  it('when a description has exactly 4000 characters and the title 100, then it is accepted', async () => {
    const res = await (await as('resident')).post(
      '/api/cases',
      leakInput(w, { title: '漏'.repeat(100), description: '水'.repeat(4000) }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('when the category is unknown, a top-level category or missing a place, then each is listed', async () => {
    const before = await counts();
    let res = await (await as('grid1')).post(
      '/api/cases',
      leakInput(w, { categoryId: 999_999, source: 'grid_worker' }),
    );
    expect(err(res).details?.map((d) => d.code)).toEqual(['categoryId.unknown']);
    res = await (await as('grid1')).post(
      '/api/cases',
      leakInput(w, { categoryId: w.cat.ms, source: 'grid_worker' }),
    );
    expect(err(res).details?.map((d) => d.code)).toEqual(['categoryId.not_leaf']);
    const { householdId: _h, ...noPlace } = leakInput(w, { source: 'grid_worker', title: '' });
    res = await (await as('grid1')).post('/api/cases', noPlace);
    expect(
      err(res)
        .details?.map((d) => d.code)
        .sort(),
    ).toEqual(['location.required', 'required']);
    res = await (await as('resident')).post('/api/cases', leakInput(w, { source: 'hotline_12345' }));
    expect(err(res).details?.map((d) => d.code)).toEqual(['source.resident_only']);
    res = await (await as('grid1')).post(
      '/api/cases',
      leakInput(w, { reporter: { name: '张三', phone: '12345' } }),
    );
    expect(err(res).details?.map((d) => d.code)).toEqual(['PHONE_INVALID']);
    expect(await counts()).toEqual(before);
  });

  it('when an action does not apply in the state, then 409 CASE_INVALID_TRANSITION; not for the caller, 403 CASE_FORBIDDEN_ACTION with an audit row', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    const before = await counts();
    let res = await actOn(await as('grid1'), c.id, 'handle', { result: '已处理' });
    expect(res.statusCode).toBe(409);
    expect(err(res).code).toBe('CASE_INVALID_TRANSITION');
    expect(err(res).message).toContain('当前所处的环节');
    res = await actOn(await as('leader'), c.id, 'accept');
    expect(res.statusCode).toBe(403);
    expect(err(res).code).toBe('CASE_FORBIDDEN_ACTION');
    const denied = (await auditRows(t.deps, 'access.denied')).at(-1);
    expect(denied).toMatchObject({ entity_type: 'case', entity_id: String(c.id), outcome: 'denied' });
    expect(await counts()).toEqual(before);
  });

  it('when someone other than the reporter rates, then 403 CASE_NOT_REPORTER and nothing is written', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, c.id, 'awaiting_rating');
    const before = await counts();
    for (const who of ['grid1', 'staff', 'zjj'] as const) {
      const res = await actOn(await as(who), c.id, 'rate', { rating: 'satisfied', resolved: true });
      expect(res.statusCode, who).toBe(403);
      expect(err(res).code).toBe('CASE_NOT_REPORTER');
      expect(err(res).message).toBe('只有反映人本人可以评价');
    }
    expect(await counts()).toEqual(before);
    expect(
      (await t.deps.db.selectFrom('case_ratings').selectAll().where('case_id', '=', c.id).execute()).length,
    ).toBe(0);
  });

  it('when action fields are missing or wrong, then 400 lists each and nothing is written', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, c.id, 'accepted');
    const before = await counts();
    let res = await actOn(await as('staff'), c.id, 'dispatch', {
      leadUnitId: w.units.pcs,
      assistUnitIds: [w.units.pcs],
    });
    expect(
      err(res)
        .details?.map((d) => d.code)
        .sort(),
    ).toEqual(['assistUnitIds.includes_lead', 'leadUnitId.not_serving']);
    res = await actOn(await as('staff'), c.id, 'meeting', {
      heldAt: 'yesterday',
      attendees: [],
      actionItems: [{ who: '', what: '修' }],
    });
    expect(
      err(res)
        .details?.map((d) => d.field)
        .sort(),
    ).toEqual(['actionItems[0]', 'attendees', 'decisions', 'heldAt']);
    res = await actOn(await as('staff'), c.id, 'reject', {});
    expect(res.statusCode).toBe(409);
    res = await actOn(await as('staff'), c.id, 'escalate', { note: '  ' });
    expect(err(res).details?.map((d) => d.field)).toEqual(['note']);
    res = await actOn(await as('staff'), c.id, 'comment', { note: 'x'.repeat(2001) });
    expect(err(res).details?.map((d) => d.code)).toEqual(['note.too_long']);
    res = await (await as('staff')).post(`/api/cases/${c.id}/actions/comment`, { note: 'no version' });
    expect(res.statusCode).toBe(400);
    res = await (await as('staff')).post(`/api/cases/${c.id}/actions/fly`, { version: 2 });
    expect(res.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('when a photo is over 5 MB or not an image by its bytes, then 400 and nothing is kept; a real PNG is kept', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    const before = await counts();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64),
    ]);
    let res = await upload(
      await as('resident'),
      c.id,
      'big.png',
      Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]),
    );
    expect(res.statusCode).toBe(400);
    expect(err(res).details?.[0].code).toBe('FILE_TOO_LARGE');
    res = await upload(await as('resident'), c.id, 'evil.png', Buffer.from('<script>alert(1)</script>'));
    expect(err(res).details?.[0].code).toBe('FILE_TYPE');
    expect(await counts()).toEqual(before);
    res = await upload(await as('resident'), c.id, '漏水.png', png);
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json() as { id: number; url: string; mime: string };
    expect(file.mime).toBe('image/png');
    // The uploader sees it; a grid worker sees it; another resident cannot reach the case at all.
    expect((await (await as('resident')).get(file.url)).statusCode).toBe(200);
    expect((await (await as('grid1')).get(file.url)).statusCode).toBe(200);
    expect((await (await as('resident2')).get(file.url)).statusCode).toBe(404);
    // Attached to a handling result, it becomes part of that event.
    await driveTo(as, w, c.id, 'in_progress');
    const v = body(await (await as('zjj')).get(`/api/cases/${c.id}`)).version;
    res = await (await as('zjj')).post(`/api/cases/${c.id}/actions/handle`, {
      version: v,
      result: '修好了',
      fileIds: [file.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const handled = body(res);
    expect(handled.timeline.at(-1)).toMatchObject({ action: 'handle' });
    expect((handled.files as Array<{ id: number; eventId: number }>)[0].eventId).toBeGreaterThan(0);
  });
});
