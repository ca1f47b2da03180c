import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from './import-rows.js';

// Streams the rows of an .xlsx upload with exceljs' WorkbookReader: one row in memory at a time, however large the
// file. Cell objects (rich text, formulas, hyperlinks) are flattened to the value a person sees.

export interface SheetRow {
  row: number;
  cells: CellValue[];
}

function flatten(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join('');
    if ('result' in o) return flatten(o.result);
    if ('text' in o) return flatten(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

type RowEvent = { eventType: string; value: { number: number; values: unknown[] } };
type SheetReader = AsyncIterable<{ number: number; values: unknown[] }> & {
  name?: string;
  /** exceljs' own batches: the rows (and other events) one chunk of sheet XML held */
  parse?: () => AsyncIterable<RowEvent[]>;
};

function toRow(r: { number: number; values: unknown[] }): SheetRow {
  const values = r.values;
  const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) cells[i - 1] = flatten(values[i]);
  return { row: r.number, cells };
}

/**
 * Yields each worksheet (name and its rows in batches, as exceljs parses them chunk by chunk); read or drain a
 * sheet's rows before asking for the next.
 */
export async function* readXlsxSheets(
  input: Readable,
): AsyncGenerator<{ name: string; rows: AsyncGenerator<SheetRow[]> }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader) {
    const sheet = ws as unknown as SheetReader;
    async function* rows(): AsyncGenerator<SheetRow[]> {
      if (typeof sheet.parse === 'function') {
        for await (const events of sheet.parse()) {
          const out: SheetRow[] = [];
          for (const e of events) if (e.eventType === 'row') out.push(toRow(e.value));
          if (out.length) yield out;
        }
        return;
      }
      for await (const r of sheet) yield [toRow(r)];
    }
    yield { name: String(sheet.name ?? ''), rows: rows() };
  }
}
