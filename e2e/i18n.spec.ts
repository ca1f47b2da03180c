import { expect, test } from '@playwright/test';
import { loginAs } from './support';

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('Chinese / English switch', () => {
  test('the login page switches to English and remembers it across a reload', async ({ page }) => {
    await page.goto('/login');
    const toggle = page.getByTestId('lang-toggle');
    await expect(toggle).toHaveText('EN');
    await expect(page.getByTestId('login-submit')).toHaveText(/登\s*录/);

    await toggle.click();
    await expect(toggle).toHaveText('中文');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await page.reload();
    await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
    await expect(page.getByTestId('lang-toggle')).toHaveText('中文');

    await page.getByTestId('lang-toggle').click();
    await expect(page.getByRole('heading', { name: '账号登录' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '账号登录' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('signed in, the app switches to English and back; each choice survives a reload', async ({ page }) => {
    await loginAs(page, 'keeper1');
    const navGrid = page.getByTestId('nav-grid');
    const toggle = page.getByTestId('lang-toggle');
    await expect(navGrid).toHaveText('网格管理');
    await expect(page.getByTestId('nav-home')).toHaveText('工作台');

    // The account remembers the language too (PATCH /api/auth/me).
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH',
    );
    await toggle.click();
    expect((await saved).ok()).toBe(true);
    await expect(navGrid).toHaveText('Grids');
    await expect(page.getByTestId('nav-home')).toHaveText('Workbench');
    await expect(toggle).toHaveText('中文');

    await page.reload();
    await expect(page.getByTestId('nav-grid')).toHaveText('Grids');
    await page.getByTestId('nav-grid').click();
    await expect(page.getByRole('heading', { name: 'Grids', level: 3 })).toBeVisible();
    await expect(page.getByTestId('grid-search')).toHaveAttribute('placeholder', 'Search grid name or code');

    const back = page.waitForResponse(
      (r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH',
    );
    await page.getByTestId('lang-toggle').click();
    expect((await back).ok()).toBe(true);
    await expect(page.getByTestId('nav-grid')).toHaveText('网格管理');
    await expect(page.getByTestId('grid-search')).toHaveAttribute('placeholder', '搜索网格名称或编码');

    await page.reload();
    await expect(page.getByTestId('nav-grid')).toHaveText('网格管理');
    await expect(page.getByTestId('lang-toggle')).toHaveText('EN');
  });
});
