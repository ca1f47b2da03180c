// A small streaming RFC 4180 CSV reader (csv-parse is not a dependency). Chunks of text go in, whole records come
// out; quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF and lone CR all end a record. It is
// lenient where Excel is (text after a closing quote is kept), and reports an unclosed quote at the end.

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

enum State {
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
  QuoteInQuoted = 3,
}

export class CsvReader {
  private state: State = State.FieldStart;
  private field = '';
  private row: string[] = [];
  private skipLf = false;
  /** True when the input ended inside a quoted field. */
  unterminated = false;

  /** Feeds one chunk of text; every record it completes is passed to `emit`. */
  push(text: string, emit: (row: string[]) => void): void {
    const n = text.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (text.charCodeAt(0) === LF) i = 1;
      this.skipLf = false;
    }
    let runStart = i;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.state === State.Quoted) {
        if (c === QUOTE) {
          this.field += text.slice(runStart, i);
          this.state = State.QuoteInQuoted;
        }
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          runStart = i + 1;
          continue;
        }
        this.state = State.Unquoted;
        runStart = i;
      } else if (this.state === State.FieldStart) {
        if (c === QUOTE) {
          this.state = State.Quoted;
          runStart = i + 1;
          continue;
        }
        this.state = State.Unquoted;
        runStart = i;
      }
      if (c === COMMA) {
        this.field += text.slice(runStart, i);
        this.row.push(this.field);
        this.field = '';
        this.state = State.FieldStart;
      } else if (c === LF || c === CR) {
        this.field += text.slice(runStart, i);
        this.row.push(this.field);
        this.field = '';
        this.state = State.FieldStart;
        const row = this.row;
        this.row = [];
        emit(row);
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else {
            this.skipLf = true;
          }
        }
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(runStart, n);
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(emit: (row: string[]) => void): void {
    if (this.state === State.Quoted) this.unterminated = true;
    if (this.state !== State.FieldStart || this.row.length > 0) {
      this.row.push(this.field);
      emit(this.row);
    }
    this.field = '';
    this.row = [];
    this.state = State.FieldStart;
  }
}

/** Quotes a field when it must be (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Decodes bytes as UTF-8 (a BOM is dropped), falling back to GB18030 when the first chunk is not UTF-8: Excel on
 * Chinese Windows saves "CSV" in GBK. A later chunk that breaks the chosen encoding throws.
 */
export function makeCsvDecoder(): { decode(chunk: Uint8Array, last?: boolean): string; encoding(): string } {
  let decoder: TextDecoder | null = null;
  let name = 'utf-8';
  return {
    decode(chunk, last = false) {
      if (!decoder) {
        try {
          const d = new TextDecoder('utf-8', { fatal: true });
          const text = d.decode(chunk, { stream: !last });
          decoder = d;
          return text;
        } catch {
          name = 'gb18030';
          decoder = new TextDecoder('gb18030', { fatal: true });
        }
      }
      const text = decoder.decode(chunk, { stream: !last });
      return name === 'gb18030' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    },
    encoding: () => name,
  };
}

/** A record with its 1-based record number (Excel's row number). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/**
 * Streams records out of a byte stream in batches: every record a chunk of input completes, at once (no promise per
 * record). Returns whether the input ended inside a quoted field.
 */
export async function* readCsvBatches(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<CsvRecord[], { unterminated: boolean }> {
  const reader = new CsvReader();
  const decoder = makeCsvDecoder();
  let n = 0;
  let pending: CsvRecord[] = [];
  const emit = (cells: string[]) => {
    pending.push({ row: ++n, cells });
  };
  for await (const chunk of source) {
    reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk), emit);
    if (pending.length) {
      const out = pending;
      pending = [];
      yield out;
    }
  }
  reader.push(decoder.decode(new Uint8Array(0), true), emit);
  reader.end(emit);
  if (pending.length) yield pending;
  return { unterminated: reader.unterminated };
}

/** Streams records out of a byte stream one by one; each comes with its 1-based record number. */
export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<CsvRecord, { unterminated: boolean }> {
  const batches = readCsvBatches(source);
  while (true) {
    const r = await batches.next();
    if (r.done) return r.value;
    yield* r.value;
  }
}
