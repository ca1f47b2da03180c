// PURE: how Open311 GeoReport v2 looks on the wire (docs/open311.md, ../shared/open311/README.md):
// the two formats, XML as the specification shapes it, W3C datetimes, the error body. No I/O.

export const FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof FORMATS)[number];

/** Responses are UTF-8 and say so. */
export const CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function isFormat(value: string): value is Open311Format {
  return value === 'xml' || value === 'json';
}

/**
 * Splits the last path segment into resource and format: `SQ-2026-000001.json` → [`SQ-2026-000001`, `json`].
 * Null when there is no known format suffix.
 */
export function splitFormat(segment: string): { id: string; format: Open311Format } | null {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = segment.slice(dot + 1).toLowerCase();
  if (!isFormat(format)) return null;
  return { id: segment.slice(0, dot), format };
}

/** The format a URL asks for; XML (the required one) when it names none. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

// ------------------------------------------------------------------------------------------------
// XML: schemaless, no namespace, root preceded by the declaration; lists as repeated child elements.

/** The element name of one item of each list the specification defines. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
};

// XML 1.0 allows tab, LF, CR and everything from U+0020 except unpaired surrogates, U+FFFE and U+FFFF.
export const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML cannot carry
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  if (typeof value === 'boolean') return `<${name}>${value ? 'true' : 'false'}</${name}>`;
  if (typeof value === 'number') return `<${name}>${Number.isFinite(value) ? String(value) : ''}</${name}>`;
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/**
 * One XML document: `toXml('services', [..])` → `<services><service>…</service></services>`;
 * `toXml('service_definition', {...})` → `<service_definition>…</service_definition>`.
 */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}

// ------------------------------------------------------------------------------------------------
// Errors: an array of {code, description}; XML <errors><error>…</error></errors>.

export interface Open311Error {
  /** The HTTP status the error stands for (the specification's examples use it as the code). */
  code: number;
  description: string;
}

/** A failed Open311 call: the HTTP status and every problem found. */
export class Open311Failure extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly errors: Open311Error[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

/** Chinese first, English alongside, in one human-readable description. */
export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

export function failure(status: 400 | 403 | 404, zh: string, en: string): Open311Failure {
  return new Open311Failure(status, [{ code: status, description: bilingual(zh, en) }]);
}

export function renderErrors(errors: Open311Error[], format: Open311Format): string {
  return format === 'json' ? JSON.stringify(errors) : toXml('errors', errors);
}

// ------------------------------------------------------------------------------------------------
// Datetimes: W3C profile of ISO 8601 with a zone. OneGrid answers in China Standard Time (+08:00).

const CST_OFFSET_MINUTES = 8 * 60;
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-04-19T22:37:38+08:00` for an instant; null stays null. */
export function w3cDatetime(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + CST_OFFSET_MINUTES * 60_000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

const W3C_FULL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const W3C_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a W3C datetime (`2010-01-01T00:00:00Z`, `…+08:00`, fractions allowed). A bare date means the start of
 * that day in China Standard Time. A `+` that arrived as a space (unencoded in a query string) is read as `+`.
 * Null when the text is not a valid W3C datetime.
 */
export function parseW3cDatetime(input: string): Date | null {
  const text = input.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  let m = W3C_FULL.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    if (!validParts(+y, +mo, +d, +h, +mi, s === undefined ? 0 : +s)) return null;
    if (zone !== 'Z') {
      const zh = Number(zone.slice(1, 3));
      const zm = Number(zone.slice(4, 6));
      if (zh > 14 || zm > 59) return null;
    }
    const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ? frac.slice(0, 4) : ''}${zone}`);
    return Number.isFinite(ms) ? new Date(ms) : null;
  }
  m = W3C_DATE.exec(text);
  if (m) {
    const [, y, mo, d] = m;
    if (!validParts(+y, +mo, +d, 0, 0, 0)) return null;
    return new Date(Date.UTC(+y, +mo - 1, +d) - CST_OFFSET_MINUTES * 60_000);
  }
  return null;
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= days;
}
