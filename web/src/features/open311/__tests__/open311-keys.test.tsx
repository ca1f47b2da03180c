import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders } from '../../../testing/render-with-providers';
import type { GridNode } from '../../grid/api/types';
import type { Open311Key, Open311KeyIssued } from '../api/types';
import { curlExample, Open311Help } from '../components/open311-help';
import { Open311KeysScreen } from '../components/open311-keys';

// The Open311 settings screen against a scripted API: list, issue (the key shown once), edit, deactivate and
// reactivate, the help panel.

const USED: Open311Key = {
  id: 1,
  name: '随手拍小程序',
  prefix: 'og311_Ab3x',
  nodeId: 4,
  nodeName: '虎尾沟社区',
  mode: 'realtime',
  active: true,
  createdAt: '2026-10-08T01:00:00.000Z',
  updatedAt: '2026-10-08T01:00:00.000Z',
  lastUsedAt: '2026-11-02T01:30:00.000Z',
  requestCount: 12,
};
const STOPPED: Open311Key = {
  ...USED,
  id: 2,
  name: '12345 网关',
  prefix: 'og311_Zq9k',
  nodeId: 2,
  nodeName: '北大街街道',
  mode: 'batch',
  active: false,
  lastUsedAt: null,
  requestCount: 0,
};
const COMMUNITY: GridNode = {
  id: 4,
  parentId: 2,
  level: 'community',
  code: '140302001001',
  name: '虎尾沟社区',
  path: '/1/2/4/',
  childCount: 0,
  retired: false,
  subjects: [],
  partyOrg: null,
  boundary: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  allowedActions: [],
};
const NEW_KEY = `og311_${'K'.repeat(32)}`;

interface Route {
  method?: string;
  path: RegExp;
  status?: number;
  body: unknown | ((body: unknown) => unknown);
}

