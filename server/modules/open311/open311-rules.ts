// PURE: what an Open311 GeoReport v2 call may carry and what it means for OneGrid (docs/open311.md). Reads the
// arguments of GET service requests and POST service request, checks service attributes, maps case states.
// No I/O: the service looks things up and calls these.
import { CASE_STATE_LABELS, type CaseState, isOpenState } from '../../../common/cases.js';
import { bilingual, type Open311Error, parseW3cDatetime } from './open311-format.js';

/** Arguments as they arrive (query string and form body): every name maps to the values sent for it. */
export type Fields = Record<string, string[]>;

/** Query-string object (Fastify) or parsed form → Fields. */
export function toFields(input: unknown): Fields {
  const out: Fields = {};
  if (!input || typeof input !== 'object') return out;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (Array.isArray(v)) out[k] = v.map(String);
    else if (v !== undefined && v !== null) out[k] = [String(v)];
  }
  return out;
}

/** Parses `application/x-www-form-urlencoded` text; repeated names keep every value in order. */
export function parseForm(body: string): Fields {
  const out: Fields = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] ??= [];
    out[k].push(v);
  }
  return out;
}

/** Body fields win over query fields of the same name (clients put `api_key` in either). */
export function mergeFields(query: Fields, body: Fields): Fields {
  return { ...query, ...body };
}

/**
 * One argument. "An empty parameter means the same as an absent one": blank values are dropped; a name sent
 * several times reads as its values joined by commas (status, service_code, service_request_id are comma lists).
 */
export function arg(fields: Fields, name: string): string | undefined {
  const values = (fields[name] ?? []).map((v) => v.trim()).filter((v) => v !== '');
  return values.length ? values.join(',') : undefined;
}

/** A comma list argument: trimmed, blanks dropped, duplicates removed, order kept. */
export function listArg(fields: Fields, name: string): string[] | undefined {
  const raw = arg(fields, name);
  if (raw === undefined) return undefined;
  const items = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return items.length ? items : undefined;
}

const err = (zh: string, en: string, code = 400): Open311Error => ({ code, description: bilingual(zh, en) });

/** Code points, so a character outside the BMP counts once. */
export const charLength = (s: string) => [...s].length;

// ------------------------------------------------------------------------------------------------
// Status: OneGrid's nine states → open / closed.

export type Open311Status = 'open' | 'closed';

/** Every state a case still moves from is `open`; 已办结, 不予受理 and 已合并 are `closed`. */
export function open311Status(state: CaseState): Open311Status {
  return isOpenState(state) ? 'open' : 'closed';
}

/** `处置中 (In progress)：<latest public note>` — the internal state and the latest public word on it. */
export function statusNotes(state: CaseState, latestPublicNote: string | null): string {
  const label = CASE_STATE_LABELS[state];
  const head = `${label.zh} (${label.en})`;
  const note = latestPublicNote?.trim();
  return note ? `${head}：${note}` : head;
}

// ------------------------------------------------------------------------------------------------
// GET service requests.

export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;

export type RequestQuery =
  | { kind: 'ids'; ids: string[]; extensions: boolean }
  | {
      kind: 'search';
      serviceCodes: string[] | null;
      start: Date;
      end: Date;
      statuses: Open311Status[] | null;
      page: number;
      pageSize: number;
      extensions: boolean;
    };

function positiveInt(raw: string | undefined, name: string, max: number, errors: Open311Error[]) {
  if (raw === undefined) return undefined;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    errors.push(err(`${name} 须为 1 到 ${max} 的整数`, `${name} must be an integer from 1 to ${max}`));
    return undefined;
  }
  return Number(raw);
}

/**
 * Reads the filters of GET service requests. `service_request_id` (comma list) overrides every other filter.
 * Dates span at most 90 days and default to the last 90 days (one given: 90 days from / up to it); at most 1000
 * requests per answer (`page` / `page_size` page through more).
 */
