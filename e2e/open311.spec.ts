import { expect, request, test } from '@playwright/test';
import { apiAs, csrfOf, loginAs, nodeIdByCode, saveScreen } from './support';

// Open311 GeoReport v2 end to end over HTTP: the administrator issues a key for 虎尾沟社区, a client (no session, no
// cookies) reports a leaking flat with it, follows it by its number, and the community's staff find it in their list.

test.describe('Open311 (GeoReport v2)', () => {
  test('a key issued by the admin lets a client report a leaking flat that 虎尾沟社区 staff see in their list', async ({
    page,
    baseURL,
  }, testInfo) => {
    const hwg = await nodeIdByCode(baseURL, '140303001001');
    const clientName = `e2e 随手拍 ${Date.now()}`;

    const admin = await apiAs(baseURL, 'admin');
    let key = '';
    try {
      const issued = await admin.post('/api/open311/keys', {
        headers: { 'x-csrf-token': await csrfOf(admin) },
        data: { name: clientName, nodeId: hwg },
      });
      expect(issued.status()).toBe(201);
      key = ((await issued.json()) as { key: string }).key;
      expect(key).toMatch(/^og311_/);
    } finally {
      await admin.dispose();
    }

    const client = await request.newContext({ baseURL });
    try {
      const description = `5号楼3单元502室卫生间顶棚漏水，已经三天了（e2e ${Date.now()}）`;
      const report = {
        service_code: 'MS01',
        address_string: '虎尾沟社区 5号楼3单元502室',
        lat: '37.857',
        long: '113.563',
        description,
        first_name: '三',
        last_name: '张',
        phone: '13803531234',
      };

      // A wrong key: 403 in the Open311 error format.
      const refused = await client.post('/open311/v2/requests.json', {
        form: { ...report, api_key: 'og311_not-a-key' },
      });
      expect(refused.status()).toBe(403);
      const errors = (await refused.json()) as Array<{ code: number; description: string }>;
      expect(errors[0].code).toBe(403);

      const posted = await client.post('/open311/v2/requests.json', { form: { ...report, api_key: key } });
      expect(posted.ok(), await posted.text()).toBe(true);
      const [created] = (await posted.json()) as Array<{
        service_request_id: string;
        service_notice: string;
      }>;
      expect(created.service_request_id).toMatch(/^SQ-\d{4}-\d{6}$/);
      expect(created.service_notice).toContain('工作日');
      const number = created.service_request_id;

      // The client follows it by its number: open, 房屋漏水, and no personal field.
      const one = await client.get(`/open311/v2/requests/${number}.json`);
      expect(one.ok()).toBe(true);
      const [req] = (await one.json()) as Array<Record<string, unknown>>;
      expect(req).toMatchObject({
        service_request_id: number,
        status: 'open',
        service_code: 'MS01',
        service_name: '房屋漏水',
        description,
      });
      expect(JSON.stringify(req)).not.toContain('13803531234');
      expect(JSON.stringify(req)).not.toContain('张');

      // The community's staff see it in their list (the staff API and the screen).
      const staff = await apiAs(baseURL, 'agent1');
      try {
        const list = await staff.get('/api/cases', {
          params: { view: 'all', source: 'open311', sort: 'created', pageSize: '50' },
        });
        expect(list.ok()).toBe(true);
        const items = (
          (await list.json()) as { items: Array<{ number: string; source: string; state: string }> }
        ).items;
        expect(items.find((c) => c.number === number)).toMatchObject({
          source: 'open311',
          state: 'collected',
        });
      } finally {
        await staff.dispose();
      }

      await page.setViewportSize({ width: 1440, height: 900 });
      await loginAs(page, 'agent1');
      await page.goto('/cases/all?source=open311&sort=created');
      const row = page.locator(`[data-number="${number}"]`);
      await expect(row).toBeVisible();
      await expect(row).toContainText('房屋漏水');
      await saveScreen(page, testInfo, 'open311-staff-list', false);
      await row.getByRole('link', { name: number }).click();
      const detail = page.getByTestId('case-detail-page');
      await expect(detail).toHaveAttribute('data-state', 'collected');
      await expect(page.getByTestId('case-description')).toContainText(description);
      const createdEvent = page.getByTestId('case-event').first();
      await expect(createdEvent).toHaveAttribute('data-action', 'create');
      await expect(createdEvent.getByTestId('case-event-actor')).toContainText(clientName);
      await saveScreen(page, testInfo, 'open311-staff-case');
    } finally {
      await client.dispose();
    }
  });
});
