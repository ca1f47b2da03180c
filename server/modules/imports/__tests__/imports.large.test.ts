import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../common/id-number.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { makeBuildingWithRooms, upload } from '../../../test/imports-factories.js';

// Bad input at scale (issue 3 "Bad input"): 100,000 bad rows are all reported (first 1,000 in the answer, all in
// the downloadable file) and nothing is written. Kept in its own file: it takes a few seconds.

let t: TestApp;
let dir: string;
let staff: Client;

beforeAll(async () => {
  t = await buildTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'og-imports-large-'));
  const city = await makeCity(t.deps);
  await makeBuildingWithRooms(t.deps, city.micro11, '1', 1, 1, 1);
  await makeUser(t.deps, 'community', [{ role: 'community_staff', node: city.community }]);
  staff = await login(t.app, 'community', TEST_PASSWORD);
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('imports: 100,000 bad rows', () => {
  it('when a CSV holds 100,000 rows with a bad ID checksum, then all are reported, the answer keeps the first 1,000 and nothing is written', async () => {
    const good = makeIdNumber('110105', '19800101', '001');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const lines = ['姓名,公民身份号码,手机号,房号,与户主关系'];
    for (let i = 0; i < 100_000; i++) lines.push(`居民${i},${bad},,1-1-101,其他`);
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const heap = process.memoryUsage().heapUsed;
    const res = await upload(t.app, staff, '/api/imports/residents/dry-run', 'bad.csv', readFileSync(file));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 100_000, valid: 0, errorCount: 100_000 });
    expect(body.errors).toHaveLength(1000);
    expect(body.errors[999]).toMatchObject({ row: 1001, column: '公民身份号码', code: 'ID_NUMBER_INVALID' });
    // loose guard against holding every error in memory (a leak would add hundreds of MB)
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(300 * 1024 * 1024);
    const n = await t.deps.db
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    expect((await staff.post(`/api/imports/jobs/${body.token}/commit`)).json().error.code).toBe(
      'IMPORT_EMPTY',
    );

    const errs = await staff.get(body.errorsFileUrl);
    expect(errs.statusCode).toBe(200);
    const out = path.join(dir, 'errors.xlsx');
    writeFileSync(out, errs.rawPayload);
    let rows = 0;
    let last = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, {});
    for await (const ws of reader)
      for await (const r of ws as unknown as AsyncIterable<{ values: unknown[] }>) {
        rows++;
        last = Number(r.values[1]) || last;
      }
    expect(rows).toBe(100_001);
    expect(last).toBe(100_001);
  }, 60_000);
});
