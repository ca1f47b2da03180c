import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetApiConfig } from '../../../lib/api';
import { renderWithProviders } from '../../../testing/render-with-providers';
import type { MyAccount, PublicCase, PublicCategory } from '../api/types';
import { CategoryPicker } from '../components/category-picker';
import { PublicCaseView } from '../components/public-case-view';
import { RatingPanel } from '../components/rating-panel';
import { ReportForm } from '../components/report-form';
import { normaliseNumber, TrackForm } from '../components/track-form';
import { TrackingNumber } from '../components/tracking-number';

// Component tests of the residents' pages (H5): what a resident sees and what goes to the server.

afterEach(() => {
  resetApiConfig();
  vi.unstubAllGlobals();
});

const CATEGORIES: PublicCategory[] = [
  { id: 28, code: 'MS01', name: '房屋漏水', icon: 'leak' },
  { id: 31, code: 'MS04', name: '物业服务', icon: 'house' },
  { id: 40, code: 'QT', name: '其他', icon: 'other' },
];

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/** A fetch stand-in that answers by URL and records what was sent (JSON or FormData). */
function stubFetch(routes: Record<string, { status: number; body?: unknown }>) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const raw = init?.body;
    sent.push({
      url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof raw === 'string' ? JSON.parse(raw) : raw instanceof FormData ? raw : undefined,
    });
    const key = Object.keys(routes).find((k) => url.startsWith(k));
    const r = key ? routes[key] : { status: 404, body: { error: { code: 'NOT_FOUND', message: '' } } };
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return sent;
}

const baseCase: PublicCase = {
  id: null,
  number: 'SQ-2026-000123',
  title: '卫生间顶棚漏水',
  description: '卫生间顶棚漏水，已经三天了',
  categoryName: '房屋漏水',
  state: 'dispatched',
  place: '政府大院社区 1号楼1单元301',
  createdAt: '2026-11-02T01:00:00.000Z',
  units: [
    { name: '住建局', role: 'lead' },
    { name: '物业公司', role: 'assist' },
  ],
  rejectReason: null,
  result: null,
  masterNumber: null,
  photoCount: 2,
  rating: null,
  canRate: false,
  version: 3,
  timeline: [
    {
      id: 1,
      at: '2026-11-02T01:00:00.000Z',
      action: 'create',
      toState: 'collected',
      who: '反映人',
      note: null,
    },
    {
      id: 2,
      at: '2026-11-02T02:00:00.000Z',
      action: 'accept',
      toState: 'accepted',
      who: '政府大院社区 · 社区工作人员',
      note: null,
    },
    {
      id: 3,
      at: '2026-11-02T03:00:00.000Z',
      action: 'dispatch',
      toState: 'dispatched',
      who: '政府大院社区 · 社区工作人员',
      note: '住建局（主办）、物业公司（协办）',
    },
  ],
};

