import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../common/id-number.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import {
  makeBuildingWithRooms,
  makeResidentIn,
  upload,
  writeCsv,
  writeXlsx,
} from '../../../test/imports-factories.js';
import { ensureDefaultTags } from '../../registry/registry.service.js';

const ID_A = makeIdNumber('110105', '19491231', '002');
const ID_B = makeIdNumber('110105', '19520304', '001');
const ID_BAD = `${ID_A.slice(0, 17)}${ID_A[17] === '0' ? '1' : '0'}`;
const ID_OLD = makeIdNumber('140302', '19600101', '011');
const ID_C = makeIdNumber('140302', '19700101', '021');
const ID_D = makeIdNumber('140302', '19800101', '031');
const ID_E = makeIdNumber('140302', '19900101', '041');
const ID_F = makeIdNumber('140302', '20000101', '051');
const ID_G = makeIdNumber('140302', '20100101', '062');
const ID_H = makeIdNumber('140302', '20150101', '072');

const HEAD = [
  '姓名',
  '公民身份号码',
  '手机号',
  '房号',
  '与户主关系',
  '政治面貌',
  '户籍在此',
  '居住在此',
  '迁入日期',
  '所属微网格编码',
];
const ROWS: Array<Array<string | number | null>> = [
  ['张三', ID_A, '13812341234', '1-1-101', '户主', '中共党员', '是', '是', '2020-05-01', ''], // 2 ok
  ['李四', ID_B, '', '1-1-101', '配偶', '', '', '', '', ''], // 3 ok
  ['王五', ID_BAD, '', '1-2-602', '户主', '', '', '', '', ''], // 4 checksum
  ['赵六', ID_A, '', '1-2-601', '户主', '', '', '', '', ''], // 5 duplicate in file
  ['钱七', ID_OLD, '', '1-2-501', '户主', '', '', '', '', ''], // 6 already registered
  ['孙八', ID_C, '', '9-1-101', '户主', '', '', '', '', ''], // 7 unknown building
  ['周九', ID_D, '', '1-3-101', '户主', '', '', '', '', ''], // 8 outside the building
  ['吴十', ID_E, '1234', '1-1-102', '户主', '', '', '', '', ''], // 9 bad phone
  ['郑一', '', '', '1-1-102', '表哥', '', '', '', '', ''], // 10 unknown relation
  ['', ID_F, '', '1-2-601', '户主', '', '', '', '', ''], // 11 name missing
  ['陈二', ID_G, '', '3-1-101', '户主', '', '', '', '', ''], // 12 ok, room created
  [], // 13 blank
  ['冯三', ID_H, '', '1-1-101', '子女', '', '', '', '', ''], // 14 ok
];
const EXPECTED = [
  { row: 4, column: '公民身份号码', code: 'ID_NUMBER_INVALID' },
  { row: 5, column: '公民身份号码', code: 'IMPORT_DUPLICATE_ID' },
  { row: 6, column: '公民身份号码', code: 'IMPORT_ID_REGISTERED' },
  { row: 7, column: '房号', code: 'IMPORT_UNKNOWN_BUILDING' },
  { row: 8, column: '房号', code: 'IMPORT_ROOM_OUTSIDE' },
  { row: 9, column: '手机号', code: 'PHONE_INVALID' },
  { row: 10, column: '与户主关系', code: 'IMPORT_ENUM' },
  { row: 11, column: '姓名', code: 'IMPORT_REQUIRED' },
];

let t: TestApp;
let dir: string;
let city: Awaited<ReturnType<typeof makeCity>>;
let community: Client;
let grid1: Client;
let leader: Client;

async function count(table: 'residents' | 'households' | 'buildings') {
  const r = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function sheetText(ws: ExcelJS.Worksheet) {
  const out: string[] = [];
  ws.eachRow((r) => {
    out.push(
      (r.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v)))
        .join('|'),
    );
  });
  return out;
}

