import {
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
  type TestInfo,
  test,
} from '@playwright/test';
import { CASE_ACTION_LABELS, type CaseAction } from '../common/cases';
import { ROLE_LABELS, type Role } from '../common/permissions';
import { DEMO_ACCOUNTS } from '../server/db/demo/demo-data';
import { apiAs, loginAs, pickOption, saveScreen, writePng } from './support';

// Issue 4's acceptance story, the leaking flat of 虎尾沟社区 (PRODUCT.md's seed article), played through the screens
// by everyone involved, each in their own browser: the resident on a phone (H5, without an account), the petition
// agent 胡晓 (agent1), the community secretary who dispatches (community3), the housing bureau's handler (unit1,
// 住建局, lead) and the property company's (unit2, 物业公司, assist). Only the look-ups that check facts use the API.

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const DESK = { width: 1440, height: 900 };

/** `YYYY-MM-DD HH:mm` as the screens show it (Beijing time). */
function beijing(at: Date | number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');
}

const displayName = (username: string) => {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.displayName;
};

async function deskPage(
  browser: Browser,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESK, locale: 'zh-CN', timezoneId: TZ });
  const page = await context.newPage();
  await loginAs(page, username);
  return { context, page };
}

/** A text box by test id, whether antd put the id on the field itself or on its wrapper (count, affix). */
function field(page: Page, testId: string): Locator {
  return page
    .locator(
      [
        `textarea[data-testid="${testId}"]`,
        `input[data-testid="${testId}"]`,
        `[data-testid="${testId}"] textarea`,
        `[data-testid="${testId}"] input`,
      ].join(', '),
    )
    .first();
}

/** Opens the case from the signed-in user's inbox (我的待办) by its number; returns its id. */
async function openFromInbox(page: Page, number: string): Promise<number> {
  await page.goto('/cases');
  await expect(page.getByTestId('cases-inbox-page')).toBeVisible();
  const row = page.getByTestId('cases-inbox-list').locator(`[data-number="${number}"]`);
  await expect(row).toBeVisible();
  const id = Number((await row.getAttribute('data-testid'))?.replace('case-row-', ''));
  expect(id).toBeGreaterThan(0);
  await row.getByTestId(`case-link-${id}`).click();
  await expectState(page, id);
  return id;
}

/** Waits for the case page of `id`, optionally in `state`. */
async function expectState(page: Page, id: number, state?: string): Promise<void> {
  const detail = page.getByTestId('case-detail-page');
  await expect(detail).toHaveAttribute('data-case-id', String(id));
  if (state) await expect(detail).toHaveAttribute('data-state', state);
}

/** Reloads the case page (another person acted in another browser) and waits for `state`. */
async function reloadCase(page: Page, id: number, state: string): Promise<void> {
  await page.goto(`/cases/${id}`);
  await expectState(page, id, state);
}

/** Opens one action's dialog from the action panel. */
async function openAction(page: Page, action: CaseAction): Promise<Locator> {
  const panel = page.getByTestId('case-actions-panel');
  await panel.getByTestId(`case-action-${action}`).click();
  const form = page.getByTestId(`case-form-${action}`);
  await expect(form).toBeVisible();
  return form;
}

/** Sends the open action dialog and waits until the case shows `state` and the dialog is gone. */
async function submitAction(page: Page, id: number, state: string): Promise<void> {
  await page.getByTestId('case-action-submit').click();
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
  await expectState(page, id, state);
}

