import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RowProblem } from './import-rows.js';

/** Appends NDJSON lines to a temp file in batches, honouring back-pressure so memory stays flat. */
export class LineWriter {
  private readonly out: WriteStream;
  private buffer: string[] = [];
  private failed: Error | null = null;
  constructor(file: string) {
    this.out = createWriteStream(file, { mode: 0o600 });
    this.out.on('error', (e) => {
      this.failed = e;
    });
  }
  push(value: unknown) {
    this.buffer.push(JSON.stringify(value));
  }
  async flush() {
    if (this.failed) throw this.failed;
    if (!this.buffer.length) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
  async close() {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
  }
  destroy() {
    this.out.destroy();
  }
}

/**
 * Reads an NDJSON temp file back in chunks of `size` values: big reads, split on newlines, and one JSON.parse per
 * chunk (the lines joined as one array) rather than one per line.
 */
export async function* readLines<T>(file: string, size: number): AsyncGenerator<T[]> {
  let rest = '';
  let lines: string[] = [];
  const parse = (xs: string[]) => JSON.parse(`[${xs.join(',')}]`) as T[];
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) lines.push(text.slice(start, nl));
      start = nl + 1;
      if (lines.length >= size) {
        yield parse(lines);
        lines = [];
      }
    }
    rest = text.slice(start);
  }
  if (rest.trim()) lines.push(rest);
  if (lines.length) yield parse(lines);
}

/** Streams every error of a dry run into an .xlsx (row, column, reason in both languages). */
export async function writeErrorsWorkbook(errorsFile: string, out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('错误明细');
  ws.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 18 },
    { header: '原因', key: 'zh', width: 50 },
    { header: 'Reason', key: 'en', width: 50 },
    { header: '代码 Code', key: 'code', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const chunk of readLines<RowProblem>(errorsFile, 2000)) {
    for (const e of chunk)
      ws.addRow({ row: e.row, column: e.column, zh: e.message.zh, en: e.message.en, code: e.code }).commit();
  }
  ws.commit();
  await wb.commit();
}

export type { Readable };
