import type { CaseDetail, CaseMeta, CaseSummary } from '../api/types';

/** A routed fetch stand-in: answers by method + path, records every request (body parsed). */
export function routedFetch(
  routes: Array<{
    method?: string;
    path: RegExp;
    status?: number;
    body: unknown | ((url: string) => unknown);
  }>,
) {
  const requests: Array<{ method: string; url: string; body: unknown }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    requests.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    const route = routes.find((r) => (r.method ?? 'GET') === method && r.path.test(url.split('?')[0] ?? ''));
    if (!route)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no route' } }), {
        status: 404,
      });
    const body = typeof route.body === 'function' ? (route.body as (u: string) => unknown)(url) : route.body;
    return new Response(JSON.stringify(body), {
      status: route.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetchImpl: fetchImpl as typeof fetch, requests };
}

export const META: CaseMeta = {
  categories: [
    {
      id: 1,
      code: 'MS',
      parentId: null,
      name: { zh: '民生工程', en: 'Livelihood works' },
      defaultUnitCode: null,
    },
    {
      id: 2,
      code: 'MS01',
      parentId: 1,
      name: { zh: '房屋漏水', en: 'Leaking flat' },
      defaultUnitCode: 'ZJJ',
    },
  ],
  units: [
    { id: 11, code: 'ZJJ', name: { zh: '住建局', en: 'Housing bureau' } },
    { id: 12, code: 'WYGS', name: { zh: '物业公司', en: 'Property company' } },
  ],
};

export function summary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 7,
    number: 'SQ-2026-000007',
    title: '3-2-501 卫生间漏水',
    categoryId: 2,
    categoryCode: 'MS01',
    categoryName: '房屋漏水',
    source: 'resident',
    urgency: 'normal',
    state: 'accepted',
    nodeId: 5,
    nodeName: '虎尾沟第一网格',
    address: null,
    roomLabel: '3-2-501',
    reporterName: '王*英',
    createdAt: '2026-03-02T01:00:00.000Z',
    responseDueAt: '2026-03-02T09:00:00.000Z',
    handlingDueAt: '2026-03-09T10:00:00.000Z',
    warning: 'ok',
    supervised: false,
    reopenCount: 0,
    leadUnitName: null,
    version: 3,
    ...overrides,
  };
}

export function detail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...summary(),
    description: '楼上漏水，卫生间天花板滴水一周。',
    householdId: 70,
    buildingId: 3,
    lat: null,
    lng: null,
    reporter: { kind: 'resident', name: '王*英', phoneMasked: '138****1234' },
    rejectReason: null,
    result: null,
    masterId: null,
    masterNumber: null,
    externalId: null,
    headReview: false,
    closedBy: null,
    acceptedAt: '2026-03-02T02:00:00.000Z',
    contactedAt: null,
    dispatchedAt: null,
    handledAt: null,
    feedbackAt: null,
    closedAt: null,
    assignments: [],
    meetings: [],
    extension: null,
    rating: null,
    files: [],
    timeline: [
      {
        id: 1,
        at: '2026-03-02T01:00:00.000Z',
        action: 'create',
        fromState: null,
        toState: 'collected',
        actorName: '王秀英',
        actorRole: 'resident',
        note: null,
        visibility: 'public',
        fileIds: [],
        data: null,
      },
      {
        id: 2,
        at: '2026-03-02T02:00:00.000Z',
        action: 'accept',
        fromState: 'collected',
        toState: 'accepted',
        actorName: '李网格',
        actorRole: 'grid_worker',
        note: '已电话联系',
        visibility: 'public',
        fileIds: [],
        data: null,
      },
      {
        id: 3,
        at: '2026-03-02T03:00:00.000Z',
        action: 'comment',
        fromState: 'accepted',
        toState: 'accepted',
        actorName: '张社区',
        actorRole: 'community_staff',
        note: '楼上住户联系不上',
        visibility: 'internal',
        fileIds: [],
        data: null,
      },
    ],
    duplicates: [],
    allowedActions: ['dispatch', 'start', 'meeting', 'escalate', 'merge', 'comment', 'supervise'],
    ...overrides,
  };
}