beforeAll(async () => {
  t = await buildTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'og-imports-'));
  city = await makeCity(t.deps);
  await ensureDefaultTags(t.deps);
  await makeUser(t.deps, 'community', [{ role: 'community_staff', node: city.community }]);
  await makeUser(t.deps, 'grid1', [{ role: 'grid_worker', node: city.grid1 }]);
  await makeUser(t.deps, 'leader', [{ role: 'leader', node: city.community }]);
  community = await login(t.app, 'community', TEST_PASSWORD);
  grid1 = await login(t.app, 'grid1', TEST_PASSWORD);
  leader = await login(t.app, 'leader', TEST_PASSWORD);
  await makeBuildingWithRooms(t.deps, city.micro11, '1', 2, 6, 2);
  await makeBuildingWithRooms(t.deps, city.micro21, '2', 1, 3, 2);
  await makeBuildingWithRooms(t.deps, city.micro11, '3', 1, 2, 1, false);
  const h = await t.deps.db
    .selectFrom('households')
    .select('id')
    .where('room_label', '=', '1-2-501')
    .executeTakeFirstOrThrow();
  await makeResidentIn(t.deps, h.id, '老住户', ID_OLD);
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('imports: templates', () => {
  it('when a template is downloaded, then it has Chinese headers with English notes, one example row and a 说明 sheet', async () => {
    for (const kind of ['buildings', 'households', 'residents']) {
      const res = await community.get(`/api/imports/templates/${kind}.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = await readXlsx(res.rawPayload);
      expect(wb.worksheets.map((w) => w.name)).toContain('说明');
      const ws = wb.worksheets[0];
      expect(ws.rowCount).toBe(2);
      const head = (ws.getRow(1).values as string[]).slice(1);
      if (kind === 'residents')
        expect(head.slice(0, 5)).toEqual(['姓名', '公民身份号码', '手机号', '房号', '与户主关系']);
      if (kind === 'buildings')
        expect(head).toEqual(
          expect.arrayContaining(['楼栋号', '单元数', '层数', '每层户数', '所属微网格编码']),
        );
      expect(String(ws.getRow(1).getCell(1).note ?? '')).toMatch(/[a-z]/i);
    }
  });

  it('when nobody is signed in, then templates answer 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/templates/residents.xlsx' });
    expect(res.statusCode).toBe(401);
  });
});

describe('imports: residents dry run and commit', () => {
  let xlsxToken = '';

  it('when a real xlsx with bad rows is dry-run, then every bad row is listed with row, column and reason and nothing is written', async () => {
    const file = await writeXlsx(path.join(dir, 'residents.xlsx'), [HEAD, ...ROWS]);
    const before = await count('residents');
    const res = await upload(
      t.app,
      community,
      `/api/imports/residents/dry-run?nodeId=${city.community.id}`,
      'residents.xlsx',
      readFileSync(file),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'residents', total: 12, valid: 4, errorCount: 8 });
    expect(
      body.errors.map((e: { row: number; column: string; code: string }) => ({
        row: e.row,
        column: e.column,
        code: e.code,
      })),
    ).toEqual(EXPECTED);
    for (const e of body.errors) {
      expect(e.message.zh).toBeTruthy();
      expect(e.message.en).toBeTruthy();
      expect(JSON.stringify(e)).not.toContain(ID_A);
    }
    expect(body.errorsFileUrl).toBe(`/api/imports/jobs/${body.token}/errors.xlsx`);
    expect(await count('residents')).toBe(before);
    xlsxToken = body.token;

    const errs = await community.get(body.errorsFileUrl);
    expect(errs.statusCode).toBe(200);
    const rows = sheetText((await readXlsx(errs.rawPayload)).worksheets[0]);
    expect(rows).toHaveLength(9);
    expect(rows[1]).toContain('4|公民身份号码|身份证号校验位不正确');
  });

  it('when the same rows come as a UTF-8 CSV with a BOM, then the report is the same', async () => {
    const file = writeCsv(path.join(dir, 'residents.csv'), [HEAD, ...ROWS]);
    const res = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'residents.csv',
      readFileSync(file),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 12, valid: 4, errorCount: 8 });
    expect(
      body.errors.map((e: { row: number; column: string; code: string }) => ({
        row: e.row,
        column: e.column,
        code: e.code,
      })),
    ).toEqual(EXPECTED);
  });

  it('when the SSE progress of a finished dry run is opened, then it reports the processed rows and closes', async () => {
    const res = await community.get(`/api/imports/jobs/${xlsxToken}/events`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.body).toContain('"state":"ready"');
    expect(res.body).toContain('"processed":12');
  });

  it('when a progress channel is opened before the upload, then it streams progress until validation ends', async () => {
    const open = await community.post('/api/imports/jobs');
    const token = open.json().token as string;
    const events = community.get(`/api/imports/jobs/${token}/events`);
    await new Promise((r) => setTimeout(r, 150)); // let the channel subscribe before the rows start
    const rows = Array.from({ length: 2500 }, (_, i) => [`居民${i}`, '', '', '1-1-101', '其他']);
    const file = writeCsv(path.join(dir, 'many.csv'), [HEAD.slice(0, 5), ...rows]);
    const res = await upload(
      t.app,
      community,
      `/api/imports/residents/dry-run?token=${token}`,
      'many.csv',
      readFileSync(file),
    );
    expect(res.json()).toMatchObject({ token, total: 2500, valid: 2500 });
    const body = (await events).body;
    expect(body.match(/event: progress/g)?.length).toBeGreaterThanOrEqual(3);
    expect(body).toContain('"state":"validating"');
    expect(body).toContain('"processed":2500');
    expect(body).toContain('"state":"ready"');
  });

  it('when another user presents my token, then 404', async () => {
    expect((await grid1.get(`/api/imports/jobs/${xlsxToken}`)).statusCode).toBe(404);
    expect((await grid1.post(`/api/imports/jobs/${xlsxToken}/commit`)).statusCode).toBe(404);
  });

  it('when a failure happens during the commit, then nothing is written and the job can be committed later', async () => {
    const before = { residents: await count('residents'), households: await count('households') };
    const audits = (await auditRows(t.deps, 'registry.import')).length;
    if (t.deps.kind === 'sqlite') {
      await sql`create trigger boom before insert on residents when new.name = '冯三' begin select raise(abort, 'boom'); end`.execute(
        t.deps.db,
      );
    } else {
      await sql`create function boom() returns trigger language plpgsql as $$ begin if new.name = '冯三' then raise exception 'boom'; end if; return new; end $$`.execute(
        t.deps.db,
      );
      await sql`create trigger boom before insert on residents for each row execute function boom()`.execute(
        t.deps.db,
      );
    }
    const res = await community.post(`/api/imports/jobs/${xlsxToken}/commit`);
    expect(res.statusCode).toBe(500);
    expect(await count('residents')).toBe(before.residents);
    expect(await count('households')).toBe(before.households);
    expect(await auditRows(t.deps, 'registry.import')).toHaveLength(audits);
    await sql`drop trigger boom${sql.raw(t.deps.kind === 'sqlite' ? '' : ' on residents')}`.execute(
      t.deps.db,
    );
    expect((await community.get(`/api/imports/jobs/${xlsxToken}`)).json().state).toBe('ready');
  });

  it('when the dry run is committed, then exactly the valid rows are written, encrypted, with one summary audit row', async () => {
    const before = await count('residents');
    const res = await community.post(`/api/imports/jobs/${xlsxToken}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 4 });
    expect(await count('residents')).toBe(before + 4);
    const names = await t.deps.db
      .selectFrom('residents')
      .selectAll()
      .where('name', 'in', ['张三', '李四', '陈二', '冯三', '王五', '赵六', '孙八'])
      .orderBy('id')
      .execute();
    expect(names.map((r) => r.name)).toEqual(['张三', '李四', '陈二', '冯三']);
    const zhang = names[0];
    expect(zhang.id_number_enc).not.toContain(ID_A);
    expect(t.deps.crypto.decrypt(zhang.id_number_enc!)).toBe(ID_A);
    expect(zhang.id_number_bidx).toBe(t.deps.crypto.blindIndex('id_number', ID_A));
    expect(t.deps.crypto.decrypt(zhang.phone_enc!)).toBe('13812341234');
    expect(zhang).toMatchObject({
      birth_date: '1949-12-31',
      sex: 'female',
      political_status: 'cpc_member',
      relation: 'self',
      moved_in_at: '2020-05-01',
      node_id: city.micro11.id,
      status: 'active',
    });
    const room = await t.deps.db
      .selectFrom('households')
      .selectAll()
      .where('id', '=', zhang.household_id!)
      .executeTakeFirstOrThrow();
    expect(room).toMatchObject({ room_label: '1-1-101', householder_id: zhang.id });
    const created = await t.deps.db
      .selectFrom('households')
      .selectAll()
      .where('room_label', '=', '3-1-101')
      .executeTakeFirstOrThrow();
    expect(names[2].household_id).toBe(created.id);
    const audit = await auditRows(t.deps, 'registry.import');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      residents: 4,
      households: 1,
      fileRows: 12,
      rejectedRows: 8,
    });
    expect(audit[0].after_json).not.toContain('张三');
    expect(audit[0].after_json).not.toContain(ID_A.slice(0, 10));
    expect(audit[0].actor_name).toBe('community');
    // a job commits once
    expect((await community.post(`/api/imports/jobs/${xlsxToken}/commit`)).statusCode).toBe(409);
  });

  it('when the same file is dry-run again, then the committed IDs are reported as already registered', async () => {
    const file = writeCsv(path.join(dir, 'again.csv'), [HEAD, ROWS[0]]);
    const res = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'again.csv',
      readFileSync(file),
    );
    expect(res.json().errors[0]).toMatchObject({ row: 2, code: 'IMPORT_ID_REGISTERED' });
  });
});

