import { useCallback } from 'react';
import { type TranslateVars, useI18n } from '../../lib/i18n';

/** Wording of the notification centre and the webhook settings: [中文, English], Chinese first. */
const NOTIFICATION_MESSAGES = {
  'ntf.bell': ['通知', 'Notifications'],
  'ntf.bell.unread': ['{count} 条未读通知', '{count} unread notifications'],
  'ntf.title': ['通知中心', 'Notifications'],
  'ntf.subtitle': [
    '新任务、临期超期、督办、退回和评价，一处查看',
    'New tasks, deadlines, supervision, returns and ratings in one place',
  ],
  'ntf.filter.all': ['全部', 'All'],
  'ntf.filter.unread': ['未读', 'Unread'],
  'ntf.readAll': ['全部标为已读', 'Mark all read'],
  'ntf.readAll.done': ['已全部标为已读', 'All marked read'],
  'ntf.viewAll': ['查看全部通知', 'See all notifications'],
  'ntf.empty': ['暂无通知', 'No notifications'],
  'ntf.empty.unread': ['没有未读通知', 'Nothing unread'],
  'ntf.unreadCount': ['未读 {count}', '{count} unread'],
  'ntf.markRead': ['标为已读', 'Mark read'],
  'ntf.kind.new_task': ['新任务', 'New task'],
  'ntf.kind.returned': ['被退回', 'Returned'],
  'ntf.kind.supervised': ['督办', 'Supervised'],
  'ntf.kind.rated': ['已评价', 'Rated'],
  'ntf.kind.deadline_yellow': ['即将到期', 'Deadline near'],
  'ntf.kind.deadline_red': ['已超期', 'Overdue'],
  'ntf.text.create': ['新上报事件，请及时受理', 'A new case is waiting to be taken in'],
  'ntf.text.escalate': ['{actor}将事件上报到本级，请及时办理', '{actor} escalated the case to you'],
  'ntf.text.dispatch.lead': [
    '{actor}将事件分派给您的单位（主办），请签收办理',
    '{actor} assigned the case to your unit as lead; please sign for it',
  ],
  'ntf.text.dispatch.assist': [
    '{actor}将事件分派给您的单位（协办），请签收配合',
    '{actor} assigned the case to your unit to assist; please sign for it',
  ],
  'ntf.text.dueBy': ['，限 {due} 前办结', ', due {due}'],
  'ntf.text.returned': ['{actor}退回了事件：{reason}', '{actor} returned the case: {reason}'],
  'ntf.text.supervised': ['{actor}督办此事件：{note}', '{actor} is supervising the case: {note}'],
  'ntf.text.rated': ['居民评价：{rating}', 'Resident’s rating: {rating}'],
  'ntf.text.rated.reopen': ['，已重新办理', '; reopened'],
  'ntf.text.rated.head': ['，已转社区负责人', '; sent to the community head'],
  'ntf.text.yellow.handling': [
    '办理时限已用 75%，将于 {due} 到期',
    '75 % of the handling time used; due {due}',
  ],
  'ntf.text.yellow.response': [
    '响应时限已用 75%，将于 {due} 到期',
    '75 % of the response time used; due {due}',
  ],
  'ntf.text.red.handling': ['已超过办理时限（{due}）', 'Past the handling deadline ({due})'],
  'ntf.text.red.response': ['已超过响应时限（{due}）', 'Past the response deadline ({due})'],
  'ntf.someone': ['有人', 'Someone'],
  'ntf.rating.satisfied': ['满意', 'Satisfied'],
  'ntf.rating.basically_satisfied': ['基本满意', 'Basically satisfied'],
  'ntf.rating.unsatisfied': ['不满意', 'Unsatisfied'],
  'ntf.load.error': ['通知加载失败', 'Could not load notifications'],

  'wh.title': ['Webhook 推送', 'Webhooks'],
  'wh.subtitle': [
    '事件办理的每一步可推送到外部系统（签名校验，失败自动重试）；推送内容不含个人信息',
    'Push case events to other systems, signed and retried; no personal data leaves',
  ],
  'wh.create': ['新增接收端', 'Add endpoint'],
  'wh.edit': ['编辑接收端', 'Edit endpoint'],
  'wh.col.name': ['名称', 'Name'],
  'wh.col.url': ['接收地址', 'URL'],
  'wh.col.events': ['订阅事件', 'Events'],
  'wh.col.active': ['启用', 'Active'],
  'wh.col.deliveries': ['投递情况', 'Deliveries'],
  'wh.col.last': ['最近投递', 'Last delivery'],
  'wh.col.actions': ['操作', 'Actions'],
  'wh.events.all': ['全部 {count} 种事件', 'All {count} events'],
  'wh.events.count': ['{count} 种事件', '{count} events'],
  'wh.counts': [
    '成功 {delivered} · 待发 {pending} · 失败 {failed}',
    '{delivered} sent · {pending} queued · {failed} failed',
  ],
  'wh.never': ['尚未投递', 'Nothing sent yet'],
  'wh.empty': [
    '还没有接收端。新增后，事件办理的每一步都会推送到该地址。',
    'No endpoint yet. Add one to receive case events.',
  ],
  'wh.form.name': ['名称', 'Name'],
  'wh.form.name.placeholder': ['如：区城市运行指挥中心', 'e.g. District operations centre'],
  'wh.form.url': ['接收地址（http/https）', 'URL (http/https)'],
  'wh.form.events': ['订阅的事件', 'Events to receive'],
  'wh.form.events.all': ['全选', 'Select all'],
  'wh.form.active': ['启用推送', 'Active'],
  'wh.form.required': ['请填写{field}', '{field} is required'],
  'wh.form.eventsRequired': ['至少选择一种事件', 'Choose at least one event'],
  'wh.saved': ['已保存', 'Saved'],
  'wh.ping': ['发送测试', 'Send ping'],
  'wh.ping.queued': [
    '测试事件已排队发送，稍后在投递记录中查看结果',
    'Ping queued; see the delivery log for the result',
  ],
  'wh.rotate': ['更换密钥', 'Rotate secret'],
  'wh.rotate.confirm': [
    '更换后旧密钥立即失效，接收端须改用新密钥校验签名。确定更换？',
    'The old secret stops working at once; the receiver must switch to the new one. Rotate?',
  ],
  'wh.delete': ['删除', 'Delete'],
  'wh.delete.confirm': ['删除接收端及其全部投递记录？', 'Delete this endpoint and its delivery log?'],
  'wh.deleted': ['已删除', 'Deleted'],
  'wh.log': ['投递记录', 'Delivery log'],
  'wh.log.title': ['投递记录 · {name}', 'Delivery log · {name}'],
  'wh.log.event': ['事件', 'Event'],
  'wh.log.case': ['事件编号', 'Case'],
  'wh.log.status': ['状态', 'Status'],
  'wh.log.attempts': ['尝试次数', 'Attempts'],
  'wh.log.response': ['响应', 'Response'],
  'wh.log.error': ['最近错误', 'Last error'],
  'wh.log.next': ['下次重试', 'Next try'],
  'wh.log.created': ['产生时间', 'Created'],
  'wh.log.redeliver': ['重新投递', 'Redeliver'],
  'wh.event.ping': ['测试事件', 'Test ping'],
  'wh.log.redelivered': ['已重新排队投递', 'Queued again'],
  'wh.log.payload': ['推送内容', 'Payload'],
  'wh.log.empty': ['暂无投递记录', 'No deliveries yet'],
  'wh.status.pending': ['待发送', 'Pending'],
  'wh.status.delivered': ['已送达', 'Delivered'],
  'wh.status.failed': ['失败', 'Failed'],
  'wh.status.any': ['全部状态', 'Any status'],
  'wh.secret.title': ['签名密钥（仅显示这一次）', 'Signing secret (shown once)'],
  'wh.secret.body': [
    '请立即复制并妥善保存。接收端用它校验 X-OneGrid-Signature：对“时间戳.请求体”计算 HMAC-SHA256，结果与 sha256= 后的十六进制比较。',
    'Copy it now. The receiver checks X-OneGrid-Signature with it: HMAC-SHA256 of "timestamp.body", compared with the hex after sha256=.',
  ],
  'wh.secret.copy': ['复制密钥', 'Copy'],
  'wh.secret.copied': ['已复制', 'Copied'],
  'wh.secret.done': ['我已保存', 'I have saved it'],
  'wh.retry.note': [
    '失败后依次在 1 分钟、5 分钟、30 分钟、2 小时、12 小时后重试，仍失败则标记为失败，可手动重新投递。',
    'Failed deliveries are retried after 1 min, 5 min, 30 min, 2 h and 12 h, then marked failed; redeliver by hand.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type NotificationMessageKey = keyof typeof NOTIFICATION_MESSAGES;
export type NotificationTranslate = (key: NotificationMessageKey, vars?: TranslateVars) => string;

export function translateNotifications(
  locale: string,
  key: NotificationMessageKey,
  vars?: TranslateVars,
): string {
  const text: string = NOTIFICATION_MESSAGES[key][locale === 'en' ? 1 : 0];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** `t` for the notification and webhook screens, in the UI language. */
export function useNotificationText() {
  const { locale, t: tCore } = useI18n();
  const t = useCallback<NotificationTranslate>(
    (key, vars) => translateNotifications(locale, key, vars),
    [locale],
  );
  return { t, tCore, locale };
}
