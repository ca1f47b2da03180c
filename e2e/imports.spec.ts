import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../common/id-number';
import { apiAs, loginAs, saveScreen } from './support';

/** A valid ID number nobody in the demo has (矿区 region code, a birth date the demo does not use). */
function freshId(seq: number): string {
  const s17 = `140303${'19910707'}${String(900 + seq).padStart(3, '0')}`;
  return `${s17}${idCheckChar(s17)}`;
}

async function residentsFile(
  templatePath: string,
  out: string,
  rows: Array<{ name: string; idNumber: string; phone: string; roomLabel: string }>,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (h: string) => headers.indexOf(h);
  const example = (ws.getRow(2).values as unknown[]).slice();
  ws.spliceRows(2, ws.rowCount - 1);
  for (const r of rows) {
    const values = example.slice();
    values[col('姓名')] = r.name;
    values[col('公民身份号码')] = r.idNumber;
    values[col('手机号')] = r.phone;
    values[col('房号')] = r.roomLabel;
    ws.addRow(values.slice(1));
  }
  await wb.xlsx.writeFile(out);
}

test('the community secretary imports residents: 3 bad rows are reported, fixed and the file committed', async ({
  page,
  baseURL,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs(page, 'community');
  const api = await apiAs(baseURL, 'community');
  const list = await api.get('/api/registry/households', { params: { pageSize: '2', use: 'vacant' } });
  const rooms = ((await list.json()) as { items: Array<{ roomLabel: string }> }).items.map(
    (h) => h.roomLabel,
  );
  expect(rooms).toHaveLength(2);

  await page.goto('/imports');
  await page.getByTestId('import-kind-residents').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('import-template').click(),
  ]);
  const template = testInfo.outputPath('residents-template.xlsx');
  await download.saveAs(template);

  const good = [
    { name: '导入甲', idNumber: freshId(1), phone: '13900351001', roomLabel: rooms[0] },
    { name: '导入乙', idNumber: freshId(2), phone: '13900351002', roomLabel: rooms[1] },
  ];
  const badId = freshId(3).slice(0, 17) + (freshId(3).endsWith('1') ? '2' : '1');
  const bad = [
    { name: '导入丙', idNumber: badId, phone: '13900351003', roomLabel: rooms[0] },
    { name: '导入丁', idNumber: freshId(4), phone: '13900351004', roomLabel: '999-1-101' },
    { name: '导入戊', idNumber: freshId(5), phone: '12345', roomLabel: rooms[1] },
  ];
  const first = testInfo.outputPath('residents-bad.xlsx');
  await residentsFile(template, first, [...good, ...bad]);
  await page.locator('input[type=file]').setInputFiles(first);

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  const rowsShown = report.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rowsShown).toHaveCount(3);
  const text = await report.innerText();
  for (const row of ['4', '5', '6']) expect(text).toContain(row);
  expect(text).toContain('公民身份号码');
  expect(text).toContain('房号');
  expect(text).toContain('手机号');
  await saveScreen(page, testInfo, 'import-report-3-bad-rows', false);

  // Fix the three rows and upload again: everything passes, then commit.
  const fixed = [
    { ...bad[0], idNumber: freshId(3) },
    { ...bad[1], roomLabel: rooms[0] },
    { ...bad[2], phone: '13900351005' },
  ];
  const second = testInfo.outputPath('residents-fixed.xlsx');
  await residentsFile(template, second, [...good, ...fixed]);
  await page.getByRole('button', { name: '重新上传' }).click();
  await page.locator('input[type=file]').setInputFiles(second);
  await expect(page.getByTestId('import-report')).toContainText('全部数据校验通过', { timeout: 30_000 });
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-result')).toContainText('5');

  const found = await api.get('/api/registry/residents', { params: { q: freshId(3) } });
  expect(((await found.json()) as { items: Array<{ name: string }> }).items.map((r) => r.name)).toEqual([
    '导入丙',
  ]);
  await api.dispose();
});