describe('imports: a register that changed between dry run and commit', () => {
  it('when an ID number of a checked file is registered through the API before the commit, then the commit is 409 IMPORT_STALE and writes nothing', async () => {
    const idNew = makeIdNumber('140302', '19850505', '093');
    const file = writeCsv(path.join(dir, 'stale.csv'), [
      HEAD,
      ['何新', idNew, '', '1-2-502', '户主', '', '', '', '', ''],
      ['何旧', makeIdNumber('140302', '19860606', '103'), '', '1-2-502', '配偶', '', '', '', '', ''],
    ]);
    const dry = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'stale.csv',
      readFileSync(file),
    );
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ total: 2, valid: 2 });
    const h = await t.deps.db
      .selectFrom('households')
      .select('id')
      .where('room_label', '=', '1-1-102')
      .executeTakeFirstOrThrow();
    const reg = await community.post('/api/registry/residents', {
      householdId: h.id,
      name: '何抢先',
      idNumber: idNew,
      relation: 'self',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const before = await count('residents');
    const res = await community.post(`/api/imports/jobs/${dry.json().token}/commit`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('IMPORT_STALE');
    expect(await count('residents')).toBe(before);
    const names = await t.deps.db
      .selectFrom('residents')
      .select('name')
      .where('name', 'in', ['何新', '何旧'])
      .execute();
    expect(names).toEqual([]);
  });
});

