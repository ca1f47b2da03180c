import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  type APIRequestContext,
  expect,
  type Locator,
  type Page,
  request,
  type TestInfo,
} from '@playwright/test';
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
  // A full page is taken from the top: scrolled, fixed bars would be drawn in the middle of the picture.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  const body = await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' });
  writeFileSync(path.join(dir, `${name}.png`), body);
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** Width of the scrollable document: more than the viewport means a horizontal scrollbar. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * Writes a real (decodable) RGB PNG of `width`×`height`: a water stain — a blue blot on a grey ceiling — so an
 * uploaded "photo" passes magic-byte checks and renders as a thumbnail.
 */
export function writePng(file: string, width = 64, height = 48): string {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const dx = (x - width / 2) / (width / 3);
      const dy = (y - height / 2) / (height / 3);
      const stain = dx * dx + dy * dy < 1;
      const o = row + 1 + x * 3;
      raw[o] = stain ? 90 : 215;
      raw[o + 1] = stain ? 120 : 215;
      raw[o + 2] = stain ? 160 : 210;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, png);
  return file;
}

/** Picks the option titled `title` in an antd Select (single or multiple), typing `search` first if given. */
export async function pickOption(page: Page, select: Locator, title: string, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true });
  await expect(option).toBeVisible();
  await option.click();
}

/** The CSRF token of a signed-in API client (the og_csrf cookie), for the x-csrf-token header on writes. */
export async function csrfOf(api: APIRequestContext): Promise<string> {
  const state = await api.storageState();
  const cookie = state.cookies.find((c) => c.name === 'og_csrf');
  expect(cookie, 'og_csrf cookie').toBeTruthy();
  return cookie!.value;
}
