import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { loginAs, saveScreen } from './support';

test.describe('人口房屋 registry', () => {
  test('residents list: search by name, masked IDs, and a masked Excel export', async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'community');
    await page.goto('/registry/residents');
    const table = page.getByTestId('residents-table');
    await expect(table.locator('.ant-table-row').first()).toBeVisible();
    const text = await table.innerText();
    expect(text).toMatch(/\d{3}\*{11}[\dX]{4}/);
    expect(text).not.toMatch(/\b\d{17}[\dX]\b/);
    await saveScreen(page, testInfo, 'registry-residents-1440', false);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-excel').click(),
    ]);
    const file = testInfo.outputPath('residents.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBeGreaterThan(100);
    let cells = '';
    ws.eachRow((row) => {
      cells += `${(row.values as unknown[]).join('|')}\n`;
    });
    expect(cells).not.toMatch(/\b\d{17}[\dX]\b/);
    expect(cells).not.toMatch(/\b1[3-9]\d{9}\b/);
  });

  test('a household opened from the list shows members, tags and visits; phone width works', async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await loginAs(page, 'grid1');
    await page.goto('/registry/households');
    const firstRow = page.getByTestId('households-table').locator('.ant-table-row').first();
    await expect(firstRow).toBeVisible();
    await saveScreen(page, testInfo, 'registry-households-375', false);
    await firstRow.click();
    await expect(page.getByTestId('household-detail')).toBeVisible();
    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(width).toBeLessThanOrEqual(376);
    await saveScreen(page, testInfo, 'registry-household-375', false);
    await context.close();
  });
});
