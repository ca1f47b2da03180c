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

/** Yields each worksheet (name and a row iterator); read or drain a sheet's rows before asking for the next. */
export async function* readXlsxSheets(
  input: Readable,
): AsyncGenerator<{ name: string; rows: AsyncGenerator<SheetRow> }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader) {
    const sheet = ws as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name?: string };
    async function* rows(): AsyncGenerator<SheetRow> {
      for await (const r of sheet) {
        const values = r.values;
        const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = flatten(values[i]);
        yield { row: r.number, cells };
      }
    }
    yield { name: String(sheet.name ?? ''), rows: rows() };
  }
}
