import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactElement } from 'react';
import { I18nProvider, type UiLocale } from '../lib/i18n';

/** Renders UI with the same providers as the app (query client, i18n, antd), without a router. */
export function renderWithProviders(ui: ReactElement, { locale = 'zh-CN' }: { locale?: UiLocale } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initialLocale={locale}>
        <ConfigProvider locale={zhCN} theme={{ token: { motion: false } }}>
          <AntdApp>{ui}</AntdApp>
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/** A fetch stand-in answering from a list of canned responses, recording every request. */
export function scriptedFetch(responses: Array<{ status: number; body?: unknown }>) {
  const requests: RecordedRequest[] = [];
  let index = 0;
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const next = responses[Math.min(index, responses.length - 1)];
    index += 1;
    if (!next) throw new Error('no scripted response');
    const text = next.body === undefined ? null : JSON.stringify(next.body);
    return new Response(next.status === 204 ? null : text, {
      status: next.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetchImpl: fetchImpl as typeof fetch, requests };
}

/** Sets a cookie the way the server's Set-Cookie would leave it for page scripts. */
export function setTestCookie(name: string, value: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: tests stand in for the server's Set-Cookie header.
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/`;
}
