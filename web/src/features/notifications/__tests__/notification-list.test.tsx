import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders, scriptedFetch } from '../../../testing/render-with-providers';
import type { NotificationItem } from '../api/types';
import { NotificationList } from '../components/notification-list';
import { notificationText, relativeTime } from '../components/notification-text';
import { translateNotifications } from '../messages';

const base: NotificationItem = {
  id: 7,
  kind: 'new_task',
  caseId: 42,
  caseNumber: 'SQ-2026-000042',
  caseTitle: '3号楼顶层房屋漏水',
  actorName: '社区书记',
  data: { action: 'dispatch', role: 'lead', dueAt: '2026-11-10T10:00:00.000Z' },
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  readAt: null,
};
const zh = (n: NotificationItem) => notificationText(n, (k, v) => translateNotifications('zh-CN', k, v));
const en = (n: NotificationItem) => notificationText(n, (k, v) => translateNotifications('en', k, v));

afterEach(() => resetApiConfig());

describe('notification sentences', () => {
  it('when a unit is dispatched to, then the sentence names the dispatcher, the role and the due time', () => {
    expect(zh(base)).toMatch(
      /^社区书记将事件分派给您的单位（主办），请签收办理，限 2026-11-10 \d\d:00 前办结$/,
    );
    expect(en({ ...base, data: { action: 'dispatch', role: 'assist' } })).toBe(
      '社区书记 assigned the case to your unit to assist; please sign for it',
    );
  });

  it('when returned, supervised, rated or alerted, then each kind says what happened', () => {
    expect(zh({ ...base, kind: 'returned', data: { action: 'return', reason: '不属于本单位职责' } })).toBe(
      '社区书记退回了事件：不属于本单位职责',
    );
    expect(zh({ ...base, kind: 'supervised', actorName: '文领导', data: { note: '三日内修复' } })).toBe(
      '文领导督办此事件：三日内修复',
    );
    expect(zh({ ...base, kind: 'rated', data: { rating: 'unsatisfied', reopen: true } })).toBe(
      '居民评价：不满意，已重新办理',
    );
    expect(en({ ...base, kind: 'rated', data: { rating: 'satisfied' } })).toBe(
      'Resident’s rating: Satisfied',
    );
    expect(
      zh({ ...base, kind: 'deadline_red', data: { deadline: 'response', dueAt: base.data.dueAt } }),
    ).toMatch(/^已超过响应时限（2026-11-10 \d\d:00）$/);
    expect(zh({ ...base, kind: 'new_task', actorName: null, data: { action: 'create' } })).toBe(
      '新上报事件，请及时受理',
    );
  });

  it('when formatting times, then recent ones are relative', () => {
    const now = Date.parse('2026-11-02T10:00:00Z');
    expect(relativeTime('2026-11-02T09:59:30Z', 'zh-CN', now)).toBe('刚刚');
    expect(relativeTime('2026-11-02T09:55:00Z', 'zh-CN', now)).toBe('5 分钟前');
    expect(relativeTime('2026-11-02T07:00:00Z', 'en', now)).toBe('3 h ago');
    expect(relativeTime('2026-10-31T10:00:00Z', 'zh-CN', now)).toBe('2 天前');
  });
});

describe('NotificationList', () => {
  it('when an unread line is clicked, then it is marked read on the server and the case opens', async () => {
    const { fetchImpl, requests } = scriptedFetch([
      { status: 200, body: { ...base, readAt: base.createdAt } },
    ]);
    configureApi({ fetchImpl });
    renderWithProviders(
      <MemoryRouter initialEntries={['/notifications']}>
        <Routes>
          <Route
            path="/notifications"
            element={
              <NotificationList items={[base, { ...base, id: 8, caseId: 43, readAt: base.createdAt }]} />
            }
          />
          <Route path="/cases/:id" element={<div data-testid="case-page">case</div>} />
        </Routes>
      </MemoryRouter>,
    );
    const items = screen.getAllByTestId('notification-item');
    expect(items.map((i) => i.getAttribute('data-unread'))).toEqual(['true', null]);
    expect(screen.getAllByText('3号楼顶层房屋漏水')).toHaveLength(2);
    fireEvent.click(items[0]);
    await waitFor(() => expect(screen.getByTestId('case-page')).toBeTruthy());
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatchObject({ url: '/api/notifications/7/read', method: 'POST' });
  });
});