/** A fetch stand-in routing by method and path; records every request with its JSON body. */
function api(routes: Route[]) {
  const requests: Array<{ method: string; url: string; body: unknown }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, url, body });
    const route = routes.find((r) => (r.method ?? 'GET') === method && r.path.test(url.split('?')[0] ?? ''));
    if (!route)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no route' } }), {
        status: 404,
      });
    const answer =
      typeof route.body === 'function' ? (route.body as (b: unknown) => unknown)(body) : route.body;
    return new Response(JSON.stringify(answer), {
      status: route.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  configureApi({ fetchImpl: fetchImpl as typeof fetch });
  return { requests, writes: () => requests.filter((r) => r.method !== 'GET') };
}

const listRoute = (items: Open311Key[]): Route => ({ path: /^\/api\/open311\/keys$/, body: items });
const rootsRoute: Route = { path: /^\/api\/grid\/roots$/, body: { items: [COMMUNITY] } };

/** Makes antd's breakpoints see a wide screen (the table) instead of jsdom's default (the phone cards). */
function wideScreen() {
  const original = window.matchMedia;
  window.matchMedia = ((query: string) => ({
    matches: true,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  return () => {
    window.matchMedia = original;
  };
}

/** Opens the grid node picker and clicks a node by the start of its title (`名称 · 层级`). */
async function pickNode(testId: string, name: string) {
  fireEvent.mouseDown(await screen.findByTestId(testId));
  fireEvent.click(await screen.findByTitle(new RegExp(`^${name} · `)));
}

let clipboard: ReturnType<typeof vi.fn>;
beforeEach(() => {
  clipboard = vi.fn().mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: clipboard } });
});
afterEach(() => resetApiConfig());

describe('Open311 接入 — list', () => {
  it('shows each key with its prefix, node, mode, status, issue date and last use on a wide screen', async () => {
    const restore = wideScreen();
    try {
      api([listRoute([USED, STOPPED])]);
      renderWithProviders(<Open311KeysScreen />);
      const table = await screen.findByTestId('open311-keys-table');
      await within(table).findByText('随手拍小程序');
      const rows = table.querySelectorAll('tbody tr');
      expect(rows).toHaveLength(2);
      const [used, stopped] = [rows[0] as HTMLElement, rows[1] as HTMLElement];
      expect(used.textContent).toContain('og311_Ab3x…');
      expect(used.textContent).toContain('虎尾沟社区');
      expect(used.textContent).toContain('实时');
      expect(used.textContent).toContain('启用');
      expect(used.textContent).toContain('2026-10-08');
      expect(used.textContent).toContain('共 12 件');
      expect(within(used).getByTestId('open311-key-deactivate')).toBeTruthy();
      expect(stopped.textContent).toContain('批量');
      expect(stopped.textContent).toContain('已停用');
      expect(stopped.textContent).toContain('尚未使用');
      expect(stopped.className).toContain('o311-inactive');
      expect(within(stopped).getByTestId('open311-key-reactivate')).toBeTruthy();
    } finally {
      restore();
    }
  });

  it('on a phone, shows cards; with no key, says why one would issue one', async () => {
    api([listRoute([])]);
    renderWithProviders(<Open311KeysScreen />);
    const cards = await screen.findByTestId('open311-keys-cards');
    expect(await within(cards).findByText(/还没有接入密钥/)).toBeTruthy();
  });

  it('speaks English when the UI does', async () => {
    api([listRoute([STOPPED])]);
    renderWithProviders(<Open311KeysScreen />, { locale: 'en' });
    expect(await screen.findByText('Open311 access')).toBeTruthy();
    const card = await screen.findByTestId('open311-key-card');
    expect(card.textContent).toContain('Batch');
    expect(card.textContent).toContain('Deactivated');
    expect(card.textContent).toContain('Never used');
  });
});

describe('Open311 接入 — issue a key', () => {
  it('when the form is sent empty, then it names both missing fields and sends nothing', async () => {
    const calls = api([listRoute([]), rootsRoute]);
    renderWithProviders(<Open311KeysScreen />);
    fireEvent.click(await screen.findByTestId('open311-key-create'));
    fireEvent.click(await screen.findByTestId('open311-key-save'));
    expect(await screen.findByText('请填写客户端名称')).toBeTruthy();
    expect(await screen.findByText('请选择落地网格')).toBeTruthy();
    expect(calls.writes()).toHaveLength(0);
  });

  it('when a key is issued, then it is shown once with a warning and a copy button, and gone after 我已保存', async () => {
    const issued: Open311KeyIssued = {
      ...USED,
      id: 3,
      name: '城市 App',
      mode: 'batch',
      lastUsedAt: null,
      requestCount: 0,
      key: NEW_KEY,
    };
    const calls = api([
      listRoute([USED]),
      rootsRoute,
      { method: 'POST', path: /^\/api\/open311\/keys$/, status: 201, body: issued },
    ]);
    renderWithProviders(<Open311KeysScreen />);
    fireEvent.click(await screen.findByTestId('open311-key-create'));
    fireEvent.change(await screen.findByTestId('open311-key-name'), { target: { value: '  城市 App ' } });
    await pickNode('open311-key-node', '虎尾沟社区');
    fireEvent.click(screen.getByTestId('open311-mode-batch'));
    fireEvent.click(screen.getByTestId('open311-key-save'));

    const shown = await screen.findByTestId('open311-key-value');
    expect(calls.writes()).toEqual([
      {
        method: 'POST',
        url: '/api/open311/keys',
        body: { name: '城市 App', nodeId: 4, mode: 'batch' },
      },
    ]);
    expect(shown.textContent).toBe(NEW_KEY);
    expect(screen.getByText('接入密钥已签发 · 城市 App')).toBeTruthy();
    expect(screen.getByTestId('open311-key-warning').textContent).toContain('密钥只显示这一次');

    fireEvent.click(screen.getByTestId('open311-key-copy'));
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith(NEW_KEY));
    expect(await screen.findAllByText('已复制到剪贴板')).not.toHaveLength(0);

    fireEvent.click(screen.getByTestId('open311-key-done'));
    await waitFor(() => expect(screen.queryByTestId('open311-key-value')).toBeNull());
    expect(document.body.textContent).not.toContain(NEW_KEY);
  });

  it('when the server refuses the node, then its reason shows on the node field and no key is shown', async () => {
    api([
      listRoute([]),
      rootsRoute,
      {
        method: 'POST',
        path: /^\/api\/open311\/keys$/,
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '输入有误',
            details: [{ field: 'nodeId', code: 'nodeId.unknown', message: '所选网格节点不存在或已撤销' }],
          },
        },
      },
    ]);
    renderWithProviders(<Open311KeysScreen />);
    fireEvent.click(await screen.findByTestId('open311-key-create'));
    fireEvent.change(await screen.findByTestId('open311-key-name'), { target: { value: '城市 App' } });
    await pickNode('open311-key-node', '虎尾沟社区');
    fireEvent.click(screen.getByTestId('open311-key-save'));
    expect(await screen.findByText('所选网格节点不存在或已撤销')).toBeTruthy();
    expect(screen.queryByTestId('open311-key-value')).toBeNull();
    expect(screen.getByTestId('open311-key-form')).toBeTruthy();
  });
});

