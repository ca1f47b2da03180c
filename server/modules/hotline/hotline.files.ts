import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readLines } from '../imports/import-files.js';
import type { RowProblem } from '../imports/import-rows.js';
import { EXAMPLE_ID, HOTLINE_COLUMNS } from './hotline-columns.js';

// The spreadsheets of the 12345 exchange (docs/hotline-12345.md): the work-order template, the dry-run report with
// every problem and every skipped or changed order, and the reply sheet returned to the hotline.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TEMPLATE_SHEET = '12345工单';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE9E7' } };

/** The template: one data sheet (headers as 12345 exports name them, one example row) and 说明. */
export async function hotlineTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneGrid 一张网';
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = HOTLINE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.key === 'externalId' || c.key === 'phone' || c.key === 'nodeCode' ? { numFmt: '@' } : {},
  }));
  const head = ws.getRow(1);
  head.height = 22;
  HOTLINE_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC8161D' : 'FF262626' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = `${c.en} (${c.key})${c.required ? ' — 必填 required' : ''}\n${c.hint}`;
  });
  ws.addRow(
    Object.fromEntries(HOTLINE_COLUMNS.map((c) => [c.key, c.key === 'externalId' ? EXAMPLE_ID : c.example])),
  );
  const urgency = HOTLINE_COLUMNS.findIndex((c) => c.key === 'urgency') + 1;
  const letter = ws.getColumn(urgency).letter;
  (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations.add(`${letter}2:${letter}10000`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"一般,紧急,特急"'],
    showErrorMessage: true,
    errorTitle: '紧急程度',
    error: '一般 / 紧急 / 特急',
  });
  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '必填', key: 'required', width: 8 },
    { header: '也可以叫', key: 'aliases', width: 30 },
    { header: '填写说明', key: 'hint', width: 64 },
    { header: 'English', key: 'en', width: 22 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of HOTLINE_COLUMNS)
    help.addRow({
      header: c.header,
      required: c.required ? '是' : c.inHeader ? '列必须有' : '',
      aliases: c.aliases.join('、'),
      hint: c.hint,
      en: c.en,
    });
  help.addRow({});
  help.addRow({
    header: '提示',
    hint: '第 2 行是示例，导入前请删除；12345 系统导出的表格列名相同或为“也可以叫”中的名称即可直接上传。',
  });
  help.addRow({
    header: '',
    hint: '同一工单号只导入一次：重复上传同一文件不会新建事件，已导入的工单显示为“已导入”。',
  });
  help.addRow({ header: '', hint: '也可另存为 CSV（UTF-8）上传。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A line of the dry-run report beyond plain errors: an order already imported, or changed since. */
export interface HotlineNotice {
  row: number;
  externalId: string;
  kind: 'already_imported' | 'changed';
  caseId: number;
  caseNumber: string;
  /** changed: the headers of the columns that differ */
  columns: string[];
}

const NOTICE_TEXT = {
  already_imported: { zh: '已导入，跳过', en: 'Already imported; skipped' },
  changed: {
    zh: '已导入，但内容有变化：未覆盖，请人工核对',
    en: 'Already imported but changed; not overwritten',
  },
} as const;

/** Streams the whole report: every problem (row, column, reason) and every skipped or changed order. */
export async function writeHotlineReport(errorsFile: string, noticesFile: string, out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('错误明细');
  ws.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 18 },
    { header: '原因', key: 'zh', width: 60 },
    { header: 'Reason', key: 'en', width: 60 },
    { header: '代码 Code', key: 'code', width: 28 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const chunk of readLines<RowProblem>(errorsFile, 2000))
    for (const e of chunk)
      ws.addRow({ row: e.row, column: e.column, zh: e.message.zh, en: e.message.en, code: e.code }).commit();
  ws.commit();
  const ns = wb.addWorksheet('已导入的工单');
  ns.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '工单号', key: 'externalId', width: 22 },
    { header: '事件编号', key: 'caseNumber', width: 18 },
    { header: '结果', key: 'zh', width: 40 },
    { header: 'Outcome', key: 'en', width: 36 },
    { header: '有变化的列', key: 'columns', width: 30 },
  ];
  ns.getRow(1).font = { bold: true };
  ns.getRow(1).commit();
  for await (const chunk of readLines<HotlineNotice>(noticesFile, 2000))
    for (const n of chunk)
      ns.addRow({
        row: n.row,
        externalId: n.externalId,
        caseNumber: n.caseNumber,
        zh: NOTICE_TEXT[n.kind].zh,
        en: NOTICE_TEXT[n.kind].en,
        columns: n.columns.join('、'),
      }).commit();
  ns.commit();
  await wb.commit();
}

/** One line of the reply sheet returned to the hotline. */
export interface HotlineReply {
  externalId: string;
  state: string;
  result: string;
  unit: string;
  doneAt: string;
  rating: string;
  resolved: string;
  caseNumber: string;
  calledAt: string;
}

export const REPLY_COLUMNS: Array<{ header: string; key: keyof HotlineReply; width: number }> = [
  { header: '工单号', key: 'externalId', width: 22 },
  { header: '办理状态', key: 'state', width: 12 },
  { header: '办理结果', key: 'result', width: 60 },
  { header: '承办单位', key: 'unit', width: 20 },
  { header: '办结时间', key: 'doneAt', width: 18 },
  { header: '回访满意度', key: 'rating', width: 12 },
  { header: '是否解决', key: 'resolved', width: 10 },
  { header: '事件编号', key: 'caseNumber', width: 18 },
  { header: '来电时间', key: 'calledAt', width: 18 },
];

/** Streams the reply sheet: one row per order, in the hotline's own column names. */
export async function writeReplySheet(rows: AsyncIterable<HotlineReply[]>, out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('办理结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = REPLY_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.key === 'result' ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  head.commit();
  for await (const chunk of rows) for (const r of chunk) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}