/** Types a date (and time) into an antd DatePicker and confirms it with Enter. */
async function typeDate(picker: Locator, value: string): Promise<void> {
  const input = picker.locator('xpath=self::input').or(picker.locator('input')).first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

interface Step {
  action: CaseAction | 'create';
  who: string;
  role: Role;
  from: number;
  to: number;
}

test.describe('case loop (事件闭环)', () => {
  test('the leaking flat of 虎尾沟社区: reported on a phone, accepted, dispatched to 住建局 and 物业公司, a coordination meeting, handled, fed back, rated 满意 and closed', async ({
    browser,
    baseURL,
  }, testInfo: TestInfo) => {
    test.setTimeout(240_000);
    const steps: Step[] = [];
    const contexts: BrowserContext[] = [];
    const timed = async (
      action: Step['action'],
      who: string,
      role: Role,
      run: () => Promise<void>,
    ): Promise<void> => {
      // Event times are stored to the millisecond; the window is the UI step's own duration.
      const from = Date.now() - 1000;
      await run();
      steps.push({ action, who, role, from, to: Date.now() + 1000 });
    };

    try {
      // ---- 1. the resident reports on a phone, without an account -----------------------------------------------
      const phoneContext = await browser.newContext({
        viewport: { width: 375, height: 812 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        locale: 'zh-CN',
        timezoneId: TZ,
      });
      contexts.push(phoneContext);
      const resident = await phoneContext.newPage();
      const residentName = '李女士';
      const phone = `1390035${String(Date.now()).slice(-4)}`;
      const photo = writePng(testInfo.outputPath('ceiling-leak.png'), 96, 72);
      let number = '';

      await timed('create', residentName, 'resident', async () => {
        await resident.goto('/h5/report');
        await expect(resident.getByTestId('category-picker')).toBeVisible();
        await resident.getByTestId('category-MS01').tap();
        await expect(resident.getByTestId('category-MS01')).toHaveAttribute('aria-checked', 'true');
        await field(resident, 'report-description').fill(
          '5号楼2单元601室顶层，连续下雨后卧室和卫生间顶板大面积渗水，墙皮脱落发霉。找过物业几次没修好，请社区帮忙协调。',
        );
        await resident.getByTestId('photo-input').setInputFiles(photo);
        await expect(resident.getByTestId('photo-picker').locator('img')).toHaveCount(1);
        await pickOption(
          resident,
          resident.getByTestId('report-community'),
          '虎尾沟社区（赛鱼街道）',
          '虎尾沟',
        );
        await field(resident, 'report-location').fill('5号楼2单元601室');
        await resident.getByLabel('称呼（可选）').fill(residentName);
        await field(resident, 'report-phone').fill(phone);
        await saveScreen(resident, testInfo, 'case-loop-01-resident-report-375');
        await resident.getByTestId('report-submit').tap();
        await expect(resident).toHaveURL(/\/h5\/report\/done\?no=/);
        await expect(resident.getByTestId('report-done')).toBeVisible();
        number = ((await resident.getByTestId('tracking-number').textContent()) ?? '').trim();
      });
      expect(number).toMatch(/^SQ-\d{4}-\d{6}$/);
      await saveScreen(resident, testInfo, 'case-loop-02-resident-tracking-number-375');

      // ---- 2. the petition agent finds it in the inbox and accepts it (reporter contacted) -----------------------
      const agent = await deskPage(browser, 'agent1');
      contexts.push(agent.context);
      const a = agent.page;
      const id = await openFromInbox(a, number);
      await expectState(a, id, 'collected');
      await expect(a.getByTestId('case-number')).toHaveText(number);
      await expect(a.getByTestId('case-reporter')).toContainText(residentName);
      // The photo came with the report.
      await expect(a.getByTestId('case-files').locator('img')).toHaveCount(1);
      await saveScreen(a, testInfo, 'case-loop-03-agent-new-case');

      await timed('accept', displayName('agent1'), 'petition_agent', async () => {
        await openAction(a, 'accept');
        await a.getByTestId('case-action-contacted').check();
        await field(a, 'case-action-note').fill(
          '已入户查看：卧室、卫生间顶板渗水严重，墙面霉变，确系屋面漏水。已告知居民社区将协调处理。',
        );
        await saveScreen(a, testInfo, 'case-loop-04-agent-accept-form', false);
        await submitAction(a, id, 'accepted');
      });
      await saveScreen(a, testInfo, 'case-loop-05-agent-accepted');

      // ---- 3. the community secretary dispatches: 住建局 leads, 物业公司 assists, with a deadline ----------------
      const dispatcher = await deskPage(browser, 'community3');
      contexts.push(dispatcher.context);
      const d = dispatcher.page;
      expect(await openFromInbox(d, number)).toBe(id);
      await expectState(d, id, 'accepted');
      const due = `${beijing(Date.now() + 7 * DAY).slice(0, 10)} 18:00`;
      await timed('dispatch', displayName('community3'), 'community_staff', async () => {
        await openAction(d, 'dispatch');
        await pickOption(d, d.getByTestId('case-action-lead-unit'), '住建局', '住建');
        await pickOption(d, d.getByTestId('case-action-assist-units'), '物业公司', '物业');
        await d.keyboard.press('Escape');
        await typeDate(d.getByTestId('case-action-due'), due);
        await field(d, 'case-action-note').fill(
          '请区住建局牵头、物业公司配合，查明漏水原因，确定维修责任和方案。',
        );
        await saveScreen(d, testInfo, 'case-loop-06-dispatch-form', false);
        await submitAction(d, id, 'dispatched');
      });
      const assignments = d.getByTestId('case-assignments');
      await expect(assignments.locator('li')).toHaveCount(2);
      await expect(assignments.locator('li').nth(0)).toContainText('主办');
      await expect(assignments.locator('li').nth(0)).toContainText('住建局');
      await expect(assignments.locator('li').nth(1)).toContainText('协办');
      await expect(assignments.locator('li').nth(1)).toContainText('物业公司');
      for (const li of await assignments.locator('li').all()) {
        await expect(li).toContainText(due);
        await expect(li.getByTestId('case-assignment-status')).toHaveText('待签收');
      }
      await saveScreen(d, testInfo, 'case-loop-07-dispatched');

      // ---- 4. 住建局 signs; 物业公司 signs and replies ------------------------------------------------------------
      const unit1 = await deskPage(browser, 'unit1');
      contexts.push(unit1.context);
      const u1 = unit1.page;
      expect(await openFromInbox(u1, number)).toBe(id);
      await expectState(u1, id, 'dispatched');
      await timed('sign', displayName('unit1'), 'unit_handler', async () => {
        await openAction(u1, 'sign');
        await submitAction(u1, id, 'in_progress');
      });
      await saveScreen(u1, testInfo, 'case-loop-08-unit1-signed');

      const unit2 = await deskPage(browser, 'unit2');
      contexts.push(unit2.context);
      const u2 = unit2.page;
      expect(await openFromInbox(u2, number)).toBe(id);
      await expectState(u2, id, 'in_progress');
      await timed('sign', displayName('unit2'), 'unit_handler', async () => {
        await openAction(u2, 'sign');
        await submitAction(u2, id, 'in_progress');
      });
      const survey =
        '已现场勘查：5号楼屋面防水层约60平方米老化开裂，需整体更换；维修方案及预算已报区住建局。';
      await timed('reply', displayName('unit2'), 'unit_handler', async () => {
        await openAction(u2, 'reply');
        await field(u2, 'case-action-text').fill(survey);
        await submitAction(u2, id, 'in_progress');
      });
      const assistRow = u2.getByTestId('case-assignments').locator('li').nth(1);
      await expect(assistRow.getByTestId('case-assignment-status')).toHaveText('已回复');
      await expect(assistRow).toContainText(survey);
      await saveScreen(u2, testInfo, 'case-loop-09-unit2-replied');

      // ---- 5. the petition agent records the coordination meeting --------------------------------------------------
      await reloadCase(a, id, 'in_progress');
      const decisions =
        '屋面属共用部位：物业公司组织施工，费用从专项维修资金列支，区住建局现场监督；一周内完工，完工后三方验收。';
      const attendees = [
        '胡晓（社区信访代理员）',
        '区住建局办事员',
        '物业公司客服',
        `${residentName}（居民）`,
      ];
      const itemsBy = beijing(Date.now() + 5 * DAY).slice(0, 10);
      await timed('meeting', displayName('agent1'), 'petition_agent', async () => {
        await openAction(a, 'meeting');
        await field(a, 'case-action-place').fill('虎尾沟社区党群服务中心会议室');
        const attendeeBox = a.getByTestId('case-action-attendees');
        await attendeeBox.click();
        for (const who of attendees) {
          await a.keyboard.type(who);
          await a.keyboard.press('Enter');
        }
        await expect(attendeeBox.locator('.ant-select-selection-item')).toHaveCount(attendees.length);
        await a.keyboard.press('Escape');
        await field(a, 'case-action-decisions').fill(decisions);
        const items = a.getByTestId('case-action-item');
        await items.nth(0).getByLabel('责任人/单位').fill('物业公司');
        await items.nth(0).getByLabel('做什么').fill('更换屋面防水层，修补601室顶板');
        await typeDate(items.nth(0).getByLabel('完成时间'), itemsBy);
        await a.getByTestId('case-action-item-add').click();
        await expect(items).toHaveCount(2);
        await items.nth(1).getByLabel('责任人/单位').fill('区住建局');
        await items.nth(1).getByLabel('做什么').fill('施工监督和验收');
        await saveScreen(a, testInfo, 'case-loop-10-meeting-form', false);
        await submitAction(a, id, 'in_progress');
      });
      const meeting = a.getByTestId('case-meetings').locator('article');
      await expect(meeting).toHaveCount(1);
      await expect(meeting).toContainText('虎尾沟社区党群服务中心会议室');
      for (const who of attendees) await expect(meeting).toContainText(who);
      await expect(meeting).toContainText(decisions);
      await expect(meeting).toContainText('物业公司：更换屋面防水层，修补601室顶板');
      await expect(meeting).toContainText(itemsBy);
      await expect(meeting).toContainText('区住建局：施工监督和验收');
      await saveScreen(a, testInfo, 'case-loop-11-meeting-recorded');

      // ---- 6. 住建局 records the result, with a photo of the repaired ceiling --------------------------------------
      await reloadCase(u1, id, 'in_progress');
      const result =
        '5号楼屋面防水层已全部更换，601室顶板修补、墙面重新粉刷完毕；经区住建局、社区、居民三方现场验收合格。';
      const after = writePng(testInfo.outputPath('ceiling-repaired.png'), 80, 60);
      await timed('handle', displayName('unit1'), 'unit_handler', async () => {
        await openAction(u1, 'handle');
        await field(u1, 'case-action-result').fill(result);
        await u1.getByTestId('case-action-files').setInputFiles(after);
        await expect(u1.getByTestId('case-form-handle').locator('img')).toHaveCount(1);
        await submitAction(u1, id, 'handled');
      });
      await expect(u1.getByTestId('case-result')).toContainText(result);
      await expect(u1.getByTestId('case-files').locator('img')).toHaveCount(2);
      await saveScreen(u1, testInfo, 'case-loop-12-handled');

      // ---- 7. the petition agent tells the resident -----------------------------------------------------------------
      await reloadCase(a, id, 'handled');
      await timed('feedback', displayName('agent1'), 'petition_agent', async () => {
        await openAction(a, 'feedback');
        await field(a, 'case-action-note').fill('已上门向李女士反馈维修结果，并陪同查看，居民表示认可。');
        await submitAction(a, id, 'awaiting_rating');
      });
      await saveScreen(a, testInfo, 'case-loop-13-feedback');

      // ---- 8. the resident looks it up (number + last 4 digits) and rates 满意 with the full phone ---------------
      await resident.getByTestId('done-track').tap();
      await expect(resident).toHaveURL(/\/h5\/track\?no=/);
      await expect(field(resident, 'track-number')).toHaveValue(number);
      await field(resident, 'track-last4').fill(phone.slice(-4));
      await resident.getByTestId('track-submit').tap();
      const publicCase = resident.getByTestId('public-case');
      await expect(publicCase).toBeVisible();
      await expect(resident.getByTestId('case-state')).toHaveText('待评价');
      await expect(resident.getByTestId('case-result')).toContainText(result);
      // Residents see units, never a member of staff by name.
      await expect(publicCase).toContainText('住建局');
      await expect(publicCase).not.toContainText(displayName('agent1'));
      await expect(publicCase).not.toContainText(displayName('unit1'));
      await saveScreen(resident, testInfo, 'case-loop-14-resident-tracking-375');

      const comment = '房子再也不漏了，感谢社区、住建局和物业公司，办得又快又好！';
      // A reporter proven by the full phone acts as 反映人 (the name they left stays in the case's facts).
      await timed('rate', '反映人', 'resident', async () => {
        const panel = resident.getByTestId('rating-panel');
        await panel.scrollIntoViewIfNeeded();
        await resident.getByTestId('rate-satisfied').tap();
        await resident.getByTestId('resolved-yes').tap();
        await field(resident, 'rate-comment').fill(comment);
        await field(resident, 'rate-phone').fill(phone);
        await saveScreen(resident, testInfo, 'case-loop-15-resident-rating-375');
        await resident.getByTestId('rate-submit').tap();
        await expect(resident.getByTestId('case-state')).toHaveText('已办结');
      });
      await expect(resident.getByTestId('rating-panel')).toHaveCount(0);
      await expect(resident.getByTestId('case-rating')).toContainText('满意');
      await expect(resident.getByTestId('case-rating')).toContainText(comment);
      await saveScreen(resident, testInfo, 'case-loop-16-resident-closed-375');

      // ---- 9. the case is 已办结 and the staff timeline shows every step with who and when -------------------------
      await reloadCase(a, id, 'closed');
      await expect(a.getByTestId('case-header')).toContainText('已办结');
      await expect(a.getByTestId('case-rating')).toContainText('满意');
      const events = a.getByTestId('case-timeline').getByTestId('case-event');
      const wanted = steps.map((s) => s.action);
      expect(wanted).toEqual([
        'create',
        'accept',
        'dispatch',
        'sign',
        'sign',
        'reply',
        'meeting',
        'handle',
        'feedback',
        'rate',
      ]);
      await expect(events).toHaveCount(steps.length);
      for (const [i, step] of steps.entries()) {
        const event = events.nth(i);
        await expect(event).toHaveAttribute('data-action', step.action);
        const label = step.action === 'create' ? '登记' : CASE_ACTION_LABELS[step.action].zh;
        await expect(event.locator('.cs-tl-action')).toContainText(label);
        await expect(event.getByTestId('case-event-actor')).toContainText(step.who);
        await expect(event.getByTestId('case-event-actor')).toContainText(ROLE_LABELS[step.role].zh);
        const at = await event.locator('time').getAttribute('datetime');
        const when = Date.parse(at ?? '');
        expect(when, `${step.action} at ${at}`).toBeGreaterThanOrEqual(step.from);
        expect(when, `${step.action} at ${at}`).toBeLessThanOrEqual(step.to);
        await expect(event.locator('time')).toHaveText(beijing(when));
      }
      const dispatchEvent = events.nth(2);
      await expect(dispatchEvent).toContainText('住建局');
      await expect(dispatchEvent).toContainText('物业公司');
      await expect(events.nth(9)).toContainText('满意');
      await a.getByTestId('case-timeline').scrollIntoViewIfNeeded();
      await saveScreen(a, testInfo, 'case-loop-17-closed-timeline');

      // Facts read back from the API: the record agrees with what the screens showed.
      const api = await apiAs(baseURL, 'agent1');
      try {
        const res = await api.get(`/api/cases/${id}`);
        expect(res.ok()).toBe(true);
        const detail = (await res.json()) as {
          state: string;
          closedBy: string | null;
          contactedAt: string | null;
          rating: { rating: string; resolved: boolean; comment: string | null } | null;
          assignments: Array<{ unitName: string; role: string; status: string; dueAt: string | null }>;
          meetings: Array<{ attendees: string[]; decisions: string; actionItems: unknown[] }>;
          files: unknown[];
        };
        expect(detail.state).toBe('closed');
        expect(detail.closedBy).toBe('rating');
        expect(detail.contactedAt).not.toBeNull();
        expect(detail.rating).toEqual({
          rating: 'satisfied',
          resolved: true,
          comment,
          at: expect.any(String),
        });
        expect(
          detail.assignments.map((x) => [
            x.unitName,
            x.role,
            x.status,
            x.dueAt && beijing(Date.parse(x.dueAt)),
          ]),
        ).toEqual([
          ['住建局', 'lead', 'done', due],
          ['物业公司', 'assist', 'replied', due],
        ]);
        expect(detail.meetings).toHaveLength(1);
        expect(detail.meetings[0].attendees).toEqual(attendees);
        expect(detail.meetings[0].actionItems).toHaveLength(2);
        expect(detail.files).toHaveLength(2);
      } finally {
        await api.dispose();
      }
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
