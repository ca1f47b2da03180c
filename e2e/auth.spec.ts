import { expect, test } from '@playwright/test';
import { E2E_PASSWORD, expectLoginPage, loginAs, logout } from './support';

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('sign in and sign out', () => {
  test('a wrong password shows an error and keeps you on the login page', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('volunteer1');
    await page.getByTestId('login-password').fill('Not-The-Password-1');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('用户名或密码不正确');
    await expectLoginPage(page);
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
    // The session cookie was not set: the app still sends you back to the login page.
    await page.goto('/grid');
    await expectLoginPage(page);
    await expect(page).toHaveURL(/\/login\?next=%2Fgrid$/);

    // The right password still works (and resets the failure counter, so reruns never lock the account).
    await page.getByTestId('login-username').fill('volunteer1');
    await page.getByTestId('login-password').fill(E2E_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page.getByTestId('login-error')).toHaveCount(0);
  });

  test('a resident signing in on the staff login page lands on the residents’ phone pages', async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('resident1');
    await page.getByTestId('login-password').fill(E2E_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/h5$/);
    // and the staff workbench sends them back there
    await page.goto('/');
    await expect(page).toHaveURL(/\/h5$/);
  });

  test('logout returns to the login page and closes the session', async ({ page }) => {
    await loginAs(page, 'mediator1');
    await expect(page.getByTestId('home-page')).toBeVisible();
    await page.getByTestId('nav-grid').click();
    await expect(page.getByTestId('grid-page')).toBeVisible();

    await logout(page);
    await expectLoginPage(page);

    await page.goto('/grid');
    await expectLoginPage(page);
    await expect(page).toHaveURL(/\/login\?next=%2Fgrid$/);
    // The cookie is really gone on the server side too.
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });
});
