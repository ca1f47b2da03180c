import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../../../common/cases.js';
import {
  formatOfUrl,
  parseW3cDatetime,
  renderErrors,
  splitFormat,
  toXml,
  w3cDatetime,
  XML_INVALID,
} from '../open311-format.js';
import {
  type AttributeDef,
  arg,
  caseTitle,
  describeAnswers,
  listArg,
  open311Status,
  parseForm,
  parseRequestQuery,
  readAttributes,
  readCreateInput,
  reporterName,
  statusNotes,
} from '../open311-rules.js';
import { childrenNamed, parseXml, record } from './xml.js';

const NOW = new Date('2026-11-02T01:00:00.000Z');

describe('open311 format', () => {
  it('when a path segment ends in .json or .xml, then id and format split at the last dot', () => {
    expect(splitFormat('SQ-2026-000001.json')).toEqual({ id: 'SQ-2026-000001', format: 'json' });
    expect(splitFormat('MS01.XML')).toEqual({ id: 'MS01', format: 'xml' });
    expect(splitFormat('MS01.html')).toBeNull();
    expect(splitFormat('.json')).toBeNull();
    expect(formatOfUrl('/open311/v2/requests.json?x=1')).toBe('json');
    expect(formatOfUrl('/open311/v2/nothing')).toBe('xml');
  });

  it('when an instant is formatted, then it is W3C with the +08:00 zone and means the same instant', () => {
    expect(w3cDatetime('2026-04-19T14:37:38.123Z')).toBe('2026-04-19T22:37:38+08:00');
    expect(w3cDatetime(null)).toBeNull();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        (d) => {
          const s = w3cDatetime(d)!;
          expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
          expect(parseW3cDatetime(s)!.getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
        },
      ),
    );
  });

  it('when W3C datetimes are parsed, then zones are required, dates alone mean CST midnight, garbage is null', () => {
    expect(parseW3cDatetime('2010-01-01T00:00:00Z')!.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDatetime('2010-01-01T08:00:00+08:00')!.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDatetime('2010-01-01T08:00:00 08:00')!.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDatetime('2010-01-01T00:00:00.5-05:00')!.toISOString()).toBe('2010-01-01T05:00:00.500Z');
    expect(parseW3cDatetime('2026-03-01')!.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    for (const bad of ['2010-01-01T00:00:00', '2010-02-30T00:00:00Z', 'yesterday', '2010-13-01', '', '1e9'])
      expect(parseW3cDatetime(bad), bad).toBeNull();
    fc.assert(fc.property(fc.string(), (s) => void parseW3cDatetime(s)));
  });

  it('when any text goes into XML, then the document stays well formed and the text survives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const doc = toXml('service_requests', [{ service_request_id: 'x', description: s }]);
        const root = parseXml(doc);
        const req = childrenNamed(root, 'request')[0];
        const kept = s.replace(XML_INVALID, '');
        expect(record(req).description).toBe(kept);
      }),
    );
  });

  it('when lists are rendered as XML, then each item is the element the specification names', () => {
    const doc = toXml('service_definition', {
      service_code: 'A1',
      attributes: [
        { code: 'C', values: [{ key: 'k', name: '甲' }], order: 1, required: true, description: null },
      ],
    });
    expect(doc).toContain(
      '<service_definition><service_code>A1</service_code><attributes><attribute><code>C</code><values><value><key>k</key><name>甲</name></value></values><order>1</order><required>true</required><description/></attribute></attributes></service_definition>',
    );
    expect(renderErrors([{ code: 403, description: 'no' }], 'json')).toBe(
      '[{"code":403,"description":"no"}]',
    );
    expect(renderErrors([{ code: 403, description: 'a<b' }], 'xml')).toContain(
      '<errors><error><code>403</code><description>a&lt;b</description></error></errors>',
    );
  });
});

