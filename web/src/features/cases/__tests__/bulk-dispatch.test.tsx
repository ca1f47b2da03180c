import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { BulkDispatchModal } from '../components/bulk-dispatch-modal';
import { CaseTable } from '../components/case-table';
import { META, routedFetch, summary } from './fixtures';

afterEach(() => resetApiConfig());

describe('批量分办', () => {
  it('when no lead unit is chosen, then it asks for one and sends nothing', async () => {
    const api = routedFetch([{ path: /^\/api\/cases\/meta$/, body: META }]);
    configureApi({ fetchImpl: api.fetchImpl });
    renderWithProviders(<BulkDispatchModal open cases={[summary()]} onClose={vi.fn()} onDone={vi.fn()} />);
    fireEvent.click(await screen.findByTestId('bulk-dispatch-submit'));
    expect(await screen.findByText('请选择主办单位')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('shows what happened to each case, with the reason in words when one was refused', async () => {
    const api = routedFetch([
      { path: /^\/api\/cases\/meta$/, body: META },
      {
        method: 'POST',
        path: /^\/api\/cases\/bulk\/dispatch$/,
        body: {
          results: [
            { id: 7, ok: true, number: 'SQ-2026-000007', state: 'dispatched' },
            { id: 8, ok: false, code: 'CASE_INVALID_TRANSITION' },
          ],
        },
      },
    ]);
    configureApi({ fetchImpl: api.fetchImpl });
    const cases = [summary(), summary({ id: 8, number: 'SQ-2026-000008', state: 'collected' })];
    renderWithProviders(<BulkDispatchModal open cases={cases} onClose={vi.fn()} onDone={vi.fn()} />);
    // Choose 住建局 as the lead in the select.
    const lead = await screen.findByTestId('bulk-dispatch-lead');
    fireEvent.mouseDown(lead.querySelector('.ant-select-selector') ?? lead);
    fireEvent.click(await screen.findByTitle('住建局'));
    fireEvent.click(screen.getByTestId('bulk-dispatch-submit'));
    const results = await screen.findByTestId('bulk-dispatch-results');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      ids: [7, 8],
      leadUnitId: 11,
      assistUnitIds: [],
    });
    const rows = results.querySelectorAll('li');
    expect(rows[0]?.dataset.ok).toBe('true');
    expect(rows[1]?.textContent).toContain('SQ-2026-000008');
    expect(rows[1]?.textContent).toContain('当前状态不能分办');
  });

  it('only accepted rows can be ticked when the list offers selection', async () => {
    renderWithProviders(
      <MemoryRouter>
        <CaseTable
          items={[summary(), summary({ id: 8, number: 'SQ-2026-000008', state: 'collected' })]}
          total={2}
          loading={false}
          page={1}
          pageSize={20}
          onPageChange={() => undefined}
          selectedIds={[]}
          onSelect={vi.fn()}
          selectable={(row) => row.state === 'accepted'}
        />
      </MemoryRouter>,
    );
    await waitFor(() => expect(screen.getByLabelText('SQ-2026-000007')).toBeTruthy());
    expect((screen.getByLabelText('SQ-2026-000007') as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByLabelText('SQ-2026-000008') as HTMLInputElement).disabled).toBe(true);
  });
});