describe('Open311 接入 — change a key', () => {
  it('when 停用 is confirmed, then the key is deactivated; 启用 brings a stopped key back without a question', async () => {
    const calls = api([
      listRoute([USED, STOPPED]),
      {
        method: 'PATCH',
        path: /^\/api\/open311\/keys\/\d+$/,
        body: (b: unknown) => ({ ...USED, ...(b as object) }),
      },
    ]);
    renderWithProviders(<Open311KeysScreen />);
    const cards = await screen.findAllByTestId('open311-key-card');
    fireEvent.click(within(cards[0]).getByTestId('open311-key-deactivate'));
    expect(calls.writes()).toHaveLength(0);
    expect(await screen.findByText(/下一次提交即被拒绝/)).toBeTruthy();
    fireEvent.click(await screen.findByTestId('open311-key-deactivate-ok'));
    await waitFor(() =>
      expect(calls.writes()).toEqual([
        { method: 'PATCH', url: '/api/open311/keys/1', body: { active: false } },
      ]),
    );
    expect(await screen.findByText('已停用 随手拍小程序')).toBeTruthy();

    fireEvent.click(within(cards[1]).getByTestId('open311-key-reactivate'));
    await waitFor(() => expect(calls.writes()).toHaveLength(2));
    expect(calls.writes()[1]).toEqual({
      method: 'PATCH',
      url: '/api/open311/keys/2',
      body: { active: true },
    });
    expect(await screen.findByText('已启用 12345 网关')).toBeTruthy();
  });

  it('when a key is edited, then the form starts from its values and saves the changes by PATCH', async () => {
    const calls = api([
      listRoute([USED]),
      rootsRoute,
      {
        method: 'PATCH',
        path: /^\/api\/open311\/keys\/1$/,
        body: (b: unknown) => ({ ...USED, ...(b as object) }),
      },
    ]);
    renderWithProviders(<Open311KeysScreen />);
    fireEvent.click(await screen.findByTestId('open311-key-edit'));
    const name = (await screen.findByTestId('open311-key-name')) as HTMLInputElement;
    expect(name.value).toBe('随手拍小程序');
    expect(screen.getByTestId('open311-key-node').textContent).toContain('虎尾沟社区');
    fireEvent.change(name, { target: { value: '随手拍（新版）' } });
    fireEvent.click(screen.getByTestId('open311-key-save'));
    await waitFor(() =>
      expect(calls.writes()).toEqual([
        {
          method: 'PATCH',
          url: '/api/open311/keys/1',
          body: { name: '随手拍（新版）', nodeId: 4, mode: 'realtime' },
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId('open311-key-form')).toBeNull());
  });
});

describe('Open311 接入 — help', () => {
  it('gives the discovery and endpoint addresses on this server and a curl example for a report, with a copy button', async () => {
    renderWithProviders(<Open311Help origin="https://grid.example.cn" />);
    expect(screen.getByTestId('open311-discovery-url').textContent).toContain(
      'https://grid.example.cn/open311/v2/discovery.json',
    );
    expect(screen.getByText('https://grid.example.cn/open311/v2/')).toBeTruthy();
    const curl = screen.getByTestId('open311-curl').textContent ?? '';
    expect(curl).toBe(curlExample('https://grid.example.cn'));
    expect(curl).toContain('curl -s https://grid.example.cn/open311/v2/requests.json');
    expect(curl).toContain('api_key=');
    expect(curl).toContain('service_code=MS01');
    fireEvent.click(screen.getByTestId('open311-curl-copy'));
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith(curl));
    expect(await screen.findByText('已复制')).toBeTruthy();
  });
});
