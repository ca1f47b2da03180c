import { useCallback } from 'react';
import { type TranslateVars, translate as translateCore, type UiLocale, useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';

/** 12345 工单交换 wording, [中文, English], kept beside the feature (as the imports screens do). */
export const hotlineMessages = {
  'hl.title': ['12345 工单交换', '12345 hotline exchange'],
  'hl.subtitle': [
    '导入 12345 派来的工单建立事件（同一工单号只导入一次），办完后导出办理结果回传 12345',
    'Import 12345 work orders as cases (each order number once); export the results back to the hotline',
  ],
  'hl.tab.import': ['导入工单', 'Import orders'],
  'hl.tab.export': ['导出办理结果', 'Export results'],
  'hl.step.prepare': ['准备文件', 'Prepare'],
  'hl.step.upload': ['上传校验', 'Upload & check'],
  'hl.step.report': ['核对结果', 'Review'],
  'hl.step.done': ['完成', 'Done'],
  'hl.target': ['工单默认归属', 'Orders belong to'],
  'hl.target.hint': [
    '没有填写“所属社区/网格编码”的工单，归到这里',
    'Orders without a community / grid code are filed here',
  ],
  'hl.target.none': ['请选择社区或网格', 'Choose a community or grid'],
  'hl.template': ['下载 12345 工单模板', 'Download the work-order template'],
  'hl.columns': [
    '列：工单号、来电时间、诉求人、电话、诉求内容、地址、分类、办理时限（可加 紧急程度、所属社区/网格编码）。12345 系统导出的工单表可直接上传。',
    'Columns: 工单号, 来电时间, 诉求人, 电话, 诉求内容, 地址, 分类, 办理时限 (+ 紧急程度, 所属社区/网格编码). A 12345 export can be uploaded as is.',
  ],
  'hl.upload': ['选择工单文件上传校验', 'Choose a work-order file to check'],
  'hl.upload.drag': [
    '点击或拖入 .xlsx / .csv 文件（≤ 50 MB）',
    'Click or drop an .xlsx / .csv file (≤ 50 MB)',
  ],
  'hl.upload.note': [
    '上传后只做校验，不建立事件；已导入过的工单会被识别出来，不会重复建立。',
    'Uploading only checks the file; orders imported before are recognised and never created twice.',
  ],
  'hl.progress.upload': ['正在上传…', 'Uploading…'],
  'hl.progress.validate': ['正在校验，已检查 {count} 行', 'Checking: {count} rows so far'],
  'hl.progress.commit': ['正在建立事件 {done}/{total}', 'Creating cases {done}/{total}'],
  'hl.summary.total': ['数据行', 'Rows'],
  'hl.summary.new': ['新工单', 'New orders'],
  'hl.summary.skipped': ['已导入', 'Already imported'],
  'hl.summary.changed': ['有变化', 'Changed'],
  'hl.summary.bad': ['有问题', 'With problems'],
  'hl.changed.alert': [
    '{count} 个工单以前已导入，但这次文件中的内容不同：不会覆盖原事件，请打开事件人工核对。',
    '{count} orders were imported before but differ now: the cases are not overwritten; check them by hand.',
  ],
  'hl.skipped.alert': [
    '{count} 个工单以前已导入，本次跳过（不是错误）。',
    '{count} orders were imported before and are skipped (not an error).',
  ],
  'hl.report.problems': ['问题清单', 'Problems'],
  'hl.report.notices': ['已导入的工单', 'Orders imported before'],
  'hl.report.first': [
    '仅显示前 {count} 条，完整清单请下载',
    'Showing the first {count}; download the full list',
  ],
  'hl.report.none': ['全部数据校验通过', 'Every row passed the checks'],
  'hl.report.download': ['下载完整报告（Excel）', 'Download the full report (Excel)'],
  'hl.col.row': ['行号', 'Row'],
  'hl.col.column': ['列', 'Column'],
  'hl.col.reason': ['原因', 'Reason'],
  'hl.col.order': ['工单号', 'Order no.'],
  'hl.col.case': ['事件编号', 'Case'],
  'hl.col.outcome': ['结果', 'Outcome'],
  'hl.notice.already_imported': ['已导入，跳过', 'Skipped'],
  'hl.notice.changed': ['内容有变化，未覆盖', 'Changed, not overwritten'],
  'hl.commit': ['为 {count} 个新工单建立事件', 'Create cases for the {count} new orders'],
  'hl.commit.none': [
    '没有新工单（都已导入或有问题）',
    'No new orders (all imported before or with problems)',
  ],
  'hl.again': ['重新上传', 'Upload another file'],
  'hl.done.title': ['已建立 {count} 件事件', '{count} cases created'],
  'hl.done.body': ['来源为“12345热线”，已进入待受理。', 'Source “12345 hotline”, waiting to be accepted.'],
  'hl.done.skipped': [
    '{count} 个以前已导入的工单没有重复建立。',
    ' {count} orders imported before were not created again.',
  ],
  'hl.problem.where': ['第 {row} 行 · {column}', 'Row {row} · {column}'],
  'hl.done.view': ['查看事件', 'View the cases'],
  'hl.failed': ['导入没有完成，没有建立任何事件', 'The import did not finish; no case was created'],
  'hl.export.title': ['导出办理结果回传 12345', 'Export results for the hotline'],
  'hl.export.hint': [
    '按来电日期导出：工单号、办理状态、办理结果、承办单位、办结时间、回访满意度、是否解决。',
    'By call date: order no., state, result, handling unit, completion time, satisfaction, resolved.',
  ],
  'hl.export.from': ['来电日期从', 'Called from'],
  'hl.export.to': ['至', 'To'],
  'hl.export.states': ['办理状态', 'States'],
  'hl.export.states.all': ['全部状态', 'All states'],
  'hl.export.preset.closed': ['仅已办结', 'Closed only'],
  'hl.export.preset.done': ['已处置及以后', 'Handled and after'],
  'hl.export.button': ['导出 Excel', 'Export to Excel'],
  'hl.export.done': ['已导出 {name}', 'Exported {name}'],
} as const;

export type HotlineMessageKey = keyof typeof hotlineMessages;
export type HotlineTranslate = (key: HotlineMessageKey | MessageKey, vars?: TranslateVars) => string;

function isHotlineKey(key: string): key is HotlineMessageKey {
  return Object.hasOwn(hotlineMessages, key);
}

export function translateHotline(
  locale: UiLocale,
  key: HotlineMessageKey | MessageKey,
  vars?: TranslateVars,
) {
  if (!isHotlineKey(key)) return translateCore(locale, key, vars);
  const text: string = hotlineMessages[key][locale === 'en' ? 1 : 0];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useHotlineI18n() {
  const { locale, setLocale } = useI18n();
  const t = useCallback<HotlineTranslate>((key, vars) => translateHotline(locale, key, vars), [locale]);
  return { locale, setLocale, t };
}
