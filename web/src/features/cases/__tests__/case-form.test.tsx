import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { buildCreateInput, CaseForm } from '../components/case-form';
import { DuplicateSuggestions } from '../components/duplicate-suggestions';
import { META, routedFetch, summary } from './fixtures';

afterEach(() => resetApiConfig());

describe('the create body', () => {
  const base = {
    title: ' 3-2-501 漏水 ',
    description: ' 卫生间天花板滴水 ',
    categoryId: 2,
    urgency: 'urgent' as const,
    source: 'grid_worker' as const,
  };

  it('sends only the place the chosen kind describes', () => {
    expect(
      buildCreateInput({
        ...base,
        locationKind: 'household',
        householdId: 70,
        nodeId: 5,
        reporterKind: 'self',
      }),
    ).toEqual({
      title: '3-2-501 漏水',
      description: '卫生间天花板滴水',
      categoryId: 2,
      source: 'grid_worker',
      urgency: 'urgent',
      householdId: 70,
    });
    expect(
      buildCreateInput({
        ...base,
        locationKind: 'node',
        nodeId: 5,
        householdId: 70,
        address: ' 3 号楼东侧 ',
        reporterKind: 'self',
      }),
    ).toMatchObject({ nodeId: 5, address: '3 号楼东侧' });
    expect(
      buildCreateInput({ ...base, locationKind: 'building', nodeId: 5, buildingId: 3, reporterKind: 'self' }),
    ).toMatchObject({ nodeId: 5, buildingId: 3 });
  });

  it('a resident reporter goes by id; a caller by name and a normalised phone; visits are linked', () => {
    expect(
      buildCreateInput({
        ...base,
        locationKind: 'household',
        householdId: 70,
        reporterKind: 'resident',
        residentId: 501,
      }).reporter,
    ).toEqual({ residentId: 501 });
    expect(
      buildCreateInput(
        {
          ...base,
          locationKind: 'household',
          householdId: 70,
          reporterKind: 'anonymous',
          reporterName: ' 王女士 ',
          reporterPhone: '138 0013 8000',
        },
        12,
      ),
    ).toMatchObject({ reporter: { name: '王女士', phone: '13800138000' }, visitId: 12 });
  });
});

describe('CaseForm (登记事件)', () => {
  it('when submitted empty, then every required field says so and nothing is sent', async () => {
    const api = routedFetch([{ path: /^\/api\/cases\/meta$/, body: META }]);
    configureApi({ fetchImpl: api.fetchImpl });
    renderWithProviders(
      <MemoryRouter>
        <CaseForm onCreated={vi.fn()} />
      </MemoryRouter>,
    );
    fireEvent.click(screen.getByTestId('case-form-submit'));
    expect(await screen.findByText('请填写标题')).toBeTruthy();
    expect(screen.getByText('请填写详细描述')).toBeTruthy();
    expect(screen.getByText('请选择事件类别')).toBeTruthy();
    expect(screen.getByText('请选择房屋')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when a caller’s phone is wrong, then the form explains it', async () => {
    const api = routedFetch([{ path: /^\/api\/cases\/meta$/, body: META }]);
    configureApi({ fetchImpl: api.fetchImpl });
    renderWithProviders(
      <MemoryRouter>
        <CaseForm onCreated={vi.fn()} />
      </MemoryRouter>,
    );
    fireEvent.click(screen.getByText('来电/匿名'));
    fireEvent.change(await screen.findByTestId('case-form-reporter-phone'), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('case-form-submit'));
    expect(await screen.findByText('请输入正确的 11 位手机号码')).toBeTruthy();
  });
});

describe('DuplicateSuggestions (疑似重复)', () => {
  it('when the same household and category has an open case, then it is listed with open and merge', async () => {
    const api = routedFetch([
      { path: /^\/api\/cases\/duplicates$/, body: { items: [summary({ id: 3, number: 'SQ-2026-000003' })] } },
    ]);
    configureApi({ fetchImpl: api.fetchImpl });
    const onMerge = vi.fn();
    renderWithProviders(
      <MemoryRouter>
        <DuplicateSuggestions query={{ householdId: 70, categoryId: 2 }} onMerge={onMerge} />
      </MemoryRouter>,
    );
    const item = await screen.findByTestId('case-duplicate-3');
    expect(item.textContent).toContain('SQ-2026-000003');
    expect(api.requests[0]?.url).toBe('/api/cases/duplicates?householdId=70&categoryId=2');
    fireEvent.click(screen.getByTestId('case-duplicate-merge'));
    expect(onMerge).toHaveBeenCalledWith(expect.objectContaining({ id: 3 }));
    expect(screen.getByTestId('case-duplicate-open').getAttribute('href')).toBe('/cases/3');
  });

  it('when there is nothing to compare yet, then it asks nothing of the server', async () => {
    const api = routedFetch([]);
    configureApi({ fetchImpl: api.fetchImpl });
    renderWithProviders(
      <MemoryRouter>
        <DuplicateSuggestions query={{ categoryId: 2, text: '漏水' }} onMerge={vi.fn()} />
      </MemoryRouter>,
    );
    await waitFor(() => expect(screen.getByTestId('case-duplicates').textContent).toContain('30 天内'));
    expect(api.requests).toHaveLength(0);
  });
});