describe('open311 arguments', () => {
  it('when a parameter is empty or repeated, then empty means absent and repeats join as a comma list', () => {
    const f = parseForm('a=&b=1&b=2&c=%20&status=open,&status=closed');
    expect(arg(f, 'a')).toBeUndefined();
    expect(arg(f, 'c')).toBeUndefined();
    expect(arg(f, 'b')).toBe('1,2');
    expect(listArg(f, 'status')).toEqual(['open', 'closed']);
  });

  it('when no dates are given, then the last 90 days up to now are searched, at most 1000 per page', () => {
    const r = parseRequestQuery({}, NOW);
    expect(r.ok && r.query.kind === 'search' && r.query).toMatchObject({
      start: new Date(NOW.getTime() - 90 * 86_400_000),
      end: NOW,
      pageSize: 1000,
      page: 1,
      statuses: null,
      serviceCodes: null,
    });
  });

  it('when only one date is given, then the span is 90 days from or up to it', () => {
    const s = parseRequestQuery({ start_date: ['2026-01-01T00:00:00Z'] }, NOW);
    expect(s.ok && s.query.kind === 'search' && s.query.end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const e = parseRequestQuery({ end_date: ['2026-04-01T00:00:00Z'] }, NOW);
    expect(e.ok && e.query.kind === 'search' && e.query.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('when the span exceeds 90 days, dates are malformed or reversed, or status is unknown, then every problem is a 400', () => {
    const r = parseRequestQuery(
      { start_date: ['2026-01-01T00:00:00Z'], end_date: ['2026-04-02T00:00:00Z'], status: ['open,pending'] },
      NOW,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(2);
      expect(r.errors.every((e) => e.code === 400)).toBe(true);
    }
    const bad = parseRequestQuery({ start_date: ['soon'], page_size: ['1001'] }, NOW);
    expect(!bad.ok && bad.errors.length).toBe(2);
    const rev = parseRequestQuery(
      { start_date: ['2026-02-01T00:00:00Z'], end_date: ['2026-01-01T00:00:00Z'] },
      NOW,
    );
    expect(rev.ok).toBe(false);
  });

  it('when service_request_id is given, then it overrides every other filter, even broken ones', () => {
    const r = parseRequestQuery(
      { service_request_id: ['A, B,,A'], start_date: ['nonsense'], status: ['x'] },
      NOW,
    );
    expect(r).toEqual({ ok: true, query: { kind: 'ids', ids: ['A', 'B'], extensions: false } });
  });

  it('when POST arguments are read, then location, coordinates, description, e-mail and media_url are checked', () => {
    const ok = readCreateInput(
      parseForm(
        'service_code=MS01&lat=37.86&long=113.58&description=%E6%BC%8F%E6%B0%B4&media_url=https%3A%2F%2Fx.cn%2F1.jpg',
      ),
    );
    expect(ok.errors).toEqual([]);
    expect(ok.input).toMatchObject({ serviceCode: 'MS01', lat: 37.86, long: 113.58, description: '漏水' });

    const none = readCreateInput(parseForm('service_code=MS01'));
    expect(none.errors.map((e) => e.description).join()).toContain('location missing');
    const half = readCreateInput(parseForm('service_code=MS01&lat=37'));
    expect(half.errors.map((e) => e.description).join()).toContain('lat and long must be sent together');
    const range = readCreateInput(parseForm('service_code=MS01&lat=91&long=abc'));
    expect(range.errors).toHaveLength(2);
    const long = readCreateInput({
      service_code: ['MS01'],
      address_string: ['x'],
      description: ['字'.repeat(4001)],
    });
    expect(long.errors[0].description).toContain('got 4001');
    expect(readCreateInput({ address_string: ['x'], description: ['字'.repeat(4000)] }).errors).toEqual([]);
    const media = readCreateInput(parseForm('address_id=9&media_url=javascript:alert(1)&email=nope'));
    expect(media.errors).toHaveLength(2);
  });

  it('when attributes are checked against a definition, then required, list keys, numbers and unknown codes are enforced', () => {
    const defs: AttributeDef[] = [
      {
        code: 'FLOOR',
        variable: true,
        datatype: 'number',
        required: true,
        datatypeDescription: null,
        order: 1,
        description: '楼层',
        values: [],
      },
      {
        code: 'WHERE',
        variable: true,
        datatype: 'multivaluelist',
        required: false,
        datatypeDescription: null,
        order: 2,
        description: '漏水位置',
        values: [
          { key: 'roof', name: '屋顶' },
          { key: 'wall', name: '墙面' },
        ],
      },
      {
        code: 'NOTE',
        variable: false,
        datatype: 'text',
        required: false,
        datatypeDescription: null,
        order: 3,
        description: '须知',
        values: [],
      },
    ];
    const ok = readAttributes(
      parseForm('attribute[FLOOR]=6&attribute[WHERE][]=roof&attribute[WHERE][]=wall'),
      defs,
    );
    expect(ok).toEqual({ answers: { FLOOR: '6', WHERE: ['roof', 'wall'] }, errors: [] });
    expect(describeAnswers(defs, ok.answers)).toEqual(['楼层：6', '漏水位置：屋顶、墙面']);
    const missing = readAttributes(parseForm('attribute[WHERE][]=cellar&attribute[NOPE]=1'), defs);
    expect(missing.errors).toHaveLength(3);
    const nan = readAttributes(parseForm('attribute[FLOOR]=six'), defs);
    expect(nan.errors).toHaveLength(1);
  });

  it('when a case state is mapped, then open states are open and 已办结/不予受理/已合并 are closed, with the state in the notes', () => {
    const closed = CASE_STATES.filter((s) => open311Status(s) === 'closed');
    expect(closed.sort()).toEqual(['closed', 'merged', 'rejected']);
    expect(statusNotes('in_progress', ' 已派住建局 ')).toBe('处置中 (In progress)：已派住建局');
    expect(statusNotes('collected', null)).toBe('待受理 (Collected)');
  });

  it('when names and titles are made, then Chinese names read 姓名 and titles stay within 100 characters', () => {
    expect(reporterName('三', '张')).toBe('张三');
    expect(reporterName('John', 'Smith')).toBe('John Smith');
    expect(reporterName(null, null)).toBeNull();
    expect(caseTitle('房屋漏水', { description: '\n卫生间漏水\n第二行', addressString: null })).toBe(
      '房屋漏水：卫生间漏水',
    );
    expect([...caseTitle('房屋漏水', { description: '漏'.repeat(300), addressString: null })]).toHaveLength(
      100,
    );
  });
});
