import { expect, type Page, test } from '@playwright/test';
import { apiAs, loginAs, nodeIdByCode } from './support';

test.use({ viewport: { width: 1440, height: 900 } });

const PARENT_CODE = '140302002001001'; // 第一网格, 8 micro-grids in the demo
const NEW_CODE = '140302002001001009';
const NEW_NAME = '第一网格第9微网格（E2E）';

async function openFirstGrid(page: Page, baseURL: string | undefined): Promise<number> {
  const id = await nodeIdByCode(baseURL, PARENT_CODE);
  await loginAs(page, 'admin');
  await page.goto(`/grid/${id}`);
  await expect(page.getByTestId('node-name')).toHaveText('第一网格');
  await expect(page.getByTestId('node-code')).toHaveText(PARENT_CODE);
  return id;
}

test.describe('grid administration (admin)', () => {
  test('create a micro-grid under 第一网格: a wrong code is refused, the right one works; then retire it', async ({
    page,
    baseURL,
  }) => {
    const parentId = await openFirstGrid(page, baseURL);
    const tree = page.getByTestId('grid-tree');
    await expect(tree.getByText('第一网格第8微网格', { exact: true })).toBeVisible();
    await expect(tree.getByText(NEW_NAME)).toHaveCount(0);

    const creates: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/grid/nodes') creates.push(r.url());
    });

    await page.getByTestId('action-create-child').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const code = page.getByTestId('node-form-code');
    // The code field starts with the parent's code.
    await expect(code).toHaveValue(PARENT_CODE);

    // 1) A code of the right length that does not start with the parent's code.
    await code.fill('140302002002001009');
    await page.getByTestId('node-form-name').fill(NEW_NAME);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const codeItem = dialog.locator('.ant-form-item').filter({ has: code });
    const fieldError = codeItem.locator('.ant-form-item-explain-error');
    await expect(fieldError).toBeVisible();
    await expect(fieldError).not.toHaveText('');
    await expect(dialog).toBeVisible();
    expect(creates).toHaveLength(0);

    // Nothing was created on the server either.
    const api = await apiAs(baseURL, 'admin');
    const before = (await (await api.get(`/api/grid/nodes/${parentId}/children`)).json()) as {
      items: Array<{ code: string }>;
    };
    expect(before.items.map((n) => n.code)).not.toContain('140302002002001009');
    expect(before.items).toHaveLength(8);

    // 2) The next free code.
    await code.fill(NEW_CODE);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await expect(dialog).toBeHidden();
    expect(creates).toHaveLength(1);
    await expect(page.getByText(`已新建「${NEW_NAME}」`)).toBeVisible();

    // The new node shows in the tree and among the children, and its page shows the code.
    await expect(tree.getByText(NEW_NAME, { exact: true })).toBeVisible();
    const childLink = page.getByTestId('node-detail').getByText(NEW_NAME, { exact: true });
    await expect(childLink).toBeVisible();
    await childLink.click();
    await expect(page.getByTestId('node-name')).toHaveText(NEW_NAME);
    await expect(page.getByTestId('node-code')).toHaveText(NEW_CODE);
    await expect(page.getByTestId('node-breadcrumb')).toContainText('第一网格');
    const newId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(newId).toBeGreaterThan(0);

    // 3) Retire it, with a reason.
    await page.getByTestId('action-retire').click();
    const retireDialog = page.getByRole('dialog');
    await expect(retireDialog).toBeVisible();
    await retireDialog.getByRole('textbox').fill('E2E：测试用网格，已核实无需保留');
    await page.getByTestId('retire-confirm').click();
    await expect(retireDialog).toBeHidden();
    await expect(page.getByText(`已撤销「${NEW_NAME}」`)).toBeVisible();
    await expect(tree.getByText(NEW_NAME, { exact: true })).toHaveCount(0);
    await expect(tree.getByText('第一网格第8微网格', { exact: true })).toBeVisible();

    const retired = (await (await api.get(`/api/grid/nodes/${newId}`)).json()) as {
      code: string;
      retired: boolean;
    };
    expect(retired).toMatchObject({ code: NEW_CODE, retired: true });
    await api.dispose();
  });

  test('reveal a staff phone after confirming', async ({ page, baseURL }) => {
    await openFirstGrid(page, baseURL);
    const staff = page.getByTestId('staff-table');
    const revealButton = staff.locator('button[data-testid^="reveal-phone-"]').first();
    await expect(revealButton).toBeVisible();
    const testId = await revealButton.getAttribute('data-testid');
    const row = staff.locator('tr').filter({ has: page.getByTestId(testId!) });
    const masked = row.getByText(/^139\*{4}\d{4}$/);
    await expect(masked).toBeVisible();
    const maskedText = (await masked.textContent())!;

    await revealButton.click();
    const confirm = page.getByRole('button', { name: '确认查看' });
    await expect(confirm).toBeVisible();
    await confirm.click();

    const value = page.getByTestId(`${testId}-value`);
    await expect(value).toHaveText(/^1\d{10}$/);
    const full = (await value.textContent())!;
    expect(full.slice(0, 3)).toBe(maskedText.slice(0, 3));
    expect(full.slice(-4)).toBe(maskedText.slice(-4));
    await expect(row.getByText(/\*{4}/)).toHaveCount(0);
  });
});
