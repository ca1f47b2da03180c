import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, csvLine, readCsvRecords } from '../csv-stream.js';

function parseChunks(chunks: string[]) {
  const reader = new CsvReader();
  const rows: string[][] = [];
  for (const c of chunks) reader.push(c, (r) => rows.push(r));
  reader.end((r) => rows.push(r));
  return { rows, unterminated: reader.unterminated };
}

function splitAt(text: string, cuts: number[]) {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('', '"', ',', '\r\n', '\n', '\r', '""', '张三', '3-2-501', ' a , b '),
  fc.array(fc.constantFrom('a', '"', ',', '\n', '\r', '中', ' '), { maxLength: 8 }).map((a) => a.join('')),
);

describe('csv reader', () => {
  it('when any table is written per RFC 4180 and fed in arbitrary chunks, then it reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        (table, cuts, lf) => {
          let text = table.map((r) => csvLine(r)).join('');
          if (lf) text = text.replace(/\r\n$/, '\n');
          const { rows, unterminated } = parseChunks(splitAt(text, cuts));
          expect(unterminated).toBe(false);
          expect(rows).toEqual(table);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('when arbitrary text is fed, then it never throws and every character outside quotes is accounted for', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const { rows } = parseChunks(splitAt(text, cuts));
        for (const r of rows) expect(r.length).toBeGreaterThan(0);
      }),
    );
  });

  it('when the last line has no line break, CR LF is split across chunks, or a quote never closes, then it still reads', () => {
    expect(parseChunks(['a,b\r', '\nc,"d', '""e"\r\n', 'f']).rows).toEqual([['a', 'b'], ['c', 'd"e'], ['f']]);
    expect(parseChunks(['x,"open']).unterminated).toBe(true);
    expect(parseChunks(['a,\n,b']).rows).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
  });

  it('when bytes carry a UTF-8 BOM or are GB18030 (Excel on Chinese Windows), then the text comes out right', async () => {
    const bom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('姓名,房号\r\n张三,3-2-501\r\n'),
    ]);
    const one = bom.slice(0, 5);
    const two = bom.slice(5);
    const rows: string[][] = [];
    for await (const r of readCsvRecords([one, two])) rows.push(r.cells);
    expect(rows).toEqual([
      ['姓名', '房号'],
      ['张三', '3-2-501'],
    ]);
    // 姓名,张三 in GBK
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]);
    const out: string[][] = [];
    for await (const r of readCsvRecords([gbk])) out.push(r.cells);
    expect(out).toEqual([['姓名', '张三']]);
  });
});
