import { describe, expect, it } from 'vitest';
import { GRID_LEVELS } from '../admin-codes';
import { ERROR_CODES, ERROR_MESSAGES, isErrorCode, messageFor } from '../errors';
import {
  defaultPartyOrgType,
  GRID_SUBJECT_LABELS,
  GRID_SUBJECTS,
  PARTY_ORG_TYPE_LABELS,
  PARTY_ORG_TYPES,
  STAFF_POST_LABELS,
  STAFF_POSTS,
} from '../grid';
import { toHalfWidth } from '../half-width';
import { localize, pickLocale } from '../i18n';
import * as common from '../index';

describe('error messages', () => {
  it('when every stable code is looked up, then it has Chinese and English wording', () => {
    expect(ERROR_CODES.length).toBeGreaterThanOrEqual(26);
    for (const code of ERROR_CODES) {
      expect(ERROR_MESSAGES[code]?.zh, code).toMatch(/\p{Script=Han}/u);
      expect(ERROR_MESSAGES[code]?.en.length, code).toBeGreaterThan(0);
    }
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('when a message is requested per locale, then the matching language is returned', () => {
    expect(messageFor('FORBIDDEN', 'zh-CN')).toBe('您没有权限进行此操作');
    expect(messageFor('FORBIDDEN', 'en')).toBe('You do not have permission to do this');
  });

  it('when an unknown code is requested, then the generic internal message is returned', () => {
    expect(messageFor('NO_SUCH_CODE', 'zh-CN')).toBe(ERROR_MESSAGES.INTERNAL.zh);
    expect(messageFor('constructor', 'en')).toBe(ERROR_MESSAGES.INTERNAL.en);
    expect(isErrorCode('toString')).toBe(false);
  });
});

describe('grid vocabularies', () => {
  it('when labels are read, then subjects, posts and party organisations have the agreed names', () => {
    expect(GRID_SUBJECTS.map((s) => GRID_SUBJECT_LABELS[s].zh)).toEqual([
      '党建',
      '综治',
      '民政',
      '信访',
      '城管',
    ]);
    expect(STAFF_POSTS.map((s) => STAFF_POST_LABELS[s].zh)).toEqual([
      '网格长',
      '专职网格员',
      '兼职网格员',
      '支部书记',
      '党小组长',
    ]);
    expect(PARTY_ORG_TYPES.map((s) => PARTY_ORG_TYPE_LABELS[s].zh)).toEqual([
      '党委',
      '党总支',
      '党支部',
      '党小组',
    ]);
  });

  it('when a grid or microgrid is created, then its default party organisation is a branch or a group', () => {
    expect(defaultPartyOrgType('grid')).toBe('branch');
    expect(defaultPartyOrgType('microgrid')).toBe('group');
    for (const level of GRID_LEVELS) expect(PARTY_ORG_TYPES).toContain(defaultPartyOrgType(level));
  });
});

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-GB;q=0.8,zh-TW;q=0.9', 'zh-CN'],
    ['zh;q=0.5,en;q=0.9', 'en'],
    ['fr-FR,de;q=0.9', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['*', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['en;q=abc,zh', 'zh-CN'],
    [' EN-us ', 'en'],
  ])('when Accept-Language is %j, then the locale is %s', (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });

  it('when localize is given a text, then it picks the language', () => {
    expect(localize({ zh: '中', en: 'en' }, 'zh-CN')).toBe('中');
    expect(localize({ zh: '中', en: 'en' }, 'en')).toBe('en');
  });
});

describe('toHalfWidth', () => {
  it('when given full-width digits, letters and ideographic spaces, then they become ASCII', () => {
    expect(toHalfWidth('１３８　ＡＢｃ－＋')).toBe('138 ABc-+');
    expect(toHalfWidth('张三')).toBe('张三');
  });
});

describe('index', () => {
  it('when the barrel is imported, then the public rules are all reachable', () => {
    for (const name of [
      'parseIdNumber',
      'isValidIdNumber',
      'makeIdNumber',
      'idCheckChar',
      'parseCreditCode',
      'creditCheckChar',
      'isValidCreditCode',
      'makeCreditCode',
      'parseMobile',
      'maskIdNumber',
      'maskPhone',
      'maskName',
      'maskGeneric',
      'validateNodeCode',
      'childLevel',
      'expectedCodeLength',
      'checkPassword',
      'authorize',
      'permissionsOn',
      'allPermissions',
      'isInSubtree',
      'allowedActionsFor',
      'messageFor',
      'defaultPartyOrgType',
      'pickLocale',
    ]) {
      expect(typeof (common as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
