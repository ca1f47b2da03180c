import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser } from '../../../test/factories.js';
import { writeCsv } from '../../../test/imports-factories.js';
import { ensureCaseSetup } from '../../cases/case-setup.js';
import { runHotlineImportCommand } from '../hotline.cli.js';

// `onegrid import hotline <file> --as <user>`: the command's runner on the run's engine, output captured.

let t: TestApp;
let dir: string;
let city: Awaited<ReturnType<typeof makeCity>>;
const cwd = process.cwd();

async function run(file: string, opts: { as?: string; node?: string; commit?: boolean }) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  try {
    const code = await runHotlineImportCommand(t.deps, file, opts);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const casesCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'og-hotline-cli-'));
  process.chdir(dir); // the report file is written beside the working directory
  city = await makeCity(t.deps);
  await ensureCaseSetup(t.deps);
  await makeUser(t.deps, 'dispatcher', [{ role: 'community_staff', node: city.community }]);
  await makeUser(t.deps, 'worker', [{ role: 'grid_worker', node: city.grid1 }]);
});

afterAll(async () => {
  process.chdir(cwd);
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('onegrid import hotline', () => {
  const file = () =>
    writeCsv(path.join(dir, 'orders.csv'), [
      ['工单号', '来电时间', '诉求人', '电话', '诉求内容', '地址', '分类', '办理时限'],
      ['K001', '2026-10-30 09:00', '王', '13812341234', '屋顶漏水', '', 'MS01', '3天'],
      ['K002', '2026-10-30 10:00', '', '', '路灯不亮', '', 'CG06', ''],
      ['K002', '2026-10-30 10:00', '', '', '路灯不亮', '', 'CG06', ''],
    ]);

  it('when no account is named or it is unknown, then exit 2 and nothing written', async () => {
    expect((await run(file(), {})).code).toBe(2);
    const r = await run(file(), { as: 'nobody' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('nobody');
    expect(await casesCount()).toBe(0);
  });

  it('when checked only, then the problems are printed, a report file written, and nothing imported', async () => {
    const r = await run(file(), { as: 'dispatcher', node: city.community.code });
    expect(r.code).toBe(1);
    expect(r.out).toContain('3 rows: 2 new, 0 already imported');
    expect(r.out).toContain('row 4 · 工单号 · 与第 3 行的工单号重复');
    expect(existsSync(path.join(dir, 'orders.report.xlsx'))).toBe(true);
    expect(await casesCount()).toBe(0);
  });

  it('when committed twice, then the cases are created once and the second run creates 0', async () => {
    const first = await run(file(), { as: 'dispatcher', node: city.community.code, commit: true });
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('created 2 cases');
    expect(await casesCount()).toBe(2);
    const second = await run(file(), { as: 'dispatcher', node: city.community.code, commit: true });
    expect(second.out).toContain('created 0 cases in one transaction; 2 already imported');
    expect(await casesCount()).toBe(2);
    const audit = await auditRows(t.deps, 'hotline.import');
    expect(audit[0].actor_name).toBe('dispatcher (cli)');
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ source: 'cli', created: 2 });
  });

  it('when the account may not dispatch there, then every row is out of scope and nothing is written', async () => {
    const r = await run(file(), { as: 'worker', node: city.grid1.code, commit: true });
    expect(r.code).toBe(1);
    expect(r.out).toContain('HOTLINE_TARGET_INVALID');
    expect(await casesCount()).toBe(2);
  });
});
