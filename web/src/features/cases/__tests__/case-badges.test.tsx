import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../../../../common/cases';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { CaseStateTag } from '../components/case-state-tag';
import { CaseCard, CaseTable } from '../components/case-table';
import { CaseTimeline, eventDetails } from '../components/case-timeline';
import { CaseWarning, dueText } from '../components/case-warning';
import { translateCases } from '../messages';
import { detail, summary } from './fixtures';

const tZh = (key: Parameters<typeof translateCases>[1], vars?: Record<string, string | number>) =>
  translateCases('zh-CN', key, vars);

describe('CaseStateTag (状态)', () => {
  it('when given each state, then it shows the label from common/cases.ts in the UI language', () => {
    const { unmount } = renderWithProviders(
      <div>
        {CASE_STATES.map((s) => (
          <CaseStateTag key={s} state={s} />
        ))}
      </div>,
    );
    const texts = screen.getAllByTestId('case-state').map((el) => el.textContent);
    expect(texts).toEqual([
      '待受理',
      '已受理',
      '不予受理',
      '已分办',
      '处置中',
      '已处置',
      '待评价',
      '已办结',
      '已合并',
    ]);
    unmount();
    renderWithProviders(<CaseStateTag state="awaiting_rating" />, { locale: 'en' });
    expect(screen.getByTestId('case-state').textContent).toBe('Awaiting rating');
  });
});

describe('CaseWarning (预警)', () => {
  it('when red, then it says 已超期; when yellow, 临期; when ok, nothing at all', () => {
    renderWithProviders(
      <div>
        <CaseWarning level="red" />
        <CaseWarning level="yellow" />
        <CaseWarning level="ok" />
      </div>,
    );
    const marks = screen.getAllByTestId('case-warning');
    expect(marks.map((m) => [m.dataset.level, m.textContent])).toEqual([
      ['red', '已超期'],
      ['yellow', '临期'],
    ]);
  });

  it('words a deadline relative to now: days and hours left, or how long overdue', () => {
    const now = Date.parse('2026-03-05T08:00:00Z');
    expect(dueText('2026-03-07T11:00:00Z', tZh, now)).toBe('剩 2 天 3 小时');
    expect(dueText('2026-03-05T03:00:00Z', tZh, now)).toBe('超期 5 小时');
    expect(dueText('2026-03-05T08:20:00Z', tZh, now)).toBe('剩 20 分钟');
    expect(dueText(null, tZh, now)).toBe('无时限');
    expect(dueText('2026-02-01T08:00:00Z', (k, v) => translateCases('en', k, v), now)).toBe('32 d overdue');
  });
});

describe('case lists', () => {
  it('when a case is overdue and supervised, then its row shows both marks and links to the case', () => {
    renderWithProviders(
      <MemoryRouter>
        <CaseTable
          items={[
            summary({ warning: 'red', supervised: true, urgency: 'urgent' }),
            summary({ id: 8, number: 'SQ-2026-000008' }),
          ]}
          total={2}
          loading={false}
          page={1}
          pageSize={20}
          onPageChange={() => undefined}
        />
      </MemoryRouter>,
    );
    const row = screen.getByTestId('case-row-7');
    expect(row.className).toContain('cs-row-red');
    expect(row.textContent).toContain('已超期');
    expect(row.textContent).toContain('督办');
    expect(row.textContent).toContain('紧急');
    expect(screen.getByTestId('case-link-7').getAttribute('href')).toBe('/cases/7');
    expect(screen.getByTestId('case-row-8').textContent).not.toContain('已超期');
  });

  it('a phone card carries number, state, place and the deadline', () => {
    renderWithProviders(
      <MemoryRouter>
        <CaseCard item={summary({ state: 'dispatched', leadUnitName: '住建局' })} />
      </MemoryRouter>,
    );
    const card = screen.getByTestId('case-card-7');
    expect(card.textContent).toContain('SQ-2026-000007');
    expect(card.textContent).toContain('已分办');
    expect(card.textContent).toContain('3-2-501');
    expect(card.textContent).toContain('住建局');
    expect(card.getAttribute('href')).toBe('/cases/7');
  });
});

describe('CaseTimeline (办理过程)', () => {
  it('shows every step in order with who and when, and marks each public or internal', () => {
    const d = detail();
    renderWithProviders(<CaseTimeline events={d.timeline} files={d.files} />);
    const events = screen.getAllByTestId('case-event');
    expect(events.map((e) => e.dataset.action)).toEqual(['create', 'accept', 'comment']);
    expect(events[1]?.textContent).toContain('受理');
    expect(events[1]?.textContent).toContain('→ 已受理');
    expect(events[1]?.textContent).toContain('李网格');
    expect(events[1]?.textContent).toContain('网格员');
    expect(events[1]?.textContent).toContain('已电话联系');
    expect(events[1]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-03-02T02:00:00.000Z');
    const marks = screen.getAllByTestId('case-event-visibility').map((m) => m.textContent);
    expect(marks).toEqual(['公开', '公开', '内部']);
  });
});

describe('timeline details from event data', () => {
  const base = detail().timeline[0];
  it('dispatch names the lead and assisting units and the deadline; supervise the urgency step', () => {
    const lines = eventDetails(
      {
        ...base,
        action: 'dispatch',
        data: { leadUnitName: '住建局', assistUnitNames: ['物业公司'], dueAt: '2026-12-01T10:00:00.000Z' },
      },
      tZh,
      (l) => l.zh,
    );
    expect(lines[0]).toBe('主办单位：住建局');
    expect(lines[1]).toBe('协办单位：物业公司');
    expect(lines[2]).toMatch(/^时限 2026-12-01/);
    expect(
      eventDetails(
        { ...base, action: 'supervise', data: { fromUrgency: 'urgent', toUrgency: 'emergency' } },
        tZh,
        (l) => l.zh,
      ),
    ).toEqual(['紧急程度：紧急 → 特急']);
  });

  it('merge names the other case; rate the rating; unknown data adds nothing', () => {
    expect(
      eventDetails(
        { ...base, action: 'merge', data: { mergedCaseNumber: 'SQ-2026-000009' } },
        tZh,
        (l) => l.zh,
      ),
    ).toEqual(['SQ-2026-000009 并入本件']);
    expect(
      eventDetails(
        { ...base, action: 'rate', data: { rating: 'satisfied', resolved: true } },
        tZh,
        (l) => l.zh,
      ),
    ).toEqual(['满意 · 问题已解决']);
    expect(eventDetails({ ...base, data: { source: 'resident', visitId: null } }, tZh, (l) => l.zh)).toEqual(
      [],
    );
  });
});
