import { childLevel, type GridLevel, isGridLevel, parentLevel } from '../../../common/admin-codes.js';
import {
  type Actor,
  authorize,
  isInSubtree,
  type Permission,
  ROLE_PERMISSIONS,
} from '../../../common/permissions.js';

// PURE: who may do what on a grid node (docs/api-core.md "Grid"). No I/O; the service loads
// the node and asks here, the presenter ships the answer as `allowedActions`.

export const NODE_ACTIONS = ['create_child', 'rename', 'move', 'retire', 'edit_staff'] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];

export const STAFF_ACTIONS = ['reveal_phone', 'remove'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The permission each node action needs on the node itself. */
export const NODE_ACTION_PERMISSIONS: Readonly<Record<NodeAction, Permission>> = {
  create_child: 'grid.write',
  rename: 'grid.write',
  move: 'grid.write',
  retire: 'grid.write',
  edit_staff: 'grid.staff.write',
};

/** Either permission lets a person read a staff member's full phone number. */
export const REVEAL_PERMISSIONS: readonly Permission[] = ['user.reveal', 'person.reveal'];

export interface PolicyNode {
  path: string;
  level: string;
  retired: boolean;
}

export function canReadNode(actor: Actor, node: { path: string }): boolean {
  return authorize(actor, 'grid.read', { path: node.path });
}

export function canRevealStaffPhone(actor: Actor, node: { path: string }): boolean {
  return REVEAL_PERMISSIONS.some((p) => authorize(actor, p, { path: node.path }));
}

/**
 * Actions the actor may take on a node, in NODE_ACTIONS order. A retired node is read-only;
 * a micro-grid is the bottom level so it takes no children; a city is the top level so it
 * has no parent to move under.
 */
export function nodeActions(actor: Actor, node: PolicyNode): NodeAction[] {
  if (node.retired) return [];
  const level: GridLevel | null = isGridLevel(node.level) ? node.level : null;
  return NODE_ACTIONS.filter((action) => {
    if (!authorize(actor, NODE_ACTION_PERMISSIONS[action], { path: node.path })) return false;
    if (action === 'create_child') return level !== null && childLevel(level) !== null;
    if (action === 'move') return level !== null && parentLevel(level) !== null;
    return true;
  });
}

/** Actions on one staff entry of a node: reveal needs a reveal permission and a stored phone. */
export function staffActions(
  actor: Actor,
  node: { path: string },
  staff: { hasPhone: boolean },
): StaffAction[] {
  const out: StaffAction[] = [];
  if (staff.hasPhone && canRevealStaffPhone(actor, node)) out.push('reveal_phone');
  if (authorize(actor, 'grid.staff.write', { path: node.path })) out.push('remove');
  return out;
}

/**
 * The top nodes of everything the actor reaches with `permission`: the paths of the
 * assignments whose role grants it, leaving out any that lies inside another (or repeats it).
 */
export function visibleRoots(actor: Actor, permission: Permission): string[] {
  const granted = actor.assignments
    .filter((a) => Object.hasOwn(ROLE_PERMISSIONS, a.role) && ROLE_PERMISSIONS[a.role].includes(permission))
    .map((a) => a.nodePath);
  const unique = [...new Set(granted)];
  return unique.filter((p) => !unique.some((q) => q !== p && isInSubtree(p, q)));
}
