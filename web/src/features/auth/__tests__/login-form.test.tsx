import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders, scriptedFetch } from '../../../testing/render-with-providers';
import type { Me } from '../api/types';
import { LoginForm } from '../components/login-form';

const me: Me = {
  user: {
    id: 1,
    username: 'wangli',
    displayName: '王丽',
    locale: 'zh-CN',
    totpEnabled: true,
    mustSetupTotp: false,
    mustChangePassword: false,
  },
  csrfToken: 'csrf-1',
  assignments: [],
  permissions: ['grid.read'],
  globalPermissions: [],
  homeNodeId: null,
};

afterEach(() => resetApiConfig());

function typeInto(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('LoginForm', () => {
  it('when the server asks for TOTP, then a 6-digit step appears and the code is resent with the credentials', async () => {
    const { fetchImpl, requests } = scriptedFetch([
      {
        status: 401,
        body: { error: { code: 'AUTH_TOTP_REQUIRED', message: '请输入手机验证器上的动态验证码' } },
      },
      { status: 200, body: me },
    ]);
    const onUnauthorized = vi.fn();
    configureApi({ fetchImpl, onUnauthorized });
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    typeInto('login-username', ' wangli ');
    typeInto('login-password', 'Secret-pass-1');
    fireEvent.click(screen.getByTestId('login-submit'));

    const totp = await screen.findByTestId('login-totp');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ username: 'wangli', password: 'Secret-pass-1' });
    expect(screen.queryByTestId('login-password')).toBeNull();

    // A wrong format is caught before any request.
    fireEvent.change(totp, { target: { value: '12a' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('验证码为 6 位数字')).toBeTruthy();
    expect(requests).toHaveLength(1);

    fireEvent.change(totp, { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(requests[1]?.body).toEqual({ username: 'wangli', password: 'Secret-pass-1', totp: '123456' });
    expect(requests[1]?.url).toBe('/api/auth/login');
    // Login failures are the form's business: no redirect to /login from inside /login.
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('when the TOTP code is wrong, then the message sits under the code field', async () => {
    const { fetchImpl, requests } = scriptedFetch([
      { status: 401, body: { error: { code: 'AUTH_TOTP_REQUIRED', message: '' } } },
      { status: 401, body: { error: { code: 'AUTH_TOTP_INVALID', message: '动态验证码不正确或已过期' } } },
    ]);
    configureApi({ fetchImpl });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    typeInto('login-username', 'wangli');
    typeInto('login-password', 'Secret-pass-1');
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('login-totp');
    typeInto('login-totp', '654321');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(await screen.findByText('动态验证码不正确或已过期')).toBeTruthy();
  });

  it('when the account is locked, then the message says until when', async () => {
    const until = new Date(Date.now() + 14 * 60_000).toISOString();
    const { fetchImpl } = scriptedFetch([
      {
        status: 423,
        body: { error: { code: 'AUTH_LOCKED', message: '账号已锁定', details: { lockedUntil: until } } },
      },
    ]);
    configureApi({ fetchImpl });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    typeInto('login-username', 'wangli');
    typeInto('login-password', 'wrong');
    fireEvent.click(screen.getByTestId('login-submit'));
    const alert = await screen.findByTestId('login-locked');
    expect(alert.textContent).toContain('账号已临时锁定');
    expect(alert.textContent).toMatch(/约 1[45] 分钟后/);
  });

  it('when the password is wrong, then the server message is shown and the form stays', async () => {
    const { fetchImpl } = scriptedFetch([
      { status: 401, body: { error: { code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码不正确' } } },
    ]);
    configureApi({ fetchImpl });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    typeInto('login-username', 'wangli');
    typeInto('login-password', 'wrong');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toContain('用户名或密码不正确');
    expect(screen.getByTestId('login-password')).toBeTruthy();
  });

  it('when fields are empty, then nothing is sent', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 200, body: me }]);
    configureApi({ fetchImpl });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });
});
