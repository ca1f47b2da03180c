import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { buildActionBody } from '../components/case-action-fields';
import { CaseActions, orderedActions } from '../components/case-actions';
import { detail, META, routedFetch } from './fixtures';

afterEach(() => resetApiConfig());

function renderActions(d = detail(), routes: Parameters<typeof routedFetch>[0] = []) {
  const api = routedFetch([{ path: /^\/api\/cases\/meta$/, body: META }, ...routes]);
  configureApi({ fetchImpl: api.fetchImpl });
  renderWithProviders(
    <MemoryRouter>
      <CaseActions detail={d} />
    </MemoryRouter>,
  );
  return api;
}

describe('the action bar', () => {
  it('when the server allows some actions, then there is exactly one button per action, next step first', () => {
    renderActions(
      detail({ allowedActions: ['comment', 'reject', 'accept', 'escalate', 'auto_close', 'merge'] }),
    );
    const buttons = within(screen.getByTestId('case-actions')).getAllByRole('button');
    expect(buttons.map((b) => b.dataset.testid)).toEqual([
      'case-action-accept',
      'case-action-escalate',
      'case-action-merge',
      'case-action-comment',
      'case-action-reject',
    ]);
    expect(buttons.map((b) => b.textContent?.replace(/\s/g, ''))).toEqual([
      '受理',
      '上报',
      '合并',
      '备注',
      '不予受理',
    ]);
  });

  it('when nothing is allowed, then it says so instead of showing dead buttons', () => {
    renderActions(detail({ allowedActions: [] }));
    expect(screen.getByTestId('case-actions').textContent).toContain('当前没有您可以办理的操作');
    expect(orderedActions(['auto_close'])).toEqual([]);
  });

  it('when 不予受理 is sent without a reason, then the form asks for one and nothing is sent', async () => {
    const api = renderActions(detail({ state: 'collected', allowedActions: ['accept', 'reject'] }));
    fireEvent.click(screen.getByTestId('case-action-reject'));
    fireEvent.click(await screen.findByTestId('case-action-submit'));
    expect(await screen.findByText('请填写理由')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when 不予受理 is sent with a reason, then the body carries the version read and the reason', async () => {
    const d = detail({ state: 'collected', allowedActions: ['accept', 'reject'], version: 4 });
    const api = renderActions(d, [
      {
        method: 'POST',
        path: /^\/api\/cases\/7\/actions\/reject$/,
        body: {
          ...d,
          state: 'rejected',
          rejectReason: '不属于社区管辖',
          allowedActions: ['comment'],
          version: 5,
        },
      },
    ]);
    fireEvent.click(screen.getByTestId('case-action-reject'));
    fireEvent.change(await screen.findByTestId('case-action-reason'), {
      target: { value: ' 不属于社区管辖 ' },
    });
    fireEvent.click(screen.getByTestId('case-action-submit'));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = api.requests.find((r) => r.method === 'POST');
    expect(post?.url).toBe('/api/cases/7/actions/reject');
    expect(post?.body).toEqual({ version: 4, reason: '不属于社区管辖' });
    expect(await screen.findByText('不予受理：已完成')).toBeTruthy();
  });

  it('when someone else acted first (409 CASE_CONFLICT), then the worker is told and the case is fetched again', async () => {
    const d = detail({ state: 'collected', allowedActions: ['accept'] });
    const api = renderActions(d, [
      {
        method: 'POST',
        path: /^\/api\/cases\/7\/actions\/accept$/,
        status: 409,
        body: {
          error: {
            code: 'CASE_CONFLICT',
            message: '事件已被他人办理',
            details: { current: { ...d, state: 'accepted' } },
          },
        },
      },
      { path: /^\/api\/cases\/7$/, body: { ...d, state: 'accepted', version: 9 } },
    ]);
    fireEvent.click(screen.getByTestId('case-action-accept'));
    fireEvent.click(await screen.findByTestId('case-action-submit'));
    expect(await screen.findByText(/该事件刚被他人办理/)).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ version: 3, contacted: false });
  });

  it('when 分办 opens, then the category’s default unit is offered as lead', async () => {
    renderActions(detail({ allowedActions: ['dispatch'] }));
    fireEvent.click(screen.getByTestId('case-action-dispatch'));
    const form = await screen.findByTestId('case-form-dispatch');
    await waitFor(() => expect(form.textContent).toContain('住建局'));
  });
});

describe('action bodies (docs/api-cases.md "Action fields")', () => {
  it('dispatch: one lead, assisting units without the lead, the due time as ISO', () => {
    const due = dayjs('2026-03-10T10:00:00Z');
    expect(
      buildActionBody('dispatch', { leadUnitId: 11, assistUnitIds: [12, 11], dueAt: due, note: '  ' }, 3),
    ).toEqual({ version: 3, leadUnitId: 11, assistUnitIds: [12], dueAt: '2026-03-10T10:00:00.000Z' });
  });

  it('meeting: attendees trimmed, empty action items dropped, dates as days', () => {
    const body = buildActionBody(
      'meeting',
      {
        heldAt: dayjs('2026-03-03T06:00:00Z'),
        place: '社区会议室',
        attendees: [' 李网格 ', '住建局 赵工', ''],
        decisions: '物业先行维修，住建局督促楼上住户配合',
        actionItems: [
          { who: '物业公司', what: '更换防水层', by: dayjs('2026-03-08T00:00:00') },
          { who: '', what: '', by: null },
        ],
      },
      5,
    );
    expect(body).toEqual({
      version: 5,
      heldAt: '2026-03-03T06:00:00.000Z',
      place: '社区会议室',
      attendees: ['李网格', '住建局 赵工'],
      decisions: '物业先行维修，住建局督促楼上住户配合',
      actionItems: [{ who: '物业公司', what: '更换防水层', by: '2026-03-08' }],
    });
  });

  it('handle carries the uploaded file ids; comment its visibility; rate its three fields', () => {
    expect(buildActionBody('handle', { result: '已修复' }, 2, [31, 32])).toEqual({
      version: 2,
      result: '已修复',
      fileIds: [31, 32],
    });
    expect(buildActionBody('comment', { note: '回访', visibility: 'public' }, 2)).toEqual({
      version: 2,
      note: '回访',
      visibility: 'public',
    });
    expect(buildActionBody('rate', { rating: 'satisfied', resolved: true, comment: '' }, 2)).toEqual({
      version: 2,
      rating: 'satisfied',
      resolved: true,
    });
    expect(buildActionBody('request_extension', { days: 5, reason: '等配件' }, 2)).toEqual({
      version: 2,
      days: 5,
      reason: '等配件',
    });
  });
});
