import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { upload, writeCsv } from '../../../test/imports-factories.js';
import { ensureCaseSetup } from '../../cases/case-setup.js';

// The 12345 exchange end to end over HTTP, on the run's engine (SQLite and PostgreSQL): real .xlsx and .csv files
// written here, with duplicates and bad rows; a second import of the same file creates nothing.

type Cell = string | number | Date | null;
const HEAD = [
  '工单号',
  '来电时间',
  '诉求人',
  '电话',
  '诉求内容',
  '地址',
  '分类',
  '办理时限',
  '紧急程度',
  '所属社区/网格编码',
];

let t: TestApp;
let dir: string;
let city: Awaited<ReturnType<typeof makeCity>>;
let staff: Client;
let grid: Client;

async function writeXlsx(file: string, rows: Cell[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return readFileSync(file);
}

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((r) => {
    out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

async function count(table: 'cases' | 'hotline_orders' | 'case_events') {
  const r = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const dryRun = (client: Client, name: string, content: Buffer, query = '') =>
  upload(t.app, client, `/api/hotline/dry-run${query}`, name, content);

beforeAll(async () => {
  t = await buildTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'og-hotline-'));
  city = await makeCity(t.deps);
  await ensureCaseSetup(t.deps);
  await makeUser(t.deps, 'staff', [{ role: 'community_staff', node: city.community }], {
    displayName: '社区王',
  });
  await makeUser(t.deps, 'grid', [{ role: 'grid_worker', node: city.grid1 }]);
  staff = await login(t.app, 'staff', TEST_PASSWORD);
  grid = await login(t.app, 'grid', TEST_PASSWORD);
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

// The test clock stands at 2026-11-02 09:00 Beijing time.
function xlsxRows(): Cell[][] {
  return [
    HEAD,
    // 2 ok: a path category, working days, the community by code
    [
      'A001',
      '2026-10-29 09:12',
      '王女士',
      '138 1234 1234',
      '家中卫生间屋顶漏水。楼上住户联系不上',
      '政府大院社区 3 号楼 2 单元 501',
      '民生工程-房屋漏水',
      '5个工作日',
      '一般',
      city.community.code,
    ],
    // 3 ok: an Excel date cell, a fixed line, a date deadline, a grid code
    [
      'A002',
      new Date(Date.UTC(2026, 9, 30, 14, 5)),
      '李先生',
      '0353-1234567',
      '小区门口广告牌松动，有掉落危险',
      '北大街 12 号',
      'CG02',
      '2026-11-06',
      '紧急',
      city.grid1.code,
    ],
    // 4 ok: anonymous, no deadline (the category's), the import's target node
    ['A003', '2026/10/31 8:30', '', '', '物业不及时清运垃圾', '', '物业服务', '', '', ''],
    // 5 duplicate 工单号 in the file
    ['A001', '2026-10-29 10:00', '王女士', '13812341234', '又打了一次', '', 'MS01', '', '', ''],
    // 6 no 工单号
    ['', '2026-10-29 10:00', '赵', '13812341234', '无单号', '', 'MS01', '', '', ''],
    // 7 bad phone
    ['A007', '2026-10-29 10:00', '钱', '12345', '电话不对', '', 'MS01', '', '', ''],
    // 8 unparseable time
    ['A008', '昨天下午', '孙', '', '时间不对', '', 'MS01', '', '', ''],
    // 9 unknown category
    ['A009', '2026-10-29 10:00', '周', '', '分类不对', '', '外星人入侵', '', '', ''],
    // 10 deadline without a unit
    ['A010', '2026-10-29 10:00', '吴', '', '时限不对', '', 'MS01', '5', '', ''],
    // 11 a community outside the importer's area
    ['A011', '2026-10-29 10:00', '郑', '', '不归我管', '', 'MS01', '', '', city.community2.code],
    [],
    // 13 several problems at once
    ['A013', '2099-01-01 00:00', '', '138****1234', '', '', '其他', '尽快', '很急', '999'],
  ];
}

const EXPECTED = [
  { row: 5, column: '工单号', code: 'HOTLINE_DUPLICATE_IN_FILE' },
  { row: 6, column: '工单号', code: 'HOTLINE_REQUIRED' },
  { row: 7, column: '电话', code: 'HOTLINE_PHONE_INVALID' },
  { row: 8, column: '来电时间', code: 'HOTLINE_TIME_INVALID' },
  { row: 9, column: '分类', code: 'HOTLINE_CATEGORY_UNKNOWN' },
  { row: 10, column: '办理时限', code: 'HOTLINE_LIMIT_INVALID' },
  { row: 11, column: '所属社区/网格编码', code: 'HOTLINE_NODE_OUT_OF_SCOPE' },
  { row: 13, column: '来电时间', code: 'HOTLINE_TIME_FUTURE' },
  { row: 13, column: '电话', code: 'HOTLINE_PHONE_MASKED' },
  { row: 13, column: '诉求内容', code: 'HOTLINE_REQUIRED' },
  { row: 13, column: '分类', code: 'HOTLINE_CATEGORY_AMBIGUOUS' },
  { row: 13, column: '办理时限', code: 'HOTLINE_LIMIT_INVALID' },
  { row: 13, column: '紧急程度', code: 'HOTLINE_URGENCY_INVALID' },
  { row: 13, column: '所属社区/网格编码', code: 'HOTLINE_NODE_UNKNOWN' },
];

describe('12345 hotline import', () => {
  let xlsx: Buffer;

  it('when a dispatcher checks an xlsx with duplicates and bad rows, then each bad row is listed and nothing is written', async () => {
    xlsx = await writeXlsx(path.join(dir, 'orders.xlsx'), xlsxRows());
    const res = await dryRun(staff, '12345工单.xlsx', xlsx, `?nodeId=${city.micro11.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 11, valid: 3, skipped: 0, changed: 0, badRows: 8, errorCount: 14 });
    expect(
      body.errors.map((e: { row: number; column: string; code: string }) => ({ ...e, message: undefined })),
    ).toEqual(EXPECTED.map((e) => ({ ...e, message: undefined })));
    for (const e of body.errors) expect(e.message.zh.length && e.message.en.length).toBeTruthy();
    expect(body.errors[0].message.zh).toContain('第 2 行');
    expect(await count('cases')).toBe(0);
    expect(await count('hotline_orders')).toBe(0);

    // the whole report, as a file
    const report = await staff.get(body.reportUrl);
    expect(report.statusCode).toBe(200);
    const wb = await readXlsx(report.rawPayload);
    const errors = sheetRows(wb.getWorksheet('错误明细')!);
    expect(errors).toHaveLength(1 + EXPECTED.length);
    expect(errors[1].slice(0, 2)).toEqual(['5', '工单号']);

    // progress streams from the import job store's SSE endpoint
    const sse = await staff.get(`/api/imports/jobs/${body.token}/events`);
    expect(sse.headers['content-type']).toContain('text/event-stream');
    expect(sse.body).toContain('"state":"ready"');

    // commit: three cases in one transaction, one summary audit row
    const before = (await auditRows(t.deps, 'case.create')).length;
    const commit = await staff.post(`/api/hotline/jobs/${body.token}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ created: 3, skipped: 0, changed: 0 });
    expect(await count('cases')).toBe(3);
    expect(await count('hotline_orders')).toBe(3);
    expect((await auditRows(t.deps, 'case.create')).length - before).toBe(3);
    const audit = await auditRows(t.deps, 'hotline.import');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      created: 3,
      skipped: 0,
      fileRows: 11,
      rejectedRows: 8,
    });
    expect(audit[0].after_json).not.toContain('王女士');
  });

  it('when the orders are imported, then each case carries the source, reporter, encrypted phone, place and deadline', async () => {
    const rows = await t.deps.db.selectFrom('cases').selectAll().orderBy('external_id').execute();
    const [a1, a2, a3] = rows;
    expect(rows.map((r) => [r.external_id, r.source, r.state])).toEqual([
      ['A001', 'hotline_12345', 'collected'],
      ['A002', 'hotline_12345', 'collected'],
      ['A003', 'hotline_12345', 'collected'],
    ]);
    // A001: reporter and mobile (encrypted), the community, 5 working days from Thu 29 Oct 09:12 → Thu 5 Nov 18:00
    expect(a1).toMatchObject({
      title: '家中卫生间屋顶漏水',
      description: '家中卫生间屋顶漏水。楼上住户联系不上',
      reporter_name: '王女士',
      node_id: city.community.id,
      urgency: 'normal',
      created_at: '2026-10-29T01:12:00.000Z',
      handling_due_at: '2026-11-05T10:00:00.000Z',
    });
    expect(a1.reporter_phone_enc).not.toContain('1381234');
    expect(t.deps.crypto.decrypt(a1.reporter_phone_enc!)).toBe('13812341234');
    expect(a1.reporter_phone_bidx).toBe(t.deps.crypto.blindIndex('phone', '13812341234'));
    // A002: the Excel date cell, a fixed line, the end of the deadline's day, the grid
    expect(a2).toMatchObject({
      created_at: '2026-10-30T06:05:00.000Z',
      handling_due_at: '2026-11-06T15:59:59.000Z',
      node_id: city.grid1.id,
      urgency: 'urgent',
      reporter_name: '李先生',
    });
    expect(t.deps.crypto.decrypt(a2.reporter_phone_enc!)).toBe('03531234567');
    // A003: anonymous, the category's deadline, the import's target node
    expect(a3).toMatchObject({ node_id: city.micro11.id, reporter_name: null, reporter_phone_enc: null });
    expect(a3.handling_due_at).not.toBeNull();
    const cat = await t.deps.db
      .selectFrom('case_categories')
      .select('code')
      .where('id', '=', a3.category_id)
      .executeTakeFirstOrThrow();
    expect(cat.code).toBe('MS04');
    // each case has its create event, and its order row
    const events = await t.deps.db
      .selectFrom('case_events')
      .select(['case_id', 'action', 'actor_name'])
      .where('action', '=', 'create')
      .execute();
    expect(events).toHaveLength(3);
    expect(events[0].actor_name).toBe('社区王');
    const orders = await t.deps.db.selectFrom('hotline_orders').selectAll().orderBy('external_id').execute();
    expect(orders.map((o) => [o.external_id, o.case_id, o.case_number])).toEqual(
      rows.map((r) => [r.external_id, r.id, r.number]),
    );
    expect(orders[0].digests).not.toContain('王女士');
  });

  it('when the same file is imported again, then nothing is created and the orders are reported as already imported', async () => {
    const res = await dryRun(staff, '12345工单.xlsx', xlsx, `?nodeId=${city.micro11.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 11, valid: 0, skipped: 3, changed: 0, errorCount: 14 });
    expect(
      body.notices.map((n: { row: number; externalId: string; kind: string }) => [
        n.row,
        n.externalId,
        n.kind,
      ]),
    ).toEqual([
      [2, 'A001', 'already_imported'],
      [3, 'A002', 'already_imported'],
      [4, 'A003', 'already_imported'],
    ]);
    expect(body.notices[0].caseNumber).toMatch(/^SQ-2026-\d{6}$/);
    const commit = await staff.post(`/api/hotline/jobs/${body.token}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ created: 0, skipped: 3 });
    expect(await count('cases')).toBe(3);
    expect(await count('hotline_orders')).toBe(3);
    const report = await readXlsx((await staff.get(body.reportUrl)).rawPayload);
    expect(
      sheetRows(report.getWorksheet('已导入的工单')!)
        .slice(1)
        .map((r) => [r[0], r[1], r[3]]),
    ).toEqual([
      ['2', 'A001', '已导入，跳过'],
      ['3', 'A002', '已导入，跳过'],
      ['4', 'A003', '已导入，跳过'],
    ]);
  });

  it('when an imported order comes back changed, then it is reported with the changed columns and not overwritten', async () => {
    const rows = xlsxRows().slice(0, 4);
    rows[1] = [...rows[1]];
    rows[1][4] = '家中卫生间屋顶漏水，已经三天了';
    rows[1][7] = '3个工作日';
    const file = await writeXlsx(path.join(dir, 'changed.xlsx'), rows);
    const body = (await dryRun(staff, 'changed.xlsx', file, `?nodeId=${city.micro11.id}`)).json();
    expect(body).toMatchObject({ total: 3, valid: 0, skipped: 2, changed: 1, errorCount: 0 });
    expect(body.notices[0]).toMatchObject({
      row: 2,
      externalId: 'A001',
      kind: 'changed',
      columns: ['诉求内容', '办理时限'],
    });
    const commit = await staff.post(`/api/hotline/jobs/${body.token}/commit`);
    expect(commit.json()).toMatchObject({ created: 0, skipped: 2, changed: 1 });
    const a1 = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', 'A001')
      .executeTakeFirstOrThrow();
    expect(a1.description).toBe('家中卫生间屋顶漏水。楼上住户联系不上');
  });

  it('when a csv (UTF-8 with BOM, hotline export names) is imported twice, then the second import creates 0', async () => {
    const rows = [
      [
        '工单编号',
        '受理时间',
        '来电人',
        '联系电话',
        '来电内容',
        '事发地址',
        '诉求分类',
        '办结时限',
        '所属网格编码',
      ],
      [
        'C001',
        '2026-10-30 16:45:10',
        '陈阿姨',
        '+86 139 0000 1111',
        '暖气不热，家里只有 15 度',
        '2号楼',
        '供暖',
        '24小时',
        '',
      ],
      [
        'C002',
        '20261031093000',
        '',
        '',
        '楼道堆放杂物，堵塞消防通道',
        '',
        'CG05',
        '三个工作日',
        city.grid2.code,
      ],
      ['C001', '2026-10-30 16:45:10', '陈阿姨', '13900001111', '暖气不热', '', '供暖', '', ''],
      ['C004', '2026-10-30 10:00', '', '', '占道经营', '', '城管', '', ''],
      ['C005', '2026-10-30 10:00', '', '', '无法识别的网格', '', 'CG05', '', 'NOPE'],
    ];
    const csv = readFileSync(writeCsv(path.join(dir, 'orders.csv'), rows));
    const first = (await dryRun(staff, 'orders.csv', csv, `?nodeId=${city.community.id}`)).json();
    expect(first).toMatchObject({ total: 5, valid: 2, skipped: 0, badRows: 3 });
    expect(first.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [4, 'HOTLINE_DUPLICATE_IN_FILE'],
      [5, 'HOTLINE_CATEGORY_NOT_LEAF'],
      [6, 'HOTLINE_NODE_UNKNOWN'],
    ]);
    expect((await staff.post(`/api/hotline/jobs/${first.token}/commit`)).json()).toMatchObject({
      created: 2,
    });
    const c1 = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', 'C001')
      .executeTakeFirstOrThrow();
    // 24 hours from 2026-10-30 16:45:10 Beijing
    expect(c1).toMatchObject({ node_id: city.community.id, handling_due_at: '2026-10-31T08:45:10.000Z' });
    expect(t.deps.crypto.decrypt(c1.reporter_phone_enc!)).toBe('13900001111');
    const c2 = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', 'C002')
      .executeTakeFirstOrThrow();
    expect(c2.node_id).toBe(city.grid2.id);

    const second = (await dryRun(staff, 'orders.csv', csv, `?nodeId=${city.community.id}`)).json();
    expect(second).toMatchObject({ total: 5, valid: 0, skipped: 2, badRows: 3 });
    expect((await staff.post(`/api/hotline/jobs/${second.token}/commit`)).json()).toMatchObject({
      created: 0,
    });
    expect(await count('cases')).toBe(5);
    expect(await count('hotline_orders')).toBe(5);
  });

  it('when a category is retired between the check and the commit, then 409 naming the row and nothing written', async () => {
    const csv = readFileSync(
      writeCsv(path.join(dir, 'stale.csv'), [
        ['工单号', '来电时间', '诉求人', '电话', '诉求内容', '地址', '分类', '办理时限'],
        ['S001', '2026-10-30 09:00', '', '', '停水', '', 'MS03', ''],
        ['S002', '2026-10-30 09:10', '', '', '又停水', '', '供水', ''],
      ]),
    );
    const body = (await dryRun(staff, 'stale.csv', csv, `?nodeId=${city.community.id}`)).json();
    expect(body.valid).toBe(2);
    const before = await count('cases');
    await t.deps.db.updateTable('case_categories').set({ active: 0 }).where('code', '=', 'MS03').execute();
    try {
      const res = await staff.post(`/api/hotline/jobs/${body.token}/commit`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details[0]).toMatchObject({ code: 'HOTLINE_ROW_STALE' });
      expect(res.json().error.details[0].message).toContain('第 2 行');
      expect(await count('cases')).toBe(before);
      expect(await count('hotline_orders')).toBe(before);
    } finally {
      await t.deps.db.updateTable('case_categories').set({ active: 1 }).where('code', '=', 'MS03').execute();
    }
  });

  it('when the same new file is committed twice at once, then each order becomes one case', async () => {
    const csv = readFileSync(
      writeCsv(path.join(dir, 'race.csv'), [
        ['工单号', '来电时间', '诉求人', '电话', '诉求内容', '地址', '分类', '办理时限'],
        ['R001', '2026-10-31 11:00', '', '', '井盖缺失', '', 'CG06', ''],
        ['R002', '2026-10-31 11:05', '', '', '路面塌陷', '', 'CG06', ''],
      ]),
    );
    const a = (await dryRun(staff, 'race.csv', csv, `?nodeId=${city.community.id}`)).json();
    const b = (await dryRun(staff, 'race.csv', csv, `?nodeId=${city.community.id}`)).json();
    const before = await count('cases');
    const results = await Promise.all([
      staff.post(`/api/hotline/jobs/${a.token}/commit`),
      staff.post(`/api/hotline/jobs/${b.token}/commit`),
    ]);
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    const created = results.filter((r) => r.statusCode === 200).reduce((n, r) => n + r.json().created, 0);
    expect(created).toBe(2);
    expect(await count('cases')).toBe(before + 2);
    const r1 = await t.deps.db.selectFrom('cases').select('id').where('external_id', '=', 'R001').execute();
    expect(r1).toHaveLength(1);
  });

  it('when the file is not a work-order sheet, then one clear file-level error and nothing written', async () => {
    const wrong = readFileSync(
      writeCsv(path.join(dir, 'wrong.csv'), [
        ['姓名', '电话'],
        ['张三', '13812341234'],
      ]),
    );
    const res = await dryRun(staff, 'wrong.csv', wrong);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_HEADER_INVALID');
    expect(res.json().error.details[0].message).toContain('工单号');
    const english = readFileSync(
      writeCsv(path.join(dir, 'en.csv'), [
        ['Work order no.', 'Call time', 'Caller', 'Phone', 'Request', 'Category'],
      ]),
    );
    expect((await dryRun(staff, 'en.csv', english)).json().error.code).toBe('IMPORT_HEADER_LANGUAGE');
    const pdf = await dryRun(staff, 'orders.pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.json().error.code).toBe('IMPORT_FILE_INVALID');
    expect(await count('cases')).toBe(7);
  });

  it('when someone without case.dispatch or outside the area tries, then 403 / 400 and nothing written', async () => {
    expect((await grid.post('/api/hotline/jobs')).statusCode).toBe(403);
    expect((await dryRun(grid, 'orders.xlsx', xlsx)).statusCode).toBe(403);
    expect((await grid.get('/api/hotline/template.xlsx')).statusCode).toBe(403);
    const res = await dryRun(staff, 'orders.xlsx', xlsx, `?nodeId=${city.community2.id}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'nodeId', code: 'HOTLINE_TARGET_INVALID' });
    // someone else's job is as good as none
    const job = (await staff.post('/api/hotline/jobs')).json().token;
    expect((await grid.post(`/api/hotline/jobs/${job}/commit`)).statusCode).toBe(403);
    expect(await count('cases')).toBe(7);
  });

  it('when the template is downloaded, then it has the hotline columns and an example row the import refuses', async () => {
    const res = await staff.get('/api/hotline/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const rows = sheetRows(wb.worksheets[0]);
    expect(rows[0]).toEqual(HEAD);
    expect(wb.getWorksheet('说明')).toBeTruthy();
    const back = await dryRun(staff, 'template.xlsx', res.rawPayload, `?nodeId=${city.micro11.id}`);
    expect(back.json().errors.map((e: { code: string }) => e.code)).toContain('HOTLINE_EXAMPLE_ROW');
    expect(back.json().valid).toBe(0);
  });
});

describe('12345 reply export', () => {
  it('when replies are exported for a period and a state, then the rows carry the hotline columns and the export is audited', async () => {
    const a1 = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', 'A001')
      .executeTakeFirstOrThrow();
    const a2 = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', 'A002')
      .executeTakeFirstOrThrow();
    const unit = await t.deps.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'ZJJ')
      .executeTakeFirstOrThrow();
    // test data: A001 closed on a rating after the housing bureau repaired it; A002 rejected
    await t.deps.db
      .updateTable('cases')
      .set({
        state: 'closed',
        result: '住建局协调物业更换防水层，已修复',
        lead_unit_id: unit.id,
        handled_at: '2026-11-01T03:00:00.000Z',
        closed_at: '2026-11-01T08:30:00.000Z',
        closed_by: 'rating',
      })
      .where('id', '=', a1.id)
      .execute();
    await t.deps.db
      .insertInto('case_ratings')
      .values({
        case_id: a1.id,
        rating: 'satisfied',
        resolved: 1,
        comment: null,
        round: 1,
        rated_by: null,
        at: '2026-11-01T08:30:00.000Z',
      })
      .execute();
    await t.deps.db
      .updateTable('cases')
      .set({ state: 'rejected', reject_reason: '不属于本社区管辖' })
      .where('id', '=', a2.id)
      .execute();

    const all = await staff.get('/api/hotline/export.xlsx?from=2026-10-29&to=2026-10-30');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toContain('spreadsheetml');
    const rows = sheetRows((await readXlsx(all.rawPayload)).worksheets[0]);
    expect(rows[0].slice(0, 7)).toEqual([
      '工单号',
      '办理状态',
      '办理结果',
      '承办单位',
      '办结时间',
      '回访满意度',
      '是否解决',
    ]);
    // called 29–30 Oct (Beijing): A001, A002, C001 — not A003 (31 Oct) nor C002 (31 Oct)
    expect(rows.slice(1).map((r) => r[0])).toEqual(['A001', 'A002', 'C001']);
    expect(rows[1].slice(0, 7)).toEqual([
      'A001',
      '已办结',
      '住建局协调物业更换防水层，已修复',
      '住建局',
      '2026-11-01 16:30',
      '满意',
      '是',
    ]);
    expect(rows[2].slice(0, 3)).toEqual(['A002', '不予受理', '不予受理：不属于本社区管辖']);
    expect(rows[3].slice(0, 2)).toEqual(['C001', '待受理']);

    const closed = await staff.get(
      '/api/hotline/export.xlsx?from=2026-10-01&to=2026-11-02&state=closed&state=rejected',
    );
    expect(
      sheetRows((await readXlsx(closed.rawPayload)).worksheets[0])
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['A001', 'A002']);
    const audit = await auditRows(t.deps, 'hotline.export');
    expect(JSON.parse(audit.at(-1)!.after_json!)).toMatchObject({
      from: '2026-10-01',
      states: ['closed', 'rejected'],
      rows: 2,
    });
  });

  it('when the period is wrong or the caller is no dispatcher, then a clear 400 / 403', async () => {
    const bad = await staff.get('/api/hotline/export.xlsx?from=2026-11-02&to=2026-10-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'to', code: 'HOTLINE_RANGE_INVALID' });
    const nonsense = await staff.get('/api/hotline/export.xlsx?from=yesterday&to=2026-10-01');
    expect(nonsense.json().error.details[0]).toMatchObject({ field: 'from', code: 'HOTLINE_DATE_INVALID' });
    expect(
      (await staff.get('/api/hotline/export.xlsx?from=2025-01-01&to=2026-10-01')).json().error.details[0]
        .code,
    ).toBe('HOTLINE_RANGE_TOO_LONG');
    expect((await grid.get('/api/hotline/export.xlsx?from=2026-10-01&to=2026-10-31')).statusCode).toBe(403);
  });
});
