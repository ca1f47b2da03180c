import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { authorize } from '../../../common/permissions.js';
import {
  HOUSEHOLD_USE_LABELS,
  type HouseholdUse,
  POLITICAL_STATUS_LABELS,
  type PoliticalStatus,
  RELATION_LABELS,
  type Relation,
} from '../../../common/registry.js';
import type { CallContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import * as registry from '../registry/registry.service.js';
import { COLUMNS, IMPORT_KIND_LABELS, type ImportKind } from './import-columns.js';
import * as repo from './imports.repository.js';

// Templates and exports (docs/api-registry.md "Import / export"). Exports go through the registry service's own
// list queries, so scope, masking and tag visibility are exactly those of the screens: hidden tags never appear.
// Plain ID and phone numbers appear only for a person.reveal holder who asks for them, audited as one bulk reveal.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export { XLSX_TYPE };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE9E7' } };

/** The empty template of one kind: a data sheet (Chinese headers, English key in a note, one example row) and 说明. */
export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneGrid 一张网';
  const cols = COLUMNS[kind];
  const ws = wb.addWorksheet(`${IMPORT_KIND_LABELS[kind].zh}导入`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = cols.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style:
      c.type === 'id' || c.type === 'phone' || c.type === 'room' || c.key === 'nodeCode' || c.key === 'number'
        ? { numFmt: '@' }
        : {},
  }));
  const head = ws.getRow(1);
  head.height = 22;
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC8161D' : 'FF262626' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = `${c.en} (${c.key})${c.required ? ' — 必填 required' : ''}${c.hint ? `\n${c.hint}` : ''}`;
  });
  ws.addRow(Object.fromEntries(cols.map((c) => [c.key, c.example])));
  cols.forEach((c, i) => {
    if (c.values) {
      const letter = ws.getColumn(i + 1).letter;
      const list = Object.values(c.values)
        .map((v) => v.zh)
        .join(',');
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${letter}2:${letter}10000`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${list}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: c.hint || list,
      });
    }
  });
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '必填', key: 'required', width: 8 },
    { header: '填写说明', key: 'hint', width: 60 },
    { header: 'English', key: 'en', width: 26 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of cols)
    help.addRow({ header: c.header, required: c.required ? '是' : '', hint: c.hint, en: c.en });
  help.addRow({});
  help.addRow({
    header: '提示',
    hint: '第 1 行为表头，请勿修改；第 2 行是示例，导入前请删除或改成真实数据。',
  });
  help.addRow({ header: '', hint: '也可另存为 CSV（UTF-8）上传，列名相同即可。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ExportQuery {
  nodeId?: number;
  buildingId?: number;
  tag?: string;
  use?: string;
  q?: string;
  reveal?: boolean;
}

const EXPORT_LIMIT = 100_000;
const PAGE = 200;

const label = <K extends string>(
  labels: Readonly<Record<K, { zh: string }>>,
  v: string | null | undefined,
) => (v && v in labels ? labels[v as K].zh : (v ?? ''));

const SEX: Record<string, string> = { male: '男', female: '女' };
const STATUS: Record<string, string> = { active: '在册', moved_out: '已迁出', deceased: '已故' };
const tagText = (tags: Array<{ name: { zh: string }; riskLevel?: string }>) =>
  tags.map((t) => (t.riskLevel ? `${t.name.zh}(${t.riskLevel})` : t.name.zh)).join('、');

/**
 * Streams the filtered list as .xlsx into `out`. The export (and, with reveal, the bulk reveal with its count) is
 * audited before the first byte is sent.
 */
export async function exportList(
  c: CallContext,
  kind: 'residents' | 'households',
  q: ExportQuery,
): Promise<{ rows: number; write: (out: Writable) => Promise<void> }> {
  const reveal = kind === 'residents' && q.reveal === true;
  if (reveal && !c.actor.assignments.some((a) => authorize(c.actor, 'person.reveal', { path: a.nodePath }))) {
    await recordAudit(
      c.deps.db,
      c.deps.kind,
      c.audit,
      { action: 'access.denied', outcome: 'denied', after: { permission: 'person.reveal' } },
      c.deps.clock.now(),
    );
    throw new AppError('FORBIDDEN', 403);
  }
  const first =
    kind === 'residents'
      ? await registry.listResidents(c, { ...q, page: 1, pageSize: PAGE }, { totalCap: EXPORT_LIMIT })
      : await registry.listHouseholds(c, { ...q, page: 1, pageSize: PAGE });
  const rows = Math.min(first.total, EXPORT_LIMIT);
  const filters = {
    nodeId: q.nodeId,
    buildingId: q.buildingId,
    tag: q.tag,
    use: q.use,
    q: q.q ? '(text)' : undefined,
  };
  let revealed = 0;
  // Reveal rights are per row (person.reveal on the resident's micro-grid); count them before anything leaves.
  const plain = new Map<number, { id: string | null; phone: string | null }>();
  if (reveal) {
    const ids: number[] = [];
    for (let page = 1; ids.length < rows; page++) {
      const r = page === 1 ? first : await registry.listResidents(c, { ...q, page, pageSize: PAGE });
      if (!r.items.length) break;
      for (const item of r.items as Array<{ id: number }>) ids.push(item.id);
    }
    for (const s of await repo.sensitiveOfResidents(c.deps.db, ids.slice(0, rows))) {
      if (!authorize(c.actor, 'person.reveal', { path: s.path })) continue;
      plain.set(s.id, {
        id: s.idEnc ? c.deps.crypto.decrypt(s.idEnc) : null,
        phone: s.phoneEnc ? c.deps.crypto.decrypt(s.phoneEnc) : null,
      });
      revealed++;
    }
  }
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    reveal
      ? {
          action: 'person.reveal_bulk',
          entityType: 'resident',
          nodeId: q.nodeId ?? null,
          after: { via: 'export', rows, revealed, fields: ['idNumber', 'phone'], filters },
        }
      : { action: 'registry.export', entityType: kind, nodeId: q.nodeId ?? null, after: { rows, filters } },
    c.deps.clock.now(),
  );

  const write = async (out: Writable) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet(kind === 'residents' ? '居民' : '房屋', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns =
      kind === 'residents'
        ? [
            { header: '房号', key: 'room', width: 12 },
            { header: '姓名', key: 'name', width: 12 },
            { header: '性别', key: 'sex', width: 6 },
            { header: '年龄', key: 'age', width: 6 },
            { header: '出生日期', key: 'birth', width: 12 },
            { header: '公民身份号码', key: 'id', width: 22 },
            { header: '手机号', key: 'phone', width: 14 },
            { header: '与户主关系', key: 'relation', width: 10 },
            { header: '政治面貌', key: 'political', width: 12 },
            { header: '户籍在此', key: 'registered', width: 9 },
            { header: '居住在此', key: 'living', width: 9 },
            { header: '状态', key: 'status', width: 8 },
            { header: '标签', key: 'tags', width: 30 },
          ]
        : [
            { header: '房号', key: 'room', width: 12 },
            { header: '楼栋号', key: 'building', width: 8 },
            { header: '单元', key: 'unit', width: 6 },
            { header: '层', key: 'floor', width: 6 },
            { header: '户', key: 'roomNo', width: 6 },
            { header: '用途', key: 'use', width: 8 },
            { header: '户主', key: 'householder', width: 12 },
            { header: '人数', key: 'members', width: 6 },
            { header: '标签', key: 'tags', width: 30 },
            { header: '最近走访', key: 'lastVisit', width: 20 },
          ];
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.fill = HEADER_FILL;
    head.commit();
    let written = 0;
    for (let page = 1; written < rows; page++) {
      const r =
        page === 1
          ? first
          : kind === 'residents'
            ? await registry.listResidents(c, { ...q, page, pageSize: PAGE })
            : await registry.listHouseholds(c, { ...q, page, pageSize: PAGE });
      if (!r.items.length) break;
      for (const item of r.items) {
        if (written >= rows) break;
        written++;
        if (kind === 'residents') {
          const p = item as Awaited<ReturnType<typeof registry.listResidents>>['items'][number];
          const shown = plain.get(p.id);
          ws.addRow({
            room: p.roomLabel,
            name: p.name,
            sex: p.sex ? (SEX[p.sex] ?? p.sex) : '',
            age: p.age ?? '',
            birth: p.birthDate ?? '',
            id: shown?.id ?? p.idNumberMasked ?? '',
            phone: shown?.phone ?? p.phoneMasked ?? '',
            relation: label(RELATION_LABELS as Record<Relation, { zh: string }>, p.relation),
            political: label(
              POLITICAL_STATUS_LABELS as Record<PoliticalStatus, { zh: string }>,
              p.politicalStatus,
            ),
            registered: p.registeredHere ? '是' : '否',
            living: p.livingHere ? '是' : '否',
            status: STATUS[p.status] ?? p.status,
            tags: tagText(p.tags),
          }).commit();
        } else {
          const h = item as Awaited<ReturnType<typeof registry.listHouseholds>>['items'][number];
          ws.addRow({
            room: h.roomLabel,
            building: h.buildingNumber,
            unit: h.unitNo,
            floor: h.floor,
            roomNo: h.roomNo,
            use: label(HOUSEHOLD_USE_LABELS as Record<HouseholdUse, { zh: string }>, h.use),
            householder: h.householderName ?? '',
            members: h.members,
            tags: tagText(h.tags),
            lastVisit: h.lastVisitAt ?? '',
          }).commit();
        }
      }
    }
    ws.commit();
    await wb.commit();
  };
  return { rows, write };
}