describe('CategoryPicker', () => {
  it('is one radio group of big buttons; a tap or the arrow keys pick a category', () => {
    const onChange = vi.fn();
    renderWithProviders(
      <CategoryPicker categories={CATEGORIES} value={28} onChange={onChange} label="反映什么问题" />,
    );
    const group = screen.getByRole('radiogroup', { name: '反映什么问题' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false']);
    fireEvent.click(screen.getByText('物业服务'));
    expect(onChange).toHaveBeenLastCalledWith(31);
    fireEvent.keyDown(radios[0], { key: 'ArrowLeft' });
    expect(onChange).toHaveBeenLastCalledWith(40);
  });
});

describe('ReportForm', () => {
  it('when sent without a category or phone, then it says so and nothing goes to the server', async () => {
    const sent = stubFetch({
      '/api/public/categories': { status: 200, body: { items: CATEGORIES } },
      '/api/public/communities': {
        status: 200,
        body: { items: [{ id: 4, name: '政府大院社区', parentName: '北大街街道' }] },
      },
    });
    renderWithProviders(<ReportForm account={null} onDone={vi.fn()} />);
    fireEvent.click(await screen.findByTestId('report-submit'));
    expect(await screen.findByText('请选择问题类别')).toBeTruthy();
    expect(screen.getByText('请填写手机号码')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('a signed-in resident sees their household instead of the place and contact fields, and the report goes to /api/me/cases as multipart with the CSRF header', async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: stands in for the server's Set-Cookie
    document.cookie = 'og_csrf=tok-1; path=/';
    const sent = stubFetch({
      '/api/public/categories': { status: 200, body: { items: CATEGORIES } },
      '/api/public/communities': { status: 200, body: { items: [] } },
      '/api/me/cases': { status: 201, body: { id: 9, number: 'SQ-2026-000009' } },
    });
    const account: MyAccount = {
      name: '汤娟',
      phoneMasked: '139****1234',
      communityId: 4,
      communityName: '政府大院社区',
      householdId: 1,
      buildingId: 1,
      nodeId: 5,
      roomLabel: '1-1-101',
      roomText: '1号楼1单元101',
    };
    const onDone = vi.fn();
    renderWithProviders(<ReportForm account={account} onDone={onDone} />);
    expect((await screen.findByTestId('report-household')).textContent).toContain('政府大院社区 · 1-1-101');
    expect(screen.queryByTestId('report-phone')).toBeNull();
    expect(screen.queryByTestId('report-community')).toBeNull();

    fireEvent.click(screen.getByTestId('category-MS01'));
    fireEvent.change(screen.getByTestId('report-description'), {
      target: { value: '卧室天花板渗水，墙皮脱落' },
    });
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'ceiling.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByTestId('photo-input'), { target: { files: [photo] } });
    fireEvent.click(screen.getByTestId('report-submit'));

    await waitFor(() => expect(onDone.mock.calls[0]?.[0]).toEqual({ id: 9, number: 'SQ-2026-000009' }));
    const post = sent.find((s) => s.method === 'POST');
    expect(post?.url).toBe('/api/me/cases');
    expect(post?.headers.get('x-csrf-token')).toBe('tok-1');
    const form = post?.body as FormData;
    expect(form.get('categoryId')).toBe('28');
    expect(form.get('description')).toBe('卧室天花板渗水，墙皮脱落');
    expect(form.get('phone')).toBeNull();
    expect((form.getAll('photos')[0] as File).name).toBe('ceiling.jpg');
  });

  it('when a photo is larger than 5 MB, then it is refused before any upload', async () => {
    stubFetch({
      '/api/public/categories': { status: 200, body: { items: CATEGORIES } },
      '/api/public/communities': { status: 200, body: { items: [] } },
    });
    renderWithProviders(<ReportForm account={null} onDone={vi.fn()} />);
    const big = new File([new Uint8Array(10)], 'huge.jpg', { type: 'image/jpeg' });
    Object.defineProperty(big, 'size', { value: 5 * 1024 * 1024 + 1 });
    fireEvent.change(await screen.findByTestId('photo-input'), { target: { files: [big] } });
    expect(await screen.findByText('“huge.jpg”超过 5 MB，请压缩后再上传')).toBeTruthy();
    expect(screen.getByTestId('photo-picker').querySelectorAll('.h5-photo')).toHaveLength(0);
  });
});

describe('tracking', () => {
  it('reads the number as people type it', () => {
    expect(normaliseNumber(' sq－2026—000123 ')).toBe('SQ-2026-000123');
  });

  it('sends the number and the last 4 digits in the body; a 404 says to check both, without telling which was wrong', async () => {
    const sent = stubFetch({
      '/api/public/cases/track': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: '没有找到这条记录' } },
      },
    });
    renderWithProviders(<TrackForm onFound={vi.fn()} />);
    fireEvent.change(screen.getByTestId('track-number'), { target: { value: 'sq-2026-000123' } });
    fireEvent.change(screen.getByTestId('track-last4'), { target: { value: '5678' } });
    fireEvent.click(screen.getByTestId('track-submit'));
    expect((await screen.findByTestId('track-error')).textContent).toContain('请核对受理编号和手机号后 4 位');
    expect(sent[0]).toMatchObject({
      url: '/api/public/cases/track',
      method: 'POST',
      body: { number: 'SQ-2026-000123', phoneLast4: '5678' },
    });
  });

  it('the tracking number is shown big with a copy button that puts it on the clipboard', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithProviders(<TrackingNumber number="SQ-2026-000123" />);
    expect(screen.getByTestId('tracking-number').textContent).toBe('SQ-2026-000123');
    fireEvent.click(screen.getByTestId('copy-number'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('SQ-2026-000123'));
    expect(await screen.findByText('已复制')).toBeTruthy();
  });
});

describe('PublicCaseView', () => {
  it('shows the status, the steps so far, the units and the public timeline newest first with unit or role and time', () => {
    renderWithProviders(<PublicCaseView c={baseCase} />);
    expect(screen.getByTestId('case-state').textContent).toBe('已分办');
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('办理中');
    expect(screen.getByTestId('case-units').textContent).toBe('住建局（主办）、物业公司（协办）');
    const items = within(screen.getByTestId('public-timeline')).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.h5-tl-action')?.textContent)).toEqual([
      '交办承办单位',
      '已受理',
      '提交反映',
    ]);
    expect(items[0].textContent).toContain('政府大院社区 · 社区工作人员');
    expect(items[0].textContent).toContain('住建局（主办）、物业公司（协办）');
    expect(screen.getByText('2 张照片')).toBeTruthy();
  });

  it('a rejected case shows the reason the resident is owed', () => {
    renderWithProviders(
      <PublicCaseView
        c={{ ...baseCase, state: 'rejected', rejectReason: '不属于社区受理范围，请拨打12345' }}
      />,
    );
    expect(screen.getByText('不属于社区受理范围，请拨打12345')).toBeTruthy();
  });
});

