import { useCallback } from 'react';
import { type TranslateVars, translate as translateCore, type UiLocale, useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';

/** 数据导入 wording, [中文, English], kept beside the feature (as the registry screens do). */
export const importMessages = {
  'imp.title': ['数据导入', 'Data import'],
  'imp.subtitle': [
    '下载模板 → 填写 → 上传校验 → 确认导入；全部有效行一次写入，出错则一行不写',
    'Template → fill in → upload and check → confirm; all valid rows are written at once, or none',
  ],
  'imp.step.kind': ['选择类型', 'Choose'],
  'imp.step.upload': ['上传校验', 'Upload & check'],
  'imp.step.report': ['核对结果', 'Review'],
  'imp.step.done': ['完成', 'Done'],
  'imp.kind': ['导入类型', 'What to import'],
  'imp.kind.buildings': ['楼栋', 'Buildings'],
  'imp.kind.households': ['房屋（户）', 'Households'],
  'imp.kind.residents': ['居民', 'Residents'],
  'imp.kind.buildings.hint': [
    '楼栋号、单元数、层数、每层户数；导入时自动生成房屋',
    'Numbers, units, floors, rooms; rooms are created too',
  ],
  'imp.kind.households.hint': [
    '房号与用途；已有房屋则更新用途',
    'Room and use; existing rooms get the new use',
  ],
  'imp.kind.residents.hint': [
    '姓名、身份证号、手机号、房号、与户主关系等',
    'Name, ID number, phone, room, relation …',
  ],
  'imp.scope': ['导入范围', 'Import into'],
  'imp.scope.all': ['我负责的全部网格', 'All my grids'],
  'imp.template': ['下载 Excel 模板', 'Download the Excel template'],
  'imp.upload': ['选择文件上传校验', 'Choose a file to check'],
  'imp.upload.drag': [
    '点击或拖入 .xlsx / .csv 文件（≤ 50 MB）',
    'Click or drop an .xlsx / .csv file (≤ 50 MB)',
  ],
  'imp.upload.note': [
    '上传后只做校验，不会写入任何数据；确认无误后再点“确认导入”。',
    'Uploading only checks the file; nothing is written until you confirm.',
  ],
  'imp.progress.upload': ['正在上传…', 'Uploading…'],
  'imp.progress.validate': ['正在校验，已检查 {count} 行', 'Checking: {count} rows so far'],
  'imp.progress.commit': ['正在导入 {done}/{total} 行', 'Importing {done}/{total} rows'],
  'imp.summary.total': ['数据行', 'Rows'],
  'imp.summary.valid': ['有效', 'Valid'],
  'imp.summary.bad': ['有问题', 'With problems'],
  'imp.summary.problems': ['问题数', 'Problems'],
  'imp.report.title': ['问题清单', 'Problems found'],
  'imp.report.first': [
    '仅显示前 {count} 条，完整清单请下载',
    'Showing the first {count}; download the full list',
  ],
  'imp.report.none': ['全部数据校验通过', 'Every row passed the checks'],
  'imp.report.download': ['下载全部错误（Excel）', 'Download all problems (Excel)'],
  'imp.col.row': ['行号', 'Row'],
  'imp.col.column': ['列', 'Column'],
  'imp.col.reason': ['原因', 'Reason'],
  'imp.commit': ['确认导入 {count} 条有效数据', 'Import the {count} valid rows'],
  'imp.commit.confirm': [
    '将一次写入 {count} 条有效数据，有问题的 {bad} 行不会导入。确定吗？',
    '{count} valid rows will be written in one go; the {bad} rows with problems are left out. Go ahead?',
  ],
  'imp.commit.none': [
    '没有可导入的有效数据，请修改后重新上传',
    'No valid rows; fix the file and upload again',
  ],
  'imp.again': ['重新上传', 'Upload another file'],
  'imp.done.title': ['导入完成', 'Import complete'],
  'imp.done.body': [
    '已写入 {inserted} 条{updated}，并记入审计日志。',
    '{inserted} rows written{updated}; recorded in the audit log.',
  ],
  'imp.done.updated': ['，更新 {count} 条', ', {count} updated'],
  'imp.failed': ['导入没有完成，数据未作任何改动', 'The import did not finish; nothing was changed'],
  'exp.button': ['导出 Excel', 'Export to Excel'],
  'exp.reveal': ['含明文身份证号、手机号（将记入审计）', 'With full ID and phone numbers (audited)'],
  'exp.masked': ['脱敏导出', 'Masked export'],
  'exp.done': ['已导出 {name}', 'Exported {name}'],
} as const;

export type ImportMessageKey = keyof typeof importMessages;
export type ImportTranslate = (key: ImportMessageKey | MessageKey, vars?: TranslateVars) => string;

function isImportKey(key: string): key is ImportMessageKey {
  return Object.hasOwn(importMessages, key);
}

export function translateImports(locale: UiLocale, key: ImportMessageKey | MessageKey, vars?: TranslateVars) {
  if (!isImportKey(key)) return translateCore(locale, key, vars);
  const text: string = importMessages[key][locale === 'en' ? 1 : 0];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useImportsI18n() {
  const { locale, setLocale } = useI18n();
  const t = useCallback<ImportTranslate>((key, vars) => translateImports(locale, key, vars), [locale]);
  return { locale, setLocale, t };
}
