import { expect, test } from '@playwright/test';
import { apiAs, E2E_PASSWORD, loginAs } from './support';

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('audit log (三权分立)', () => {
  test('the auditor sees only the audit log: admin logins listed, chain verifies, failed logins filterable', async ({
    page,
    browser,
    baseURL,
  }) => {
    // Make sure the log holds an admin login, whatever ran before.
    const admin = await apiAs(baseURL, 'admin');
    await admin.dispose();

    await loginAs(page, 'auditor');
    await expect(page.getByTestId('nav-audit')).toBeVisible();
    await expect(page.getByTestId('nav-grid')).toHaveCount(0);
    await expect(page.getByTestId('nav-users')).toHaveCount(0);
    await page.getByTestId('nav-audit').click();
    await expect(page.getByTestId('audit-page')).toBeVisible();

    const table = page.getByTestId('audit-table');
    const filters = page.getByTestId('audit-filters');
    const rows = table.locator('tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible();

    // The admin's actions: filter by actor.
    await filters.getByLabel('操作人').fill('admin');
    await page.getByTestId('audit-search').click();
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasNotText: 'admin' })).toHaveCount(0);
    const adminLogin = rows.filter({ hasText: 'auth.login' }).filter({ hasText: '成功' });
    await expect(adminLogin.first()).toBeVisible();

    // The hash chain verifies.
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await expect(result).toBeVisible();
    await expect(result).toContainText('哈希链校验通过');
    await expect(result).toHaveClass(/ant-alert-success/);

    // Someone now tries grid1 with a wrong password, in another browser.
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await otherPage.goto('/login');
    await otherPage.getByTestId('login-username').fill('grid1');
    await otherPage.getByTestId('login-password').fill(`${E2E_PASSWORD}-wrong`);
    await otherPage.getByTestId('login-submit').click();
    await expect(otherPage.getByTestId('login-error')).toBeVisible();
    // The right password afterwards resets the failure counter, so reruns never lock grid1.
    const reset = await otherPage.request.post('/api/auth/login', {
      data: { username: 'grid1', password: E2E_PASSWORD },
    });
    expect(reset.ok()).toBe(true);
    await other.close();

    // Failed logins: clear the actor, pick outcome 失败.
    await filters.getByLabel('操作人').fill('');
    await filters.getByLabel('结果').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('失败').click();
    await page.getByTestId('audit-search').click();
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasNotText: '失败' })).toHaveCount(0);
    const grid1Failure = rows.filter({ hasText: 'grid1' }).filter({ hasText: 'auth.login' });
    await expect(grid1Failure.first()).toBeVisible();
    await expect(grid1Failure.first().getByTestId('audit-outcome')).toHaveText('失败');
  });

  test('the admin cannot open the audit log', async ({ page }) => {
    await loginAs(page, 'admin');
    await expect(page.getByTestId('nav-users')).toBeVisible();
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.getByTestId('page-403')).toBeVisible();
    await expect(page.getByText('无权访问')).toBeVisible();
    await expect(page.getByTestId('audit-page')).toHaveCount(0);
    // The server agrees.
    expect((await page.request.get('/api/audit')).status()).toBe(403);
  });
});
