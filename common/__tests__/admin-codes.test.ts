import { describe, expect, it } from 'vitest';
import {
  childLevel,
  expectedCodeLength,
  GRID_LEVEL_LABELS,
  GRID_LEVELS,
  type GridLevel,
  parentLevel,
  validateNodeCode,
} from '../admin-codes';

describe('grid levels', () => {
  it('when walking down from city, then each level has the next as its child and microgrid has none', () => {
    expect(childLevel('city')).toBe('district');
    expect(childLevel('district')).toBe('street');
    expect(childLevel('street')).toBe('community');
    expect(childLevel('community')).toBe('grid');
    expect(childLevel('grid')).toBe('microgrid');
    expect(childLevel('microgrid')).toBeNull();
    expect(parentLevel('city')).toBeNull();
    expect(parentLevel('microgrid')).toBe('grid');
  });

  it('when asked for code lengths, then they follow 6/6/9/12/15/18', () => {
    expect(GRID_LEVELS.map(expectedCodeLength)).toEqual([6, 6, 9, 12, 15, 18]);
  });

  it('when labels are read, then every level has the agreed Chinese name', () => {
    expect(GRID_LEVELS.map((l) => GRID_LEVEL_LABELS[l].zh)).toEqual([
      '市',
      '区/县',
      '街道/乡镇',
      '社区/村',
      '全科网格',
      '微网格',
    ]);
    for (const level of GRID_LEVELS) expect(GRID_LEVEL_LABELS[level].en.length).toBeGreaterThan(0);
  });
});

type Row = [GridLevel, string, string | null, string | null];

const TABLE: Row[] = [
  // city
  ['city', '110100', null, null],
  ['city', '330100', null, null],
  ['city', '429000', null, null],
  ['city', '810100', null, null],
  ['city', '657000', null, null],
  ['city', '11010', null, 'code.length'],
  ['city', '1101000', null, 'code.length'],
  ['city', '11a100', null, 'code.digits'],
  ['city', ' 110100', null, 'code.digits'],
  ['city', '100100', null, 'code.province'],
  ['city', '160100', null, 'code.province'],
  ['city', '720100', null, 'code.province'],
  ['city', '110000', null, 'code.prefecture'],
  ['city', '117100', null, 'code.prefecture'],
  ['city', '118900', null, 'code.prefecture'],
  ['city', '110105', null, 'code.city_suffix'],
  ['city', '110100', '110000', 'parent.unexpected'],
  // district
  ['district', '110105', '110100', null],
  ['district', '110199', '110100', null],
  ['district', '110201', '110100', 'code.parent_prefix'],
  ['district', '120105', '110100', 'code.parent_prefix'],
  ['district', '110100', '110100', 'code.sequence'],
  ['district', '110105', null, 'parent.required'],
  ['district', '110105', '11010', 'parent.code_invalid'],
  ['district', '1101051', '110100', 'code.length'],
  // street
  ['street', '110105001', '110105', null],
  ['street', '110105599', '110105', null],
  ['street', '110105000', '110105', 'code.sequence'],
  ['street', '110105600', '110105', 'code.sequence'],
  ['street', '110106001', '110105', 'code.parent_prefix'],
  ['street', '110105001', null, 'parent.required'],
  ['street', '110105001', '110105001', 'parent.code_invalid'],
  ['street', '11010500', '110105', 'code.length'],
  // community
  ['community', '110105001001', '110105001', null],
  ['community', '110105001599', '110105001', null],
  ['community', '110105001000', '110105001', 'code.sequence'],
  ['community', '110105001600', '110105001', 'code.sequence'],
  ['community', '110105002001', '110105001', 'code.parent_prefix'],
  ['community', '110105001001', null, 'parent.required'],
  // grid
  ['grid', '110105001001001', '110105001001', null],
  ['grid', '110105001001999', '110105001001', null],
  ['grid', '110105001001000', '110105001001', 'code.sequence'],
  ['grid', '110105001002001', '110105001001', 'code.parent_prefix'],
  ['grid', '11010500100100', '110105001001', 'code.length'],
  ['grid', '110105001001001', null, 'parent.required'],
  // microgrid
  ['microgrid', '110105001001001001', '110105001001001', null],
  ['microgrid', '110105001001001999', '110105001001001', null],
  ['microgrid', '110105001001001000', '110105001001001', 'code.sequence'],
  ['microgrid', '110105001001002001', '110105001001001', 'code.parent_prefix'],
  ['microgrid', '110105001001001001', '110105001001', 'parent.code_invalid'],
  ['microgrid', '110105001001001001', null, 'parent.required'],
  ['microgrid', '１１０１０５００１００１００１００１', '110105001001001', 'code.digits'],
];

describe('validateNodeCode', () => {
  it.each(TABLE)('when a %s has code %j under %j, then the outcome is %s', (level, code, parent, reason) => {
    const result = validateNodeCode(level, code, parent);
    if (reason === null) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, reason });
      if (!result.ok) {
        expect(result.message.zh.length).toBeGreaterThan(0);
        expect(result.message.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('when the level is not one of ours at runtime, then it is refused with a stable reason', () => {
    expect(validateNodeCode('province' as GridLevel, '110000', null)).toMatchObject({
      ok: false,
      reason: 'level.unknown',
    });
  });

  it('when a code has the wrong length, then the message names the expected length', () => {
    const result = validateNodeCode('street', '1101050', '110105');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message.zh).toContain('9');
      expect(result.message.en).toContain('9 digits');
    }
  });

  it('when every level is chained from a valid city, then each code validates against its parent', () => {
    const chain: Array<[GridLevel, string]> = [
      ['city', '330100'],
      ['district', '330106'],
      ['street', '330106109'],
      ['community', '330106109201'],
      ['grid', '330106109201012'],
      ['microgrid', '330106109201012003'],
    ];
    let parent: string | null = null;
    for (const [level, code] of chain) {
      expect(validateNodeCode(level, code, parent), level).toEqual({ ok: true });
      parent = code;
    }
  });
});
