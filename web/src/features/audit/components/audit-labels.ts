import type { LocalizedText } from '../../../../../common/i18n';

/** Human wording for the audit actions the server writes; unknown actions show their code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, LocalizedText>> = {
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.password_change': { zh: '修改密码', en: 'Change password' },
  'auth.totp_setup': { zh: '设置两步验证', en: 'Set up 2FA' },
  'access.denied': { zh: '越权访问被拒绝', en: 'Access denied' },
  'access.csrf_rejected': { zh: 'CSRF 校验失败', en: 'CSRF rejected' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
  'audit.prune': { zh: '清理审计日志', en: 'Prune audit log' },
  'demo.seed': { zh: '生成演示数据', en: 'Seed demo data' },
  'grid.node.create': { zh: '新建网格', en: 'Create grid' },
  'grid.node.update': { zh: '编辑网格', en: 'Edit grid' },
  'grid.node.move': { zh: '移动网格', en: 'Move grid' },
  'grid.node.retire': { zh: '撤销网格', en: 'Retire grid' },
  'grid.staff.add': { zh: '添加网格人员', en: 'Add grid staff' },
  'grid.staff.remove': { zh: '移除网格人员', en: 'Remove grid staff' },
  'grid.staff.reveal': { zh: '查看网格人员电话', en: 'Reveal staff phone' },
  'user.create': { zh: '新建用户', en: 'Create user' },
  'user.update': { zh: '修改用户', en: 'Update user' },
  'user.reset_password': { zh: '重置密码', en: 'Reset password' },
  'user.unlock': { zh: '解锁用户', en: 'Unlock user' },
  'user.assign': { zh: '授予角色', en: 'Grant role' },
  'user.unassign': { zh: '收回角色', en: 'Revoke role' },
  'user.reveal': { zh: '查看用户敏感信息', en: 'Reveal user data' },
};

export const AUDIT_ENTITY_TYPES: Readonly<Record<string, LocalizedText>> = {
  user: { zh: '用户', en: 'User' },
  grid_node: { zh: '网格', en: 'Grid node' },
  grid_staff: { zh: '网格人员', en: 'Grid staff' },
  session: { zh: '会话', en: 'Session' },
  audit_log: { zh: '审计日志', en: 'Audit log' },
};

export const VERIFY_REASON_LABELS: Readonly<Record<string, LocalizedText>> = {
  edited: { zh: '记录内容被修改（哈希不匹配）', en: 'the record was edited (hash mismatch)' },
  missing: { zh: '记录缺失（序号不连续）', en: 'a record is missing (gap in sequence)' },
  broken_link: { zh: '链接断裂（前一哈希不匹配）', en: 'the chain link is broken (previous hash mismatch)' },
};
