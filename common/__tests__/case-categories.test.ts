import { describe, expect, it } from 'vitest';
import {
  CATEGORY_SEED,
  DISPUTE_CATEGORY_CODES,
  findCategorySeed,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_SEED,
} from '../case-categories';
import { addLimit, CALENDAR_SEED, WorkCalendar } from '../case-deadlines';
import { TIME_UNITS, URGENCIES } from '../cases';
import * as common from '../index';

const byCode = new Map(CATEGORY_SEED.map((c) => [c.code, c]));
const childrenOf = (code: string | null) => CATEGORY_SEED.filter((c) => c.parentCode === code);

describe('the category seed', () => {
  it('when codes are listed, then each is unique and well-formed', () => {
    expect(byCode.size).toBe(CATEGORY_SEED.length);
    for (const c of CATEGORY_SEED) expect(c.code).toMatch(c.parentCode ? /^[A-Z]{2}\d{2}$/ : /^[A-Z]{2}$/);
  });

  it('when parents are looked up, then every parent exists and children carry its prefix', () => {
    for (const c of CATEGORY_SEED) {
      if (c.parentCode === null) continue;
      expect(byCode.has(c.parentCode), c.code).toBe(true);
      expect(byCode.get(c.parentCode)?.parentCode, c.code).toBeNull();
      expect(c.code.startsWith(c.parentCode), c.code).toBe(true);
    }
  });

  it('when the tree is read, then the top level is 党建, 综治, 民政, 信访, 城管, 民生工程, 其他 in that order', () => {
    const roots = childrenOf(null);
    expect(roots.map((c) => [c.code, c.name.zh, c.sort])).toEqual([
      ['DJ', '党建', 1],
      ['ZZ', '综治', 2],
      ['MZ', '民政', 3],
      ['XF', '信访', 4],
      ['CG', '城管', 5],
      ['MS', '民生工程', 6],
      ['QT', '其他', 7],
    ]);
  });

  it('when 综治 is opened, then the 15 dispute types of DOMAIN §2.3 are ZZ01..ZZ15 in order', () => {
    const zz = childrenOf('ZZ');
    expect(zz.map((c) => c.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => `ZZ${String(i + 1).padStart(2, '0')}`),
    );
    expect(zz.map((c) => c.name.zh)).toEqual([
      '婚姻家庭',
      '邻里',
      '房屋宅基地',
      '合同',
      '生产经营',
      '损害赔偿',
      '山林土地',
      '征地拆迁',
      '环境污染',
      '劳动争议',
      '消费',
      '医疗',
      '道路交通事故',
      '物业',
      '其他',
    ]);
    expect(zz.map((c) => c.sort)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect([...DISPUTE_CATEGORY_CODES]).toEqual(zz.map((c) => c.code));
  });

  it('when 城管 and 民生工程 are opened, then the DOMAIN §1.3 event classes and the seed story leak are there', () => {
    expect(childrenOf('CG').map((c) => [c.code, c.name.zh])).toEqual([
      ['CG01', '市容环境'],
      ['CG02', '宣传广告'],
      ['CG03', '施工管理'],
      ['CG04', '突发事件'],
      ['CG05', '街面秩序'],
      ['CG06', '扩展事件'],
    ]);
    expect(childrenOf('MS').map((c) => [c.code, c.name.zh, c.defaultUnitCode])).toEqual([
      ['MS01', '房屋漏水', 'ZJJ'],
      ['MS02', '供暖', 'GRGS'],
      ['MS03', '供水', 'GSGS'],
      ['MS04', '物业服务', 'WYGS'],
    ]);
    expect(findCategorySeed('MS01')?.name.en).toBe('Leaking flat');
    expect(findCategorySeed('NOPE')).toBeUndefined();
  });

  it('when names are read, then each has Chinese and English', () => {
    for (const c of CATEGORY_SEED) {
      expect(c.name.zh, c.code).toMatch(/\p{Script=Han}/u);
      expect(c.name.en.length, c.code).toBeGreaterThan(0);
    }
  });

  it('when default units are read, then each exists in UNIT_SEED', () => {
    const units = new Set(UNIT_SEED.map((u) => u.code));
    for (const c of CATEGORY_SEED) {
      if (c.defaultUnitCode !== null) expect(units.has(c.defaultUnitCode), c.code).toBe(true);
    }
  });

  it('when limits are read, then every urgency has a positive whole amount of a known unit', () => {
    for (const c of CATEGORY_SEED) {
      for (const limits of [c.responseLimits, c.handlingLimits]) {
        expect(Object.keys(limits).sort(), c.code).toEqual([...URGENCIES].sort());
        for (const u of URGENCIES) {
          expect(Number.isInteger(limits[u].amount) && limits[u].amount > 0, `${c.code} ${u}`).toBe(true);
          expect(TIME_UNITS, `${c.code} ${u}`).toContain(limits[u].unit);
        }
      }
    }
  });

  it('when deadlines are computed from any start, then more urgent is never later and response never after handling', () => {
    const cal = new WorkCalendar(CALENDAR_SEED);
    // a Monday morning, a Friday evening, the eve of the 2026 春节 block and a Saturday night
    const starts = [
      '2026-03-02T00:00:00Z',
      '2026-03-06T10:00:00Z',
      '2026-02-13T09:00:00Z',
      '2026-03-07T14:00:00Z',
    ];
    for (const iso of starts) {
      const start = new Date(iso);
      for (const c of CATEGORY_SEED) {
        const due = (l: (typeof c)['handlingLimits'], u: (typeof URGENCIES)[number]) =>
          addLimit(start, l[u], cal).getTime();
        for (const limits of [c.responseLimits, c.handlingLimits]) {
          expect(due(limits, 'emergency'), `${c.code} ${iso}`).toBeLessThanOrEqual(due(limits, 'urgent'));
          expect(due(limits, 'urgent'), `${c.code} ${iso}`).toBeLessThanOrEqual(due(limits, 'normal'));
        }
        for (const u of URGENCIES) {
          expect(due(c.responseLimits, u), `${c.code} ${u} ${iso}`).toBeLessThanOrEqual(
            due(c.handlingLimits, u),
          );
        }
      }
    }
  });

  it('when the documented statutory limits are looked for, then 信访 is 60 natural days and disputes one month', () => {
    expect(findCategorySeed('XF')?.handlingLimits.normal).toEqual({ amount: 60, unit: 'natural_days' });
    expect(findCategorySeed('ZZ01')?.handlingLimits.normal).toEqual({ amount: 30, unit: 'natural_days' });
    expect(findCategorySeed('CG04')?.handlingLimits.emergency.unit).toBe('urgent_hours');
    expect(findCategorySeed('CG04')?.handlingLimits.normal.unit).toBe('urgent_hours');
    expect(findCategorySeed('QT')?.responseLimits).toEqual({
      normal: { amount: 1, unit: 'work_days' },
      urgent: { amount: 4, unit: 'work_hours' },
      emergency: { amount: 2, unit: 'urgent_hours' },
    });
  });
});

describe('the unit seed', () => {
  it('when units are listed, then they are the eleven of the issue with unique codes and known kinds', () => {
    expect(UNIT_SEED.map((u) => [u.code, u.name.zh])).toEqual([
      ['ZJJ', '住建局'],
      ['WYGS', '物业公司'],
      ['CGZF', '城管执法'],
      ['PCS', '派出所'],
      ['SFS', '司法所'],
      ['GRGS', '供热公司'],
      ['GSGS', '供水公司'],
      ['MZJ', '民政局'],
      ['XFJ', '信访局'],
      ['GDGS', '供电公司'],
      ['SQJWH', '社区居委会'],
    ]);
    for (const u of UNIT_SEED) {
      expect(UNIT_KINDS, u.code).toContain(u.kind);
      expect(u.name.en.length, u.code).toBeGreaterThan(0);
    }
    expect(Object.keys(UNIT_KIND_LABELS).sort()).toEqual([...UNIT_KINDS].sort());
  });

  it('when the package index is imported, then the seeds are re-exported', () => {
    expect(common.CATEGORY_SEED).toBe(CATEGORY_SEED);
    expect(common.UNIT_SEED).toBe(UNIT_SEED);
  });
});
