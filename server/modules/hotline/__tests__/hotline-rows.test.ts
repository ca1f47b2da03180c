import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchHotlineHeader } from '../hotline-columns.js';
import {
  CategoryMatcher,
  type CategoryRef,
  chineseNumber,
  parseBeijingTime,
  parseCallerPhone,
  parseHotlineLimit,
  parseHotlineRow,
  titleOf,
} from '../hotline-rows.js';

const CATS: CategoryRef[] = [
  { id: 1, code: 'MS', parentId: null, nameZh: '民生工程', nameEn: 'Livelihood works', leaf: false },
  { id: 2, code: 'MS01', parentId: 1, nameZh: '房屋漏水', nameEn: 'Leaking flat', leaf: true },
  { id: 3, code: 'ZZ', parentId: null, nameZh: '综治', nameEn: 'Public order', leaf: false },
  { id: 4, code: 'ZZ15', parentId: 3, nameZh: '其他', nameEn: 'Other disputes', leaf: true },
  { id: 5, code: 'QT', parentId: null, nameZh: '其他', nameEn: 'Other', leaf: true },
];
const iso = (s: string) => new Date(s).toISOString();

describe('hotline rows (pure)', () => {
  it('when a time is written in the ways hotline systems write it, then it is read as Beijing time', () => {
    const want = iso('2026-03-05T01:12:00Z'); // 09:12 in Beijing
    for (const t of [
      '2026-03-05 09:12',
      '2026/3/5 9:12',
      '2026-03-05T09:12:00',
      '2026年3月5日 9时12分',
      '2026年3月5日9:12',
      '2026.03.05 09:12:00',
      '202603050912',
      '２０２６-０３-０５ ０９:１２',
    ])
      expect(parseBeijingTime(t)?.at.toISOString(), t).toBe(want);
    // an Excel day serial: 2026-03-05 is serial 46086, 09:12 is 0.3833…
    expect(parseBeijingTime(46086 + (9 * 60 + 12) / 1440)?.at.toISOString()).toBe(want);
    expect(parseBeijingTime(new Date(Date.UTC(2026, 2, 5, 9, 12)))?.at.toISOString()).toBe(want);
    expect(parseBeijingTime('2026-03-05')).toEqual({
      at: new Date(iso('2026-03-04T16:00:00Z')),
      dateOnly: true,
    });
    for (const bad of ['2026-02-30 10:00', '2026-03-05 25:00', 'yesterday', '3月5日', '12', ''])
      expect(parseBeijingTime(bad), bad).toBeNull();
    expect(parseBeijingTime(new Date(-8.64e15)), 'the first time a Date can hold').toBeNull();
  });

  it('when a deadline cell holds a date outside any work order’s life (even the last one a Date can hold), then it is a clear problem, not a crash', () => {
    // found by the property below (fast-check seed 483768914)
    for (const far of [
      new Date('-271821-04-20T07:59:59.999Z'),
      new Date('1900-01-01T00:00:00Z'),
      '2199-01-01',
    ])
      expect(parseHotlineLimit(far, null), String(far)).toMatchObject({
        ok: false,
        code: 'HOTLINE_LIMIT_INVALID',
      });
  });

  it('when a deadline is a date, a count of working days, days or hours, then each is understood', () => {
    const call = new Date(iso('2026-03-05T01:12:00Z'));
    expect(parseHotlineLimit('5个工作日', call)).toEqual({
      ok: true,
      value: { kind: 'limit', amount: 5, unit: 'work_days' },
    });
    expect(parseHotlineLimit('三个工作日', call)).toMatchObject({ value: { amount: 3, unit: 'work_days' } });
    expect(parseHotlineLimit('7天', call)).toMatchObject({ value: { amount: 7, unit: 'natural_days' } });
    expect(parseHotlineLimit('15日', call)).toMatchObject({ value: { amount: 15, unit: 'natural_days' } });
    expect(parseHotlineLimit('24小时', call)).toMatchObject({ value: { amount: 24, unit: 'urgent_hours' } });
    expect(parseHotlineLimit('二十四小时', call)).toMatchObject({ value: { amount: 24 } });
    expect(parseHotlineLimit('8个工作时', call)).toMatchObject({ value: { amount: 8, unit: 'work_hours' } });
    // a bare date means the end of that day in Beijing
    expect(parseHotlineLimit('2026-03-12', call)).toEqual({
      ok: true,
      value: { kind: 'at', at: iso('2026-03-12T15:59:59Z') },
    });
    expect(parseHotlineLimit('2026-03-12 17:30', call)).toMatchObject({
      value: { kind: 'at', at: iso('2026-03-12T09:30:00Z') },
    });
    expect(parseHotlineLimit('', call)).toEqual({ ok: true, value: null });
    expect(parseHotlineLimit('5', call)).toMatchObject({ ok: false, code: 'HOTLINE_LIMIT_INVALID' });
    expect((parseHotlineLimit('5', call) as { message: { zh: string } }).message.zh).toContain('5个工作日');
    expect(parseHotlineLimit('尽快', call)).toMatchObject({ ok: false, code: 'HOTLINE_LIMIT_INVALID' });
    expect(parseHotlineLimit('0天', call)).toMatchObject({ ok: false });
    expect(parseHotlineLimit('2026-03-01', call)).toMatchObject({
      ok: false,
      code: 'HOTLINE_LIMIT_BEFORE_CALL',
    });
    expect(chineseNumber('三百六十五')).toBe(365);
    expect(chineseNumber('十五')).toBe(15);
  });

  it('when a phone is a mobile, a fixed line, masked or nonsense, then it is accepted or named as such', () => {
    expect(parseCallerPhone('138 1234 1234')).toEqual({ ok: true, value: '13812341234' });
    expect(parseCallerPhone('0353-1234567')).toEqual({ ok: true, value: '03531234567' });
    expect(parseCallerPhone('(010) 6400 1234')).toEqual({ ok: true, value: '01064001234' });
    expect(parseCallerPhone('64001234')).toEqual({ ok: true, value: '64001234' });
    expect(parseCallerPhone('')).toEqual({ ok: true, value: null });
    expect(parseCallerPhone('138****1234')).toMatchObject({ ok: false, code: 'HOTLINE_PHONE_MASKED' });
    for (const bad of ['1381234', '12345678901', 'abc', '0000'])
      expect(parseCallerPhone(bad), bad).toMatchObject({ ok: false, code: 'HOTLINE_PHONE_INVALID' });
  });

  it('when a category is a code, a name or a path, then the most specific known part decides', () => {
    const m = new CategoryMatcher(CATS);
    expect(m.match('MS01')).toEqual({ ok: true, id: 2 });
    expect(m.match('ms01')).toEqual({ ok: true, id: 2 });
    expect(m.match('房屋漏水')).toEqual({ ok: true, id: 2 });
    expect(m.match('民生工程-房屋漏水')).toEqual({ ok: true, id: 2 });
    expect(m.match('城乡建设/房屋管理/房屋漏水')).toEqual({ ok: true, id: 2 });
    const parent = m.match('民生工程-屋顶渗水');
    expect(parent).toMatchObject({ ok: false, code: 'HOTLINE_CATEGORY_NOT_LEAF' });
    expect((parent as { message: { zh: string } }).message.zh).toContain('MS01 房屋漏水');
    expect(m.match('综治-其他')).toEqual({ ok: true, id: 4 });
    expect(m.match('其他')).toMatchObject({ ok: false, code: 'HOTLINE_CATEGORY_AMBIGUOUS' });
    const unknown = m.match('城市管理-共享单车');
    expect(unknown).toMatchObject({ ok: false, code: 'HOTLINE_CATEGORY_UNKNOWN' });
    expect((unknown as { message: { zh: string } }).message.zh).toContain('城市管理-共享单车');
  });

  it('when the header uses the hotline export names, then every column is found; English headers are named', () => {
    const h = matchHotlineHeader([
      '工单编号',
      '受理时间',
      '来电人',
      '联系电话',
      '来电内容',
      '事发地址',
      '诉求分类',
      '办结时限',
      '紧急程度',
      '所属网格编码',
    ]);
    expect(h.ok).toBe(true);
    if (h.ok) expect([...h.index.keys()]).toHaveLength(10);
    expect(matchHotlineHeader(['工单号', '来电时间'])).toMatchObject({ ok: false, reason: 'missing' });
    expect(
      matchHotlineHeader([
        'Work order no.',
        'Call time',
        'Caller',
        'Phone',
        'Request',
        'Address',
        'Category',
      ]),
    ).toMatchObject({ ok: false, reason: 'language' });
  });

  it('when a row has several problems, then each is listed with its column', () => {
    const h = matchHotlineHeader([
      '工单号',
      '来电时间',
      '诉求人',
      '电话',
      '诉求内容',
      '地址',
      '分类',
      '办理时限',
    ]);
    if (!h.ok) throw new Error('header');
    const ctx = {
      now: new Date(iso('2026-03-10T00:00:00Z')),
      categories: new CategoryMatcher(CATS),
      seen: new Map(),
    };
    const ok = parseHotlineRow(
      h.index,
      [
        'A1',
        '2026-03-05 09:12',
        '王女士',
        '13812341234',
        '屋顶漏水。请尽快处理',
        '3号楼',
        'MS01',
        '5个工作日',
      ],
      2,
      ctx,
    );
    expect(ok.problems).toEqual([]);
    expect(ok.row).toMatchObject({ externalId: 'A1', title: '屋顶漏水', categoryId: 2, urgency: 'normal' });
    const bad = parseHotlineRow(
      h.index,
      ['A1', '2027-01-01 10:00', '', '123', '', '', '不存在', '五'],
      3,
      ctx,
    );
    expect(bad.row).toBeNull();
    expect(bad.problems.map((p) => [p.column, p.code])).toEqual([
      ['工单号', 'HOTLINE_DUPLICATE_IN_FILE'],
      ['来电时间', 'HOTLINE_TIME_FUTURE'],
      ['电话', 'HOTLINE_PHONE_INVALID'],
      ['诉求内容', 'HOTLINE_REQUIRED'],
      ['分类', 'HOTLINE_CATEGORY_UNKNOWN'],
      ['办理时限', 'HOTLINE_LIMIT_INVALID'],
    ]);
    expect(bad.problems[0].message.zh).toContain('第 2 行');
  });

  it('when a title is made from a long request, then it is its first sentence cut to 40 characters', () => {
    expect(titleOf('楼道灯坏了！已经一周')).toBe('楼道灯坏了');
    expect(Array.from(titleOf('很'.repeat(100)))).toHaveLength(41);
  });

  it('when any cells arrive, then parsing never throws', () => {
    const h = matchHotlineHeader([
      '工单号',
      '来电时间',
      '诉求人',
      '电话',
      '诉求内容',
      '地址',
      '分类',
      '办理时限',
    ]);
    if (!h.ok) throw new Error('header');
    const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null), fc.date(), fc.boolean());
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 10 }), (cells) => {
        const ctx = { now: new Date(), categories: new CategoryMatcher(CATS), seen: new Map() };
        const r = parseHotlineRow(h.index, cells, 2, ctx);
        expect(r.row === null || r.problems.length === 0).toBe(true);
      }),
    );
  });
});
