import { expect, test } from '@playwright/test';
import { loginAs, nodeIdByCode } from './support';

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('data scope: everyone sees only their own part of the grid', () => {
  test('grid worker sees only 第一网格 and cannot reach 第二网格', async ({ page, baseURL }) => {
    const secondGridId = await nodeIdByCode(baseURL, '140302002001002');

    await loginAs(page, 'grid1');
    // No admin or audit screens for a grid worker.
    await expect(page.getByTestId('nav-grid')).toBeVisible();
    await expect(page.getByTestId('nav-users')).toHaveCount(0);
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);
    await expect(page.getByText('用户管理')).toHaveCount(0);
    await expect(page.getByText('审计日志')).toHaveCount(0);

    await page.getByTestId('nav-grid').click();
    await expect(page).toHaveURL(/\/grid\/\d+$/);
    await expect(page.getByTestId('node-name')).toHaveText('第一网格');
    await expect(page.getByTestId('node-code')).toHaveText('140302002001001');

    const tree = page.getByTestId('grid-tree');
    await expect(tree.locator('.og-tree-name').first()).toHaveText('第一网格');
    await expect(tree.getByText('第一网格第1微网格', { exact: true })).toBeVisible();
    await expect(tree.getByText('第一网格第8微网格', { exact: true })).toBeVisible();
    await expect(tree.locator('.og-tree-name')).toHaveCount(9);
    await expect(tree).not.toContainText('第二网格');
    await expect(tree).not.toContainText('政府大院社区');
    await expect(tree).not.toContainText('阳泉市');

    // Search covers only the authorised subtree.
    await page.getByTestId('grid-search').fill('第二网格');
    await expect(page.getByTestId('grid-search-results')).toContainText('没有找到匹配的网格');
    await expect(page.getByTestId('grid-search-hit')).toHaveCount(0);
    // …while something inside the scope is found.
    await page.getByTestId('grid-search').fill('第3微网格');
    await expect(page.getByTestId('grid-search-hit')).toHaveCount(1);
    await expect(page.getByTestId('grid-search-hit')).toContainText('第一网格第3微网格');

    // A direct link to a node outside the scope shows "not found", never the node.
    await page.goto(`/grid/${secondGridId}`);
    await expect(page.getByText('网格不存在或不在您的管辖范围内')).toBeVisible();
    await expect(page.getByTestId('node-detail')).toHaveCount(0);
    await expect(page.getByTestId('node-name')).toHaveCount(0);
    await expect(page.getByTestId('grid-page')).not.toContainText('140302002001002');
  });

  test('city leader browses the whole city read-only', async ({ page, baseURL }) => {
    const firstGridId = await nodeIdByCode(baseURL, '140302002001001');
    await loginAs(page, 'leader');
    // 三权分立: a leader reads grids and users but never the audit log.
    await expect(page.getByTestId('nav-grid')).toBeVisible();
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);

    await page.getByTestId('nav-grid').click();
    await expect(page.getByTestId('node-name')).toHaveText('阳泉市');
    const tree = page.getByTestId('grid-tree');
    const names = tree.locator('.og-tree-name');
    await expect(names.first()).toHaveText('阳泉市');
    // The page opens the root for you; collapsing and expanding it again shows both districts.
    const district = tree.getByText('城区', { exact: true });
    const mining = tree.getByText('矿区', { exact: true });
    await expect(district).toBeVisible();
    const rootSwitcher = tree.getByRole('treeitem', { name: /阳泉市/ }).locator('.ant-tree-switcher');
    // Toggle only once the opening motion has finished (a click during it is swallowed).
    await expect(tree.locator('.ant-tree-treenode-motion')).toHaveCount(0);
    await rootSwitcher.click();
    await expect(district).toHaveCount(0);
    await expect(names).toHaveCount(1);
    await expect(tree.locator('.ant-tree-treenode-motion')).toHaveCount(0);
    await rootSwitcher.click();
    await expect(district).toBeVisible();
    await expect(mining).toBeVisible();
    await expect(names).toHaveCount(3);

    // Read-only: no write actions on the city …
    await expect(page.getByTestId('node-detail')).toBeVisible();
    for (const id of ['action-create-child', 'action-edit', 'action-move', 'action-retire', 'staff-add']) {
      await expect(page.getByTestId(id)).toHaveCount(0);
    }
    // … nor deeper down, on a grid with staff.
    await tree.getByText('城区', { exact: true }).click();
    await expect(page.getByTestId('node-name')).toHaveText('城区');
    await page.goto(`/grid/${firstGridId}`);
    await expect(page.getByTestId('node-name')).toHaveText('第一网格');
    await expect(page.getByTestId('staff-table')).toBeVisible();
    for (const id of ['action-create-child', 'action-edit', 'action-move', 'action-retire', 'staff-add']) {
      await expect(page.getByTestId(id)).toHaveCount(0);
    }
  });
});
