import type { Selectable } from 'kysely';
import { TIME_UNIT_LABELS } from '../../../common/cases.js';
import type { Open311AttributesTable, Open311RequestsTable } from '../../db/schema.js';
import type { Open311CaseView, ServiceCategory } from './open311-cases.js';
import { w3cDatetime } from './open311-format.js';
import { type AttributeDatatype, type AttributeDef, open311Status, statusNotes } from './open311-rules.js';

// OneGrid records → the objects of GeoReport v2, field names and order as the specification lists them.

export interface ServiceOut {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

/** What the category promises: `一般事项 5 个工作日内办结 / handled within 5 working days`. */
export function serviceNotice(cat: Pick<ServiceCategory, 'handlingLimit'>): string | null {
  const limit = cat.handlingLimit;
  if (!limit) return null;
  const unit = TIME_UNIT_LABELS[limit.unit];
  return `一般事项 ${limit.amount} ${unit.zh}内办结 / handled within ${limit.amount} ${unit.en.toLowerCase()}`;
}

export function presentService(cat: ServiceCategory, hasAttributes: boolean): ServiceOut {
  return {
    service_code: cat.code,
    service_name: cat.nameZh,
    description: [`${cat.nameZh} / ${cat.nameEn}`, serviceNotice(cat)].filter(Boolean).join('；'),
    metadata: hasAttributes,
    type: 'realtime',
    keywords: [cat.nameEn, cat.groupZh, cat.groupEn].filter(Boolean).join(', ') || null,
    group: cat.groupZh,
  };
}

export function attributeDef(r: Selectable<Open311AttributesTable>): AttributeDef {
  return {
    code: r.code,
    variable: r.variable === 1,
    datatype: r.datatype as AttributeDatatype,
    required: r.required === 1,
    datatypeDescription: r.datatype_description,
    order: r.sort,
    description: r.description,
    values: JSON.parse(r.options) as Array<{ key: string; name: string }>,
  };
}

export function presentDefinition(serviceCode: string, defs: readonly AttributeDef[]) {
  return {
    service_code: serviceCode,
    attributes: defs.map((d) => ({
      variable: d.variable,
      code: d.code,
      datatype: d.datatype,
      required: d.required,
      datatype_description: d.datatypeDescription,
      order: d.order,
      description: d.description,
      values: d.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

export interface RequestOut {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  notes?: Array<{ datetime: string; description: string; type: string }>;
}

function stateNote(v: Open311CaseView, latest: string | null): string | null {
  if (v.state === 'rejected' && v.rejectReason) return v.rejectReason;
  if (v.state === 'merged' && v.masterNumber) return `并入 ${v.masterNumber} / merged into ${v.masterNumber}`;
  return latest;
}

/**
 * One service request: status open/closed from the nine states, status_notes with the internal state and the
 * latest public timeline note, agency_responsible = the lead unit, updated = the last event (the closing one for
 * closed requests), expected = the handling deadline. `extensions` adds the public timeline as notes[].
 */
export function presentRequest(
  v: Open311CaseView,
  r: Selectable<Open311RequestsTable>,
  cat: ServiceCategory | undefined,
  extensions: boolean,
): RequestOut {
  const latest = v.publicNotes.at(-1)?.note ?? null;
  const status = open311Status(v.state);
  const out: RequestOut = {
    service_request_id: v.number,
    status,
    status_notes: statusNotes(v.state, stateNote(v, latest)),
    service_name: v.categoryName,
    service_code: v.categoryCode,
    description: v.description,
    agency_responsible: v.leadUnitName,
    service_notice: cat ? serviceNotice(cat) : null,
    requested_datetime: w3cDatetime(v.createdAt)!,
    updated_datetime: w3cDatetime(status === 'closed' ? (v.closedAt ?? v.updatedAt) : v.updatedAt),
    expected_datetime: w3cDatetime(v.handlingDueAt),
    address: v.address,
    address_id: r.address_id,
    zipcode: null,
    lat: v.lat,
    long: v.lng,
    media_url: r.media_url,
  };
  if (extensions) {
    out.notes = v.publicNotes.map((n) => ({
      datetime: w3cDatetime(n.at)!,
      description: n.note ?? n.label,
      type: n.action,
    }));
  }
  return out;
}
