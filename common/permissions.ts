import type { LocalizedText } from './i18n';

export const ROLES = [
  'resident',
  'grid_worker',
  'community_staff',
  'petition_agent',
  'mediator',
  'expert',
  'unit_handler',
  'leader',
  'station_keeper',
  'volunteer',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, LocalizedText>> = {
  resident: { zh: '居民', en: 'Resident' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  community_staff: { zh: '社区工作人员', en: 'Community staff' },
  petition_agent: { zh: '信访代理员', en: 'Petition agent' },
  mediator: { zh: '人民调解员', en: 'Mediator' },
  expert: { zh: '专家', en: 'Expert' },
  unit_handler: { zh: '承办单位经办人', en: 'Unit handler' },
  leader: { zh: '领导', en: 'Leader' },
  station_keeper: { zh: '驿站管理员', en: 'Station keeper' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  admin: { zh: '系统管理员', en: 'System administrator' },
  auditor: { zh: '安全审计员', en: 'Security auditor' },
};

export const PERMISSIONS = [
  'grid.read',
  'grid.write',
  'grid.staff.write',
  'user.read',
  'user.write',
  'user.reveal',
  'audit.read',
  'audit.export',
  'person.read',
  'person.write',
  'person.reveal',
  'case.read',
  'case.create',
  'case.handle',
  'case.dispatch',
  'case.supervise',
  'petition.handle',
  'mediation.handle',
  'mediation.participate',
  'station.manage',
  'volunteer.self',
  'dashboard.read',
  'settings.write',
  'profile.self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Readonly<Record<Permission, LocalizedText>> = {
  'grid.read': { zh: '查看网格', en: 'View grids' },
  'grid.write': { zh: '维护网格', en: 'Edit grids' },
  'grid.staff.write': { zh: '配置网格人员', en: 'Assign grid staff' },
  'user.read': { zh: '查看用户', en: 'View users' },
  'user.write': { zh: '管理用户', en: 'Manage users' },
  'user.reveal': { zh: '查看用户敏感信息明文', en: 'Reveal user personal data' },
  'audit.read': { zh: '查看审计日志', en: 'View audit log' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
  'person.read': { zh: '查看人员信息', en: 'View residents' },
  'person.write': { zh: '维护人员信息', en: 'Edit residents' },
  'person.reveal': { zh: '查看人员敏感信息明文', en: 'Reveal resident personal data' },
  'case.read': { zh: '查看事件', en: 'View cases' },
  'case.create': { zh: '上报事件', en: 'Report cases' },
  'case.handle': { zh: '办理事件', en: 'Handle cases' },
  'case.dispatch': { zh: '分派事件', en: 'Dispatch cases' },
  'case.supervise': { zh: '督办事件', en: 'Supervise cases' },
  'petition.handle': { zh: '办理信访', en: 'Handle petitions' },
  'mediation.handle': { zh: '主持调解', en: 'Conduct mediation' },
  'mediation.participate': { zh: '参与调解', en: 'Take part in mediation' },
  'station.manage': { zh: '管理驿站', en: 'Manage stations' },
  'volunteer.self': { zh: '志愿服务', en: 'Volunteer activities' },
  'dashboard.read': { zh: '查看统计看板', en: 'View dashboards' },
  'settings.write': { zh: '修改系统设置', en: 'Change system settings' },
  'profile.self': { zh: '个人中心', en: 'Own profile' },
};

/**
 * Permissions about the system as a whole rather than a place in the grid; they are checked
 * with a null target. Everything else must name the node it acts on.
 */
export const GLOBAL_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'audit.read',
  'audit.export',
  'settings.write',
]);

/**
 * Least privilege per role (等保 2.0 访问控制, DOMAIN §8.3). 三权分立: the admin manages
 * accounts and settings but reads neither residents nor the audit log; the auditor reads the
 * audit log and nothing else, so no single account can both act and cover its tracks.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  resident: ['profile.self', 'case.create'],
  grid_worker: [
    'grid.read',
    'person.read',
    'person.write',
    'case.read',
    'case.create',
    'case.handle',
    'profile.self',
  ],
  community_staff: [
    'grid.read',
    'grid.staff.write',
    'user.read',
    'person.read',
    'person.write',
    'person.reveal',
    'case.read',
    'case.create',
    'case.handle',
    'case.dispatch',
    'case.supervise',
    'dashboard.read',
    'profile.self',
  ],
  petition_agent: [
    'grid.read',
    'person.read',
    'case.read',
    'case.create',
    'case.handle',
    'petition.handle',
    'profile.self',
  ],
  mediator: ['grid.read', 'case.read', 'mediation.handle', 'profile.self'],
  expert: ['mediation.participate', 'profile.self'],
  unit_handler: ['case.read', 'case.handle', 'profile.self'],
  leader: [
    'grid.read',
    'user.read',
    'person.read',
    'case.read',
    'case.supervise',
    'dashboard.read',
    'profile.self',
  ],
  station_keeper: ['grid.read', 'station.manage', 'profile.self'],
  volunteer: ['volunteer.self', 'profile.self'],
  admin: [
    'grid.read',
    'grid.write',
    'grid.staff.write',
    'user.read',
    'user.write',
    'user.reveal',
    'settings.write',
    'profile.self',
  ],
  auditor: ['audit.read', 'audit.export', 'profile.self'],
};

/** One role held at one grid node; it reaches that node and everything beneath it. */
export interface ActorAssignment {
  role: Role;
  nodeId: number;
  /** Materialised path of ancestor ids ending with the node's own id and '/', e.g. '/1/5/23/'. */
  nodePath: string;
}

export interface Actor {
  userId: number;
  assignments: ActorAssignment[];
}

export type PermissionTarget = { path: string } | null;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function isGlobalPermission(permission: Permission): boolean {
  return GLOBAL_PERMISSIONS.has(permission);
}

/**
 * True when `path` is `ancestorPath` or lies beneath it. Paths must be '/'-delimited on both
 * ends; a malformed ancestor grants nothing, so '/1/5' can never match '/1/55/' and '' can
 * never match everything.
 */
export function isInSubtree(path: string, ancestorPath: string): boolean {
  if (typeof path !== 'string' || typeof ancestorPath !== 'string') return false;
  if (!/^\/(\d+\/)+$/.test(ancestorPath) || !/^\/(\d+\/)+$/.test(path)) return false;
  return path.startsWith(ancestorPath);
}

function roleGrants(role: Role, permission: Permission): boolean {
  return Object.hasOwn(ROLE_PERMISSIONS, role) && ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * The single access decision: some assignment's role grants the permission, and either the
 * target lies in that assignment's subtree or there is no target and the permission is global.
 * A node-bound permission with no target is refused, so a forgotten scope fails closed.
 */
export function authorize(actor: Actor, permission: Permission, target: PermissionTarget): boolean {
  for (const assignment of actor.assignments) {
    if (!roleGrants(assignment.role, permission)) continue;
    if (target === null) {
      if (GLOBAL_PERMISSIONS.has(permission)) return true;
    } else if (isInSubtree(target.path, assignment.nodePath)) {
      return true;
    }
  }
  return false;
}

/** Everything the actor may do on `target` (or system-wide, for a null target). */
export function permissionsOn(actor: Actor, target: PermissionTarget): ReadonlySet<Permission> {
  return new Set(PERMISSIONS.filter((permission) => authorize(actor, permission, target)));
}

/** Every permission held somewhere; for menus, never for access decisions on a record. */
export function allPermissions(actor: Actor): ReadonlySet<Permission> {
  const result = new Set<Permission>();
  for (const assignment of actor.assignments) {
    if (!Object.hasOwn(ROLE_PERMISSIONS, assignment.role)) continue;
    for (const permission of ROLE_PERMISSIONS[assignment.role]) result.add(permission);
  }
  return result;
}

/**
 * Names of the actions the actor may take on `target`, in the order given, so presenters can
 * ship `allowedActions` and the UI never re-derives the rules.
 */
export function allowedActionsFor(
  actor: Actor,
  target: PermissionTarget,
  actions: Record<string, Permission>,
): string[] {
  return Object.entries(actions)
    .filter(([, permission]) => authorize(actor, permission, target))
    .map(([name]) => name);
}
