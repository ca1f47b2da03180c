import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect, type Page, request, type TestInfo } from '@playwright/test';
import { E2E_PASSWORD } from './playwright.config';

export { E2E_PASSWORD };

/** Signs in through the login form and waits for the signed-in frame (the user menu). */
export async function loginAs(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/**
 * Opens the user menu and signs out. Waits for the dropdown's opening motion to end first: while it
 * aligns, the menu briefly sits elsewhere on the page and a click can land on its old position.
 */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  const menu = page.locator('.ant-dropdown').filter({ has: page.getByTestId('logout') });
  await expect(menu).toBeVisible();
  await expect(menu).not.toHaveClass(/-appear|-enter/);
  await page.getByTestId('logout').click();
}

/** A separate HTTP client (own cookie jar) signed in as `username`, for set-up and look-ups. */
export async function apiAs(
  baseURL: string | undefined,
  username: string,
  password = E2E_PASSWORD,
): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), `API login as ${username}`).toBe(200);
  return api;
}

interface SearchHit {
  id: number;
  code: string;
  name: string;
}

/** The id of the grid node with this exact code, looked up as the city admin. */
export async function nodeIdByCode(baseURL: string | undefined, code: string): Promise<number> {
  const api = await apiAs(baseURL, 'admin');
  try {
    const res = await api.get('/api/grid/search', { params: { q: code } });
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { items: SearchHit[] };
    const hit = body.items.find((n) => n.code === code);
    expect(hit, `grid node ${code}`).toBeTruthy();
    return hit!.id;
  } finally {
    await api.dispose();
  }
}

/** Sign-in frame for tests: the signed-out login page has a login form; this checks we are there. */
export async function expectLoginPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-username')).toBeVisible();
}

/** Saves a full-page screenshot as a test attachment and under test-results/e2e/screens/<name>.png. */
export async function saveScreen(
  page: Page,
  testInfo: TestInfo,
  name: string,
  fullPage = true,
): Promise<void> {
  const dir = path.join(testInfo.project.outputDir, 'screens');
  mkdirSync(dir, { recursive: true });
  const body = await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' });
  writeFileSync(path.join(dir, `${name}.png`), body);
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** Width of the scrollable document: more than the viewport means a horizontal scrollbar. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
}