export function parseRequestQuery(
  fields: Fields,
  now: Date,
): { ok: true; query: RequestQuery } | { ok: false; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const extensions = arg(fields, 'extensions')?.toLowerCase() === 'true';
  const ids = listArg(fields, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_RESULTS) {
      return {
        ok: false,
        errors: [
          err(
            `service_request_id 最多 ${MAX_RESULTS} 个`,
            `at most ${MAX_RESULTS} service_request_id values`,
          ),
        ],
      };
    }
    return { ok: true, query: { kind: 'ids', ids, extensions } };
  }
  const date = (name: string) => {
    const raw = arg(fields, name);
    if (raw === undefined) return undefined;
    const d = parseW3cDatetime(raw);
    if (!d) {
      errors.push(
        err(
          `${name} 不是带时区的 W3C 日期时间（如 2026-01-01T00:00:00+08:00）`,
          `${name} is not a W3C datetime with a time zone (e.g. 2026-01-01T00:00:00Z)`,
        ),
      );
      return null;
    }
    return d;
  };
  const startArg = date('start_date');
  const endArg = date('end_date');
  let start: Date;
  let end: Date;
  if (startArg && endArg) {
    start = startArg;
    end = endArg;
    if (end < start) errors.push(err('end_date 早于 start_date', 'end_date is before start_date'));
    else if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY_MS)
      errors.push(
        err(
          `start_date 到 end_date 不能超过 ${MAX_SPAN_DAYS} 天`,
          `start_date to end_date may not span more than ${MAX_SPAN_DAYS} days`,
        ),
      );
  } else if (startArg) {
    start = startArg;
    end = new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS);
  } else if (endArg) {
    end = endArg;
    start = new Date(end.getTime() - MAX_SPAN_DAYS * DAY_MS);
  } else {
    end = now;
    start = new Date(now.getTime() - MAX_SPAN_DAYS * DAY_MS);
  }

  let statuses: Open311Status[] | null = null;
  const statusList = listArg(fields, 'status');
  if (statusList) {
    const bad = statusList.filter((s) => s.toLowerCase() !== 'open' && s.toLowerCase() !== 'closed');
    if (bad.length)
      errors.push(
        err(
          `status 只能是 open 或 closed：${bad.join(',')}`,
          `status must be open or closed: ${bad.join(',')}`,
        ),
      );
    statuses = [...new Set(statusList.map((s) => s.toLowerCase()))].filter(
      (s): s is Open311Status => s === 'open' || s === 'closed',
    );
  }
  const page = positiveInt(arg(fields, 'page'), 'page', 1_000_000, errors) ?? 1;
  const pageSize = positiveInt(arg(fields, 'page_size'), 'page_size', MAX_RESULTS, errors) ?? MAX_RESULTS;
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    query: {
      kind: 'search',
      serviceCodes: listArg(fields, 'service_code') ?? null,
      start,
      end,
      statuses,
      page,
      pageSize,
      extensions,
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Service definitions: attributes of a service.

export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface AttributeDef {
  code: string;
  /** false: shown to the user as information only, no input expected. */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription: string | null;
  order: number;
  description: string | null;
  values: Array<{ key: string; name: string }>;
}

export type AttributeAnswers = Record<string, string | string[]>;

const ATTRIBUTE_NAME = /^attribute\[([^\][]+)\](\[\])?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
export const STRING_ATTRIBUTE_MAX = 500;
export const TEXT_ATTRIBUTE_MAX = 4000;

/**
 * Checks `attribute[CODE]=v` (and `attribute[CODE][]=v1&attribute[CODE][]=v2` for a multivaluelist) against the
 * service definition: required ones present, list values among the keys, numbers and datetimes well formed, no
 * unknown codes. Non-variable attributes take no input.
 */
export function readAttributes(
  fields: Fields,
  defs: readonly AttributeDef[],
): { answers: AttributeAnswers; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const given = new Map<string, string[]>();
  for (const [name, values] of Object.entries(fields)) {
    const m = ATTRIBUTE_NAME.exec(name);
    if (!m) continue;
    const kept = values.map((v) => v.trim()).filter((v) => v !== '');
    if (kept.length) given.set(m[1], [...(given.get(m[1]) ?? []), ...kept]);
  }
  const byCode = new Map(defs.filter((d) => d.variable).map((d) => [d.code, d]));
  for (const code of given.keys()) {
    if (!byCode.has(code))
      errors.push(err(`未知的属性 attribute[${code}]`, `unknown attribute attribute[${code}]`));
  }
  const answers: AttributeAnswers = {};
  for (const def of byCode.values()) {
    const values = given.get(def.code);
    const label = `attribute[${def.code}]`;
    if (!values) {
      if (def.required) errors.push(err(`缺少必填属性 ${label}`, `required attribute ${label} is missing`));
      continue;
    }
    if (def.datatype === 'multivaluelist') {
      const keys = new Set(def.values.map((v) => v.key));
      const picked = [...new Set(values)];
      const bad = picked.filter((v) => !keys.has(v));
      if (bad.length)
        errors.push(
          err(
            `${label} 的取值不在列表中：${bad.join(',')}`,
            `${label} has values not in its list: ${bad.join(',')}`,
          ),
        );
      else answers[def.code] = picked;
      continue;
    }
    if (values.length > 1) {
      errors.push(err(`${label} 只能有一个值`, `${label} takes one value`));
      continue;
    }
    const v = values[0];
    switch (def.datatype) {
      case 'singlevaluelist':
        if (!def.values.some((o) => o.key === v))
          errors.push(err(`${label} 的取值不在列表中：${v}`, `${label} is not one of its values: ${v}`));
        else answers[def.code] = v;
        break;
      case 'number':
        if (!NUMBER.test(v) || !Number.isFinite(Number(v)))
          errors.push(err(`${label} 须为数字`, `${label} must be a number`));
        else answers[def.code] = v;
        break;
      case 'datetime':
        if (!parseW3cDatetime(v))
          errors.push(err(`${label} 须为 W3C 日期时间`, `${label} must be a W3C datetime`));
        else answers[def.code] = v;
        break;
      case 'string':
        if (/[\r\n]/.test(v) || charLength(v) > STRING_ATTRIBUTE_MAX)
          errors.push(
            err(
              `${label} 须为不超过 ${STRING_ATTRIBUTE_MAX} 字的单行文字`,
              `${label} must be one line of at most ${STRING_ATTRIBUTE_MAX} characters`,
            ),
          );
        else answers[def.code] = v;
        break;
      case 'text':
        if (charLength(v) > TEXT_ATTRIBUTE_MAX)
          errors.push(
            err(
              `${label} 不能超过 ${TEXT_ATTRIBUTE_MAX} 字`,
              `${label} may not exceed ${TEXT_ATTRIBUTE_MAX} characters`,
            ),
          );
        else answers[def.code] = v;
        break;
    }
  }
  return { answers, errors };
}

/** The answers as lines staff read on the case: `车辆颜色：红色`. */
export function describeAnswers(defs: readonly AttributeDef[], answers: AttributeAnswers): string[] {
  const lines: string[] = [];
  for (const def of [...defs].sort((a, b) => a.order - b.order)) {
    const answer = answers[def.code];
    if (answer === undefined) continue;
    const names = (Array.isArray(answer) ? answer : [answer]).map(
      (v) => def.values.find((o) => o.key === v)?.name ?? v,
    );
    lines.push(`${def.description ?? def.code}：${names.join('、')}`);
  }
  return lines;
}

// ------------------------------------------------------------------------------------------------
// POST service request.

export const DESCRIPTION_MAX = 4000;
export const ADDRESS_MAX = 200;
export const NAME_MAX = 50;
export const MEDIA_URL_MAX = 1000;
export const ID_MAX = 100;

export interface CreateInput {
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  description: string | null;
  mediaUrl: string | null;
}

const COORD = /^[+-]?\d{1,3}(\.\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads POST service request arguments except `service_code` existence, the api_key and the attributes (the service
 * checks those against the database): one location (`lat`+`long`, `address_string` or `address_id`), WGS84 ranges,
 * a description of at most 4000 characters, a well-formed http(s) `media_url`, sane lengths.
 */
export function readCreateInput(fields: Fields): { input: CreateInput; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const text = (name: string, max: number) => {
    const v = arg(fields, name);
    if (v === undefined) return null;
    if (charLength(v) > max) {
      errors.push(
        err(
          `${name} 不能超过 ${max} 字（现有 ${charLength(v)} 字）`,
          `${name} may not exceed ${max} characters (got ${charLength(v)})`,
        ),
      );
      return null;
    }
    return v;
  };
  // A description keeps its line breaks; only its ends are trimmed.
  const rawDescription = (fields.description ?? []).find((v) => v.trim() !== '');
  let description: string | null = null;
  if (rawDescription !== undefined) {
    const d = rawDescription.trim();
    if (charLength(d) > DESCRIPTION_MAX)
      errors.push(
        err(
          `description 不能超过 ${DESCRIPTION_MAX} 字（现有 ${charLength(d)} 字）`,
          `description may not exceed ${DESCRIPTION_MAX} characters (got ${charLength(d)})`,
        ),
      );
    else description = d;
  }

  const latRaw = arg(fields, 'lat');
  const longRaw = arg(fields, 'long');
  let lat: number | null = null;
  let long: number | null = null;
  if (latRaw !== undefined || longRaw !== undefined) {
    if (latRaw === undefined || longRaw === undefined) {
      errors.push(err('lat 和 long 须同时提供', 'lat and long must be sent together'));
    } else {
      const la = COORD.test(latRaw) ? Number(latRaw) : Number.NaN;
      const lo = COORD.test(longRaw) ? Number(longRaw) : Number.NaN;
      if (!(la >= -90 && la <= 90))
        errors.push(
          err(
            `lat 须为 -90 到 90 之间的 WGS84 纬度：${latRaw}`,
            `lat must be a WGS84 latitude from -90 to 90: ${latRaw}`,
          ),
        );
      if (!(lo >= -180 && lo <= 180))
        errors.push(
          err(
            `long 须为 -180 到 180 之间的 WGS84 经度：${longRaw}`,
            `long must be a WGS84 longitude from -180 to 180: ${longRaw}`,
          ),
        );
      if (la >= -90 && la <= 90 && lo >= -180 && lo <= 180) {
        lat = la;
        long = lo;
      }
    }
  }
  const addressString = text('address_string', ADDRESS_MAX);
  const addressId = text('address_id', ID_MAX);
  const noLocation =
    latRaw === undefined &&
    longRaw === undefined &&
    arg(fields, 'address_string') === undefined &&
    arg(fields, 'address_id') === undefined;
  if (noLocation) {
    errors.push(
      err(
        '缺少位置：请提供 lat 和 long、address_string 或 address_id',
        'location missing: send lat and long, address_string or address_id',
      ),
    );
  }

  const email = text('email', 254);
  if (email !== null && !EMAIL.test(email))
    errors.push(err(`email 格式不正确：${email}`, `email is not an e-mail address: ${email}`));

  const mediaUrl = text('media_url', MEDIA_URL_MAX);
  if (mediaUrl !== null && !isHttpUrl(mediaUrl))
    errors.push(err('media_url 须为 http 或 https 网址', 'media_url must be an http or https URL'));

  const phone = text('phone', 32);
  const input: CreateInput = {
    serviceCode: arg(fields, 'service_code') ?? '',
    lat,
    long,
    addressString,
    addressId,
    email: email !== null && EMAIL.test(email) ? email : null,
    deviceId: text('device_id', ID_MAX),
    accountId: text('account_id', ID_MAX),
    firstName: text('first_name', NAME_MAX),
    lastName: text('last_name', NAME_MAX),
    phone,
    description,
    mediaUrl: mediaUrl !== null && isHttpUrl(mediaUrl) ? mediaUrl : null,
  };
  return { input, errors };
}

export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const CJK = /[\u3400-\u9fff]/;

/** 姓 + 名 for Chinese names (`张` + `三` → `张三`), `first last` otherwise. */
export function reporterName(first: string | null, last: string | null): string | null {
  if (!first && !last) return null;
  if (!first || !last) return first ?? last;
  return CJK.test(first) || CJK.test(last) ? `${last}${first}` : `${first} ${last}`;
}

/** A case title from what the client sent: `房屋漏水：3号楼2单元…`, at most 100 characters. */
export function caseTitle(
  serviceName: string,
  input: Pick<CreateInput, 'description' | 'addressString'>,
): string {
  const firstLine = input.description
    ?.split(/\r?\n/)
    .find((l) => l.trim() !== '')
    ?.trim();
  const tail = firstLine ?? input.addressString ?? 'Open311';
  const title = `${serviceName}：${tail}`;
  const chars = [...title];
  return chars.length > 100 ? `${chars.slice(0, 99).join('')}…` : title;
}
