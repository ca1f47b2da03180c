import { useCallback } from 'react';
import { type TranslateVars, useI18n } from '../../lib/i18n';

/** Wording of the visits screens: [中文, English], Chinese first (kept with the feature to spare merges). */
const VISIT_MESSAGES = {
  'visits.title': ['走访排查', 'Visits and screening'],
  'visits.subtitle': [
    '按计划入户走访，排查矛盾纠纷，服务做在前头',
    'Visit households on schedule and screen for disputes early',
  ],
  'visits.tab.today': ['今日走访', 'Due today'],
  'visits.tab.coverage': ['排查覆盖率', 'Screening coverage'],
  'visits.today.count': ['待走访 {count} 户', '{count} households due'],
  'visits.today.shown': ['（显示前 {count} 户）', '(first {count} shown)'],
  'visits.today.empty': ['今天没有待走访的住户', 'No household is due a visit today'],
  'visits.today.overdue': ['逾期 {days} 天', '{days} days overdue'],
  'visits.today.dueToday': ['今日到期', 'Due today'],
  'visits.today.last': ['上次走访 {date}', 'Last visit {date}'],
  'visits.today.never': ['尚未走访', 'Never visited'],
  'visits.today.record': ['登记走访', 'Record visit'],
  'visits.today.history': ['走访记录', 'History'],
  'visits.screening': ['矛盾纠纷排查', 'Dispute screening'],
  'visits.new.title': ['登记走访', 'Record a visit'],
  'visits.new.missing': [
    '请从今日走访列表或房屋卡片进入',
    'Open this from the today list or a household card',
  ],
  'visits.method': ['走访方式', 'How'],
  'visits.method.in_person': ['入户', 'In person'],
  'visits.method.phone': ['电话', 'Phone'],
  'visits.method.wechat': ['微信', 'WeChat'],
  'visits.findings': ['走访情况', 'Findings'],
  'visits.findings.placeholder': [
    '家庭近况、困难诉求、发现的问题……',
    'How the household is doing, needs, problems found…',
  ],
  'visits.dispute': ['发现矛盾纠纷', 'Dispute found'],
  'visits.dispute.hint': ['发现后纳入矛盾纠纷台账跟踪化解', 'Tracked until resolved'],
  'visits.followUp': ['需要跟进', 'Follow-up needed'],
  'visits.photos': ['现场照片', 'Photos'],
  'visits.photos.hint': [
    'JPG / PNG / WebP，每张不超过 5 MB，最多 9 张',
    'JPG / PNG / WebP, ≤ 5 MB each, up to 9',
  ],
  'visits.photos.add': ['添加照片', 'Add photo'],
  'visits.photos.tooLarge': ['“{name}”超过 5 MB，请压缩后再上传', '“{name}” is larger than 5 MB'],
  'visits.photos.badType': ['“{name}”不是 JPG、PNG 或 WebP 图片', '“{name}” is not a JPG, PNG or WebP image'],
  'visits.submit': ['提交走访记录', 'Save visit'],
  'visits.saved': ['走访已登记', 'Visit recorded'],
  'visits.savedPhotosFailed': [
    '走访已登记，但照片上传失败：{reason}',
    'Visit saved, but the photos failed: {reason}',
  ],
  'visits.plan': ['走访计划', 'Plan'],
  'visits.history.title': ['{room} 走访记录', 'Visits to {room}'],
  'visits.history.empty': ['还没有走访记录', 'No visits yet'],
  'visits.history.by': ['{name} · {method}', '{name} · {method}'],
  'visits.dispute.open': ['矛盾未化解', 'Dispute open'],
  'visits.dispute.resolved': ['矛盾已化解 {date}', 'Resolved {date}'],
  'visits.flagged': ['已转事项', 'Matter raised'],
  'visits.followUp.tag': ['需跟进', 'Follow-up'],
  'visits.action.resolve': ['标记已化解', 'Mark resolved'],
  'visits.action.flag': ['转为事项', 'Raise a matter'],
  'visits.action.done': ['已更新', 'Updated'],
  'visits.coverage.period': ['统计期', 'Period'],
  'visits.coverage.node': ['网格', 'Grid'],
  'visits.coverage.screened': ['已排查/户数', 'Screened/total'],
  'visits.coverage.rate': ['覆盖率', 'Coverage'],
  'visits.coverage.total': ['合计', 'Total'],
  'visits.coverage.empty': ['所选范围内没有住户', 'No households in this area'],
  'visits.back': ['返回', 'Back'],
} as const satisfies Record<string, readonly [string, string]>;

export type VisitMessageKey = keyof typeof VISIT_MESSAGES;

/** `t` for the visits screens, in the UI language. */
export function useVisitText() {
  const { locale } = useI18n();
  return useCallback(
    (key: VisitMessageKey, vars?: TranslateVars) => {
      const text = VISIT_MESSAGES[key][locale === 'en' ? 1 : 0];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
    },
    [locale],
  );
}
