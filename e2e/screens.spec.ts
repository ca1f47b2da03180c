import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { loginAs, saveScreen, scrollWidth } from './support';

/**
 * Screenshots of the main screens on a phone and on a desktop, kept as CI artefacts
 * (test-results/e2e/screens/<name>.png). On the phone nothing may scroll sideways.
 */
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1440, height: 900 },
] as const;

/** Waits until nothing is loading any more and the web fonts are in. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

for (const viewport of VIEWPORTS) {
  const w = viewport.width;
  const phone = w < 768;

  test.describe(`screens at ${w}×${viewport.height}`, () => {
    test.use({ viewport });

    async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
      await settle(page);
      await saveScreen(page, testInfo, `${name}-${w}`, fullPage);
      if (phone) {
        expect(await scrollWidth(page), `${name} at ${w}px must not scroll sideways`).toBeLessThanOrEqual(
          w + 1,
        );
      }
    }

    test(`login @${w}`, async ({ page }, testInfo) => {
      await page.goto('/login');
      await expect(page.getByTestId('login-submit')).toBeVisible();
      await shoot(page, testInfo, 'login');
    });

    for (const user of ['admin', 'grid1'] as const) {
      test(`home and grid as ${user} @${w}`, async ({ page }, testInfo) => {
        await loginAs(page, user);
        await expect(page.getByTestId('home-page')).toBeVisible();
        await shoot(page, testInfo, `home-${user}`);

        if (phone) {
          // Navigation lives in a drawer on phones.
          await page.getByTestId('nav-drawer-toggle').click();
          await expect(page.getByTestId('scope-switcher')).toBeVisible();
          await page.getByTestId('nav-grid').click();
        } else {
          await expect(page.getByTestId('scope-switcher')).toBeVisible();
          await page.getByTestId('nav-grid').click();
        }
        await expect(page.getByTestId('grid-page')).toBeVisible();
        await expect(page.getByTestId('node-name')).toHaveText(user === 'admin' ? '阳泉市' : '第一网格');
        await expect(page.getByTestId('staff-table')).toBeVisible();
        await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
        await shoot(page, testInfo, `grid-${user}`);

        if (phone) {
          // The tree opens in a drawer.
          await page.getByTestId('grid-tree-open').click();
          await expect(page.getByTestId('grid-tree')).toBeVisible();
          const firstBranch = user === 'admin' ? '城区' : '第一网格第1微网格';
          const tree = page.getByTestId('grid-tree');
          await expect(tree.getByRole('treeitem', { name: firstBranch })).toBeVisible();
          // Let the drawer's slide-in and the tree's expand motion finish before the picture.
          await expect(page.locator('.ant-drawer-content-wrapper').filter({ has: tree })).not.toHaveClass(
            /-appear|-enter/,
          );
          await expect(tree.locator('.ant-tree-treenode-motion')).toHaveCount(0);
          await shoot(page, testInfo, `grid-tree-${user}`, false);
        }
      });
    }
  });
}
