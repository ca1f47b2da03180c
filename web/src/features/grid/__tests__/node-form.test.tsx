import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders, scriptedFetch } from '../../../testing/render-with-providers';
import type { GridNode } from '../api/types';
import { checkNodeCode, codePrefixFor, NodeFormModal } from '../components/node-form-modal';

const community: GridNode = {
  id: 40,
  parentId: 30,
  level: 'community',
  code: '330681001001',
  name: '政府大院社区',
  path: '/1/20/30/40/',
  childCount: 6,
  retired: false,
  subjects: ['party', 'governance', 'civil', 'petition', 'urban'],
  partyOrg: { type: 'party_committee', name: '政府大院社区党委', secretaryName: '张书记' },
  boundary: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  allowedActions: ['create_child', 'rename', 'move', 'retire', 'edit_staff'],
};

afterEach(() => resetApiConfig());

describe('node code rules in the form', () => {
  it('prefills a district with the 4-digit city prefix and deeper levels with the whole parent code', () => {
    expect(codePrefixFor('district', '330600')).toBe('3306');
    expect(codePrefixFor('grid', '330681001001')).toBe('330681001001');
  });

  it('explains a bad code in the UI language', () => {
    expect(checkNodeCode('grid', '330681001001001', '330681001001', 'zh-CN')).toBeNull();
    expect(checkNodeCode('grid', '33068100100101', '330681001001', 'zh-CN')).toBe(
      '全科网格编码应为 15 位数字',
    );
    expect(checkNodeCode('grid', '330681001002001', '330681001001', 'en')).toMatch(
      /first 12 digits must match/,
    );
    expect(checkNodeCode('grid', '330681001001000', '330681001001', 'zh-CN')).toMatch(/001–999/);
  });
});

describe('NodeFormModal (新建下级网格)', () => {
  it('when opened under a community, then the code starts with the community code and all five subjects are on', async () => {
    renderWithProviders(
      <NodeFormModal mode="create" open parent={community} onClose={vi.fn()} onDone={vi.fn()} />,
    );
    const code = (await screen.findByTestId('node-form-code')) as HTMLInputElement;
    expect(code.value).toBe('330681001001');
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes).toHaveLength(5);
    expect(boxes.every((box) => box.checked)).toBe(true);
    // A grid under a community gets a Party branch by default.
    expect(screen.getByText('党支部')).toBeTruthy();
  });

  it('when the code is too short, then the form says why and sends nothing', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 201, body: {} }]);
    configureApi({ fetchImpl });
    renderWithProviders(
      <NodeFormModal mode="create" open parent={community} onClose={vi.fn()} onDone={vi.fn()} />,
    );
    fireEvent.change(await screen.findByTestId('node-form-code'), { target: { value: '33068100100107' } });
    fireEvent.change(screen.getByTestId('node-form-name'), { target: { value: '第七网格' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    expect(await screen.findByText('全科网格编码应为 15 位数字')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });

  it('when the code does not extend the parent code, then the expected prefix is shown', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 201, body: {} }]);
    configureApi({ fetchImpl });
    renderWithProviders(
      <NodeFormModal mode="create" open parent={community} onClose={vi.fn()} onDone={vi.fn()} />,
    );
    fireEvent.change(await screen.findByTestId('node-form-code'), { target: { value: '330681001002007' } });
    fireEvent.change(screen.getByTestId('node-form-name'), { target: { value: '第七网格' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    expect(await screen.findByText('编码前 12 位应与上级编码一致（330681001001）')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });

  it('when the code is valid, then the node is created with level, subjects and a default Party branch', async () => {
    const created: GridNode = {
      ...community,
      id: 99,
      parentId: 40,
      level: 'grid',
      code: '330681001001007',
      name: '第七网格',
    };
    const { fetchImpl, requests } = scriptedFetch([{ status: 201, body: created }]);
    configureApi({ fetchImpl });
    const onDone = vi.fn();
    renderWithProviders(
      <NodeFormModal mode="create" open parent={community} onClose={vi.fn()} onDone={onDone} />,
    );
    fireEvent.change(await screen.findByTestId('node-form-code'), { target: { value: '330681001001007' } });
    fireEvent.change(screen.getByTestId('node-form-name'), { target: { value: ' 第七网格 ' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(created));
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/api/grid/nodes');
    expect(requests[0]?.body).toEqual({
      parentId: 40,
      code: '330681001001007',
      name: '第七网格',
      level: 'grid',
      subjects: ['party', 'governance', 'civil', 'petition', 'urban'],
      partyOrg: { type: 'branch', name: '第七网格党支部', secretaryName: '' },
      boundary: null,
    });
  });

  it('when the server rejects the code, then its message appears under the code field', async () => {
    const { fetchImpl } = scriptedFetch([
      {
        status: 409,
        body: {
          error: {
            code: 'GRID_CODE_TAKEN',
            message: '该编码已被其他网格使用',
            details: [{ field: 'code', code: 'GRID_CODE_TAKEN', message: '该编码已被其他网格使用' }],
          },
        },
      },
    ]);
    configureApi({ fetchImpl });
    renderWithProviders(
      <NodeFormModal mode="create" open parent={community} onClose={vi.fn()} onDone={vi.fn()} />,
    );
    fireEvent.change(await screen.findByTestId('node-form-code'), { target: { value: '330681001001001' } });
    fireEvent.change(screen.getByTestId('node-form-name'), { target: { value: '第一网格' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    const message = await screen.findByText('该编码已被其他网格使用');
    expect(message.closest('.ant-form-item')?.querySelector('[data-testid="node-form-code"]')).toBeTruthy();
  });
});
