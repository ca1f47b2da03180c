import { expect, test } from '@playwright/test';
import { apiAs, loginAs, nodeIdByCode, saveScreen } from './support';

test.describe('grid chart (网格图)', () => {
  test('grid1 on a phone: open grid 1, filter 独居老人, open a household card and record a visit', async ({
    browser,
    baseURL,
  }, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await loginAs(page, 'grid1');
    const grid1 = await nodeIdByCode(baseURL, '140302002001001');
    await page.goto(`/chart/${grid1}`);
    await expect(page.getByTestId('gridchart-page')).toBeVisible();
    await expect(page.getByTestId('gridchart-building').first()).toBeVisible();

    const legendItem = page.getByTestId('gridchart-legend-item-elderly_alone');
    await legendItem.scrollIntoViewIfNeeded();
    await legendItem.click();
    const hits = page.locator('[data-testid="gridchart-cell"].is-hit');
    await expect(hits.first()).toBeVisible();
    expect(await page.locator('[data-testid="gridchart-cell"].is-dim').count()).toBeGreaterThan(0);
    await saveScreen(page, testInfo, 'gridchart-grid1-elderly-375', false);

    const cell = hits.first();
    const householdId = Number(await cell.getAttribute('data-household'));
    await cell.click();
    const card = page.getByTestId('household-card');
    await expect(card).toBeVisible();
    await expect(card).toContainText('独居老人');
    await saveScreen(page, testInfo, 'gridchart-household-card-375', false);

    await page.getByTestId('household-card-record-visit').click();
    await expect(page.getByTestId('visit-form')).toBeVisible();
    await page.getByTestId('visit-method').getByText('电话').click();
    const findings = `e2e 走访：老人身体尚好，${Date.now()}`;
    await page.getByTestId('visit-findings').fill(findings);
    await page.getByTestId('visit-submit').click();

    const api = await apiAs(baseURL, 'grid1');
    await expect
      .poll(async () => {
        const res = await api.get('/api/visits', { params: { householdId: String(householdId) } });
        const body = (await res.json()) as { items: Array<{ findings: string | null; method: string }> };
        return body.items.some((v) => v.findings === findings && v.method === 'phone');
      })
      .toBe(true);
    await api.dispose();
    await context.close();
  });

  test('wall mode on a 4K screen as the community secretary', async ({ browser, baseURL }, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await loginAs(page, 'community');
    const community = await nodeIdByCode(baseURL, '140302002001');
    await page.goto(`/chart/${community}/wall`);
    await expect(page.getByTestId('wall-mode')).toBeVisible();
    await expect(page.getByTestId('gridchart-cell').first()).toBeVisible();
    await page.waitForTimeout(500);
    await saveScreen(page, testInfo, 'gridchart-wall-3840x2160', false);
    await context.close();
  });

  test('the community chart at desktop width shows the legend with counts', async ({
    page,
    baseURL,
  }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'community');
    const community = await nodeIdByCode(baseURL, '140302002001');
    await page.goto(`/chart/${community}`);
    await expect(page.getByTestId('gridchart-legend')).toBeVisible();
    await expect(page.getByTestId('gridchart-legend-item-elderly_alone')).toContainText(/\d/);
    await expect(page.getByTestId('gridchart-building').first()).toBeVisible();
    await saveScreen(page, testInfo, 'gridchart-community-1440', false);
  });
});
