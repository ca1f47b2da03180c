import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
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

/** Reads an NDJSON temp file back in chunks of `size` values. */
export async function* readLines<T>(file: string, size: number): AsyncGenerator<T[]> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let chunk: T[] = [];
  for await (const line of rl) {
    if (!line) continue;
    chunk.push(JSON.parse(line) as T);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
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