describe('imports: bad files and scope', () => {
  it('when the header is in English, then one file-level error says so', async () => {
    const file = writeCsv(path.join(dir, 'en.csv'), [
      ['Name', 'ID number', 'Mobile phone', 'Room', 'Relation to householder'],
      ['Zhang', ID_A, '', '1-1-101', 'self'],
    ]);
    const res = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'en.csv',
      readFileSync(file),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_HEADER_LANGUAGE');
    expect(res.json().error.details).toHaveLength(1);
  });

  it('when a buildings sheet is uploaded as residents, or the file is not a spreadsheet, then one clear file-level error', async () => {
    const file = await writeXlsx(
      path.join(dir, 'wrong.xlsx'),
      [
        ['楼栋号', '单元数', '层数', '每层户数', '所属微网格编码'],
        ['8', 1, 1, 1, city.micro11.code],
      ],
      { sheetName: '楼栋' },
    );
    const res = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'wrong.xlsx',
      readFileSync(file),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_HEADER_INVALID');
    expect(res.json().error.details[0].message).toContain('姓名');
    const junk = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'junk.xlsx',
      Buffer.from('not a zip at all'),
    );
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.code).toBe('IMPORT_FILE_INVALID');
    const doc = await upload(t.app, community, '/api/imports/residents/dry-run', 'a.docx', Buffer.from('x'));
    expect(doc.json().error.code).toBe('IMPORT_FILE_INVALID');
  });

  it('when the data sheet follows a 说明 sheet, then the data sheet is used', async () => {
    const file = await writeXlsx(path.join(dir, 'second.xlsx'), [HEAD, ['甲', '', '', '1-1-102', '户主']], {
      before: [{ name: '说明', rows: [['列名', '说明']] }],
    });
    const res = await upload(
      t.app,
      community,
      '/api/imports/residents/dry-run',
      'second.xlsx',
      readFileSync(file),
    );
    expect(res.json()).toMatchObject({ total: 1, valid: 1 });
  });

  it('when a grid worker imports rows outside their grid, then those rows are errors and a foreign target node is 404', async () => {
    const file = writeCsv(path.join(dir, 'scope.csv'), [
      HEAD,
      ['甲', '', '', '1-1-102', '户主', '', '', '', '', ''],
      ['乙', '', '', '2-1-101', '户主', '', '', '', '', city.micro21.code],
      ['丙', '', '', '2-1-101', '户主', '', '', '', '', ''],
    ]);
    const res = await upload(t.app, grid1, '/api/imports/residents/dry-run', 'scope.csv', readFileSync(file));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, valid: 1 });
    expect(res.json().errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'IMPORT_OUT_OF_SCOPE'],
      [4, 'IMPORT_UNKNOWN_BUILDING'],
    ]);
    const denied = (await auditRows(t.deps, 'access.denied')).length;
    const foreign = await upload(
      t.app,
      grid1,
      `/api/imports/residents/dry-run?nodeId=${city.grid2.id}`,
      'scope.csv',
      readFileSync(file),
    );
    expect(foreign.statusCode).toBe(404);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(denied + 1);
  });

  it('when a user without person.write tries to import, then 403', async () => {
    const file = writeCsv(path.join(dir, 'l.csv'), [HEAD, ['甲', '', '', '1-1-102', '户主']]);
    expect(
      (await upload(t.app, leader, '/api/imports/residents/dry-run', 'l.csv', readFileSync(file))).statusCode,
    ).toBe(403);
  });
});

