import { afterEach, describe, expect, it, vi } from 'vitest';
import { scriptedFetch, setTestCookie } from '../../testing/render-with-providers';
import {
  ApiError,
  apiDelete,
  apiGet,
  apiPatch,
  apiPost,
  buildQuery,
  configureApi,
  fileNameFrom,
  resetApiConfig,
  setCsrfToken,
} from '../api';

afterEach(() => resetApiConfig());

describe('api client', () => {
  it('when a state-changing request is sent, then it carries the og_csrf cookie as x-csrf-token', async () => {
    setTestCookie('og_csrf', 'tok/en-123');
    const { fetchImpl, requests } = scriptedFetch([
      { status: 200, body: { ok: true } },
      { status: 204 },
      { status: 200, body: {} },
    ]);
    configureApi({ fetchImpl, getLocale: () => 'en' });

    await apiPost('/api/grid/nodes', { name: 'x' });
    await apiDelete('/api/grid/nodes/1/staff/2');
    await apiPatch('/api/auth/me', { locale: 'en' });

    for (const request of requests) {
      expect(request.headers.get('x-csrf-token')).toBe('tok/en-123');
      expect(request.headers.get('accept-language')).toBe('en');
    }
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(requests[0]?.body).toEqual({ name: 'x' });
    // DELETE without a body must not claim a JSON body (Fastify rejects empty JSON bodies).
    expect(requests[1]?.headers.get('content-type')).toBeNull();
  });

  it('when reading, then no CSRF header is sent and the language is zh-CN by default', async () => {
    setTestCookie('og_csrf', 'abc');
    const { fetchImpl, requests } = scriptedFetch([{ status: 200, body: { items: [] } }]);
    configureApi({ fetchImpl });
    const res = await apiGet<{ items: unknown[] }>('/api/grid/roots', {
      query: { q: '社区', empty: '', none: undefined },
    });
    expect(res.items).toEqual([]);
    expect(requests[0]?.url).toBe(`/api/grid/roots?q=${encodeURIComponent('社区')}`);
    expect(requests[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(requests[0]?.headers.get('accept-language')).toBe('zh-CN');
  });

  it('when the cookie is not readable, then the token from login is used', async () => {
    setCsrfToken('from-login');
    const { fetchImpl, requests } = scriptedFetch([{ status: 204 }]);
    configureApi({ fetchImpl });
    await apiPost('/api/auth/logout');
    expect(requests[0]?.headers.get('x-csrf-token')).toBe('from-login');
  });

  it('when the server answers 400 with field details, then an ApiError carries code, message and fields', async () => {
    const { fetchImpl } = scriptedFetch([
      {
        status: 400,
        body: {
          error: {
            code: 'GRID_CODE_INVALID',
            message: '网格编码不符合规则',
            details: [{ field: 'code', code: 'code.length', message: '全科网格编码应为 15 位数字' }],
          },
        },
      },
    ]);
    configureApi({ fetchImpl });
    const error = await apiPost('/api/grid/nodes', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('GRID_CODE_INVALID');
    expect(apiError.message).toBe('网格编码不符合规则');
    expect(apiError.details).toEqual([
      { field: 'code', code: 'code.length', message: '全科网格编码应为 15 位数字' },
    ]);
    expect(apiError.fieldMessage('code')).toBe('全科网格编码应为 15 位数字');
  });

  it('when the account is locked, then lockedUntil is available from the details object', async () => {
    const { fetchImpl } = scriptedFetch([
      {
        status: 423,
        body: {
          error: { code: 'AUTH_LOCKED', message: '已锁定', details: { lockedUntil: '2030-01-01T00:00:00Z' } },
        },
      },
    ]);
    configureApi({ fetchImpl });
    const error = (await apiPost('/api/auth/login', {}, { skipAuthRedirect: true }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.code).toBe('AUTH_LOCKED');
    expect(error.details).toEqual([]);
    expect(error.extra.lockedUntil).toBe('2030-01-01T00:00:00Z');
  });

  it('when a response is not JSON, then the error still has a stable code', async () => {
    const fetchImpl = (async () => new Response('<html>bad gateway</html>', { status: 502 })) as typeof fetch;
    configureApi({ fetchImpl });
    const error = (await apiGet('/api/grid/roots').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('HTTP_502');
  });

  it('when the network fails, then the error code is NETWORK_ERROR', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    configureApi({ fetchImpl });
    const error = (await apiGet('/api/grid/roots').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
  });

  it('when a session expires, then the 401 handler runs unless the caller handles 401 itself', async () => {
    const onUnauthorized = vi.fn();
    const expired = { status: 401, body: { error: { code: 'AUTH_SESSION_EXPIRED', message: '登录已过期' } } };
    const { fetchImpl } = scriptedFetch([expired, expired]);
    configureApi({ fetchImpl, onUnauthorized });
    await apiGet('/api/users').catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]?.[0]).toMatchObject({ code: 'AUTH_SESSION_EXPIRED' });
    await apiGet('/api/auth/me', { skipAuthRedirect: true }).catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('builds query strings without empty values and reads download file names', () => {
    expect(buildQuery({ a: 1, b: '', c: undefined, d: null, e: false })).toBe('?a=1&e=false');
    expect(buildQuery({})).toBe('');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.xlsx")).toBe('审计.xlsx');
    expect(fileNameFrom('attachment; filename="audit.xlsx"')).toBe('audit.xlsx');
    expect(fileNameFrom(null)).toBeNull();
  });
});