describe('RatingPanel', () => {
  it('asks for a rating, then whether it was solved, then the full phone; sends them together', () => {
    const onSubmit = vi.fn();
    renderWithProviders(<RatingPanel needsPhone pending={false} error={null} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('rate-submit'));
    expect(screen.getByTestId('rate-error').textContent).toContain('请选择满意程度');
    fireEvent.click(screen.getByTestId('rate-basically_satisfied'));
    expect(screen.getByTestId('rate-basically_satisfied').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('rate-submit'));
    expect(screen.getByTestId('rate-error').textContent).toContain('请选择问题是否解决');
    fireEvent.click(screen.getByTestId('resolved-no'));
    fireEvent.change(screen.getByTestId('rate-phone'), { target: { value: '5678' } });
    fireEvent.click(screen.getByTestId('rate-submit'));
    expect(screen.getByTestId('rate-error').textContent).toContain('11 位手机号码');
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('rate-phone'), { target: { value: '138 1234 5678' } });
    fireEvent.change(screen.getByTestId('rate-comment'), { target: { value: ' 还在漏 ' } });
    fireEvent.click(screen.getByTestId('rate-submit'));
    expect(onSubmit).toHaveBeenCalledWith(
      { rating: 'basically_satisfied', resolved: false, comment: '还在漏' },
      '138 1234 5678',
    );
  });

  it('a signed-in reporter is not asked for the phone', () => {
    const onSubmit = vi.fn();
    renderWithProviders(<RatingPanel needsPhone={false} pending={false} error={null} onSubmit={onSubmit} />);
    expect(screen.queryByTestId('rate-phone')).toBeNull();
    fireEvent.click(screen.getByTestId('rate-satisfied'));
    fireEvent.click(screen.getByTestId('resolved-yes'));
    fireEvent.click(screen.getByTestId('rate-submit'));
    expect(onSubmit).toHaveBeenCalledWith({ rating: 'satisfied', resolved: true, comment: undefined }, null);
  });
});