describe('imports: buildings and households', () => {
  it('when buildings are imported, then valid ones are created with their rooms and duplicates, bad codes and foreign grids are errors', async () => {
    const head = ['楼栋号', '楼栋名称', '类型', '单元数', '层数', '每层户数', '所属微网格编码'];
    const file = await writeXlsx(
      path.join(dir, 'b.xlsx'),
      [
        head,
        ['10', '十号楼', '住宅', 2, 3, 2, city.micro11.code], // ok
        ['1', '', '', 1, 1, 1, city.micro11.code], // number taken in the community
        ['11', '', '', 1, 1, 1, city.grid1.code], // not a micro-grid
        ['12', '', '', 1, 1, 1, '999999'], // unknown
        ['10', '', '', 1, 1, 1, city.micro21.code], // same community, repeated in the file
        ['13', '', '别墅', 0, 1, 1, city.micro11.code], // enum + range
      ],
      { sheetName: '楼栋导入' },
    );
    const res = await upload(t.app, grid1, '/api/imports/buildings/dry-run', 'b.xlsx', readFileSync(file));
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, '楼栋号', 'IMPORT_BUILDING_EXISTS'],
      [4, '所属微网格编码', 'IMPORT_NOT_MICROGRID'],
      [5, '所属微网格编码', 'IMPORT_UNKNOWN_NODE'],
      [6, '所属微网格编码', 'IMPORT_OUT_OF_SCOPE'],
      [7, '类型', 'IMPORT_ENUM'],
      [7, '单元数', 'IMPORT_NOT_INTEGER'],
    ]);
    const before = await count('households');
    const commit = await grid1.post(`/api/imports/jobs/${res.json().token}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    const b = await t.deps.db
      .selectFrom('buildings')
      .selectAll()
      .where('number', '=', '10')
      .executeTakeFirstOrThrow();
    expect(b).toMatchObject({
      name: '十号楼',
      units: 2,
      floors: 3,
      rooms_per_floor: 2,
      node_id: city.micro11.id,
    });
    expect(await count('households')).toBe(before + 12);
  });

  it('when households are imported, then existing rooms change use, missing rooms are created, and rooms outside the building are errors', async () => {
    const file = writeCsv(path.join(dir, 'h.csv'), [
      ['房号', '用途'],
      ['1-1-201', '出租'],
      ['3-2-101', '自住'],
      ['3-1-201', '商用'],
      ['1-1-201', '空置'],
      ['1-1-2', '自住'],
    ]);
    const res = await upload(
      t.app,
      community,
      '/api/imports/households/dry-run',
      'h.csv',
      readFileSync(file),
    );
    expect(res.json().errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'IMPORT_ROOM_OUTSIDE'],
      [5, 'IMPORT_DUPLICATE_ROOM'],
      [6, 'IMPORT_ROOM_LABEL'],
    ]);
    const commit = await community.post(`/api/imports/jobs/${res.json().token}/commit`);
    expect(commit.json()).toMatchObject({ inserted: 1, updated: 1 });
    const rows = await t.deps.db
      .selectFrom('households')
      .select(['room_label', 'use'])
      .where('room_label', 'in', ['1-1-201', '3-1-201'])
      .orderBy('room_label')
      .execute();
    expect(rows).toEqual([
      { room_label: '1-1-201', use: 'rented' },
      { room_label: '3-1-201', use: 'commercial' },
    ]);
  });
});

describe('imports: export', () => {
  beforeEach(async () => {
    const zhang = await t.deps.db
      .selectFrom('residents')
      .select(['id', 'household_id'])
      .where('name', '=', '张三')
      .executeTakeFirstOrThrow();
    const tag = await t.deps.db
      .selectFrom('tags')
      .select('id')
      .where('code', '=', 'community_correction')
      .executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('tag_assignments').execute();
    await t.deps.db
      .insertInto('tag_assignments')
      .values({
        tag_id: tag.id,
        household_id: null,
        resident_id: zhang.id,
        risk_level: '缓刑',
        note: null,
        since: null,
        actor_id: null,
        created_at: t.deps.clock.now().toISOString(),
      })
      .execute();
  });

  it('when a leader exports residents, then IDs and phones are masked and the sensitive tag never appears', async () => {
    const res = await leader.get(`/api/imports/export/residents.xlsx?nodeId=${city.community.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = sheetText((await readXlsx(res.rawPayload)).worksheets[0]);
    const text = rows.join('\n');
    expect(rows[0]).toContain('公民身份号码');
    expect(text).toContain('张三');
    expect(text).toContain(`${ID_A.slice(0, 3)}***********${ID_A.slice(-4)}`);
    expect(text).toContain('138****1234');
    expect(text).not.toContain(ID_A);
    expect(text).not.toContain('13812341234');
    expect(text).not.toContain('社区矫正');
    const hh = sheetText(
      (await readXlsx((await leader.get('/api/imports/export/households.xlsx')).rawPayload)).worksheets[0],
    ).join('\n');
    expect(hh).toContain('1-1-101');
    expect(hh).not.toContain('社区矫正');
    const audit = await auditRows(t.deps, 'registry.export');
    expect(JSON.parse(audit.at(-1)!.after_json!)).toMatchObject({ rows: expect.any(Number) });
  });

  it('when community staff export with reveal, then plain values appear and one bulk reveal is audited with the count', async () => {
    const masked = sheetText(
      (await readXlsx((await community.get('/api/imports/export/residents.xlsx')).rawPayload)).worksheets[0],
    ).join('\n');
    expect(masked).toContain('社区矫正(缓刑)');
    expect(masked).not.toContain(ID_A);
    const res = await community.get('/api/imports/export/residents.xlsx?reveal=1&q=张三');
    const text = sheetText((await readXlsx(res.rawPayload)).worksheets[0]).join('\n');
    expect(text).toContain(ID_A);
    expect(text).toContain('13812341234');
    const audit = await auditRows(t.deps, 'person.reveal_bulk');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ via: 'export', rows: 1, revealed: 1 });
    expect(audit[0].after_json).not.toContain('张三');
  });

  it('when a leader asks to reveal, then 403 and an audit entry', async () => {
    const denied = (await auditRows(t.deps, 'access.denied')).length;
    expect((await leader.get('/api/imports/export/residents.xlsx?reveal=1')).statusCode).toBe(403);
    expect(await auditRows(t.deps, 'access.denied')).toHaveLength(denied + 1);
  });

  it('when the export names a node outside the scope, then 404', async () => {
    expect((await grid1.get(`/api/imports/export/residents.xlsx?nodeId=${city.grid2.id}`)).statusCode).toBe(
      404,
    );
  });
});
