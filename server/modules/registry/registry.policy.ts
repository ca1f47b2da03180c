import {
  type Actor,
  authorize,
  isInSubtree,
  type Permission,
  ROLE_PERMISSIONS,
  type Role,
} from '../../../common/permissions.js';
import { canSeeTag, type TagSensitivity } from '../../../common/tags.js';

// PURE: who may see and do what on people and places (docs/api-registry.md). No I/O: the service loads rows
// and asks here; presenters ship the answers as `allowedActions` and as the filtered tag lists.

/** A dictionary tag as the registry uses it (the tags table, parsed). */
export interface TagRecord {
  id: number;
  code: string;
  name: { zh: string; en: string };
  symbol: string;
  color: string;
  appliesTo: 'household' | 'person';
  sensitivity: TagSensitivity;
  visibleRoles: Role[];
  derived: boolean;
  riskLevels: string[];
  sort: number;
  active: boolean;
}

/** Roles the actor holds on a node: those of every assignment whose subtree contains it. */
export function rolesAt(actor: Actor, nodePath: string): Role[] {
  const roles = new Set<Role>();
  for (const a of actor.assignments) if (isInSubtree(nodePath, a.nodePath)) roles.add(a.role);
  return [...roles];
}

/** Whether the actor may see this tag on a record under `nodePath`; inactive tags are seen by nobody. */
export function tagVisibleAt(actor: Actor, nodePath: string, tag: TagRecord): boolean {
  return tag.active && canSeeTag(rolesAt(actor, nodePath), tag);
}

/**
 * A memoised "which tag codes may the actor see on this node" function over one dictionary, so a list of
 * thousands of rows costs one canSeeTag pass per distinct node.
 */
export function tagVisibility(actor: Actor, tags: readonly TagRecord[]): (nodePath: string) => Set<string> {
  const memo = new Map<string, Set<string>>();
  return (nodePath) => {
    let set = memo.get(nodePath);
    if (!set) {
      const roles = rolesAt(actor, nodePath);
      set = new Set(tags.filter((t) => t.active && canSeeTag(roles, t)).map((t) => t.code));
      memo.set(nodePath, set);
    }
    return set;
  };
}

/**
 * The subtrees (assignment node paths) in which the actor sees a tag. A tag is visible on a node iff one
 * assignment covering the node has a role that may see it, so this union is exactly where it shows.
 */
export function tagVisibleSubtrees(actor: Actor, tag: TagRecord): string[] {
  if (!tag.active) return [];
  return minimalPaths(actor.assignments.filter((a) => canSeeTag([a.role], tag)).map((a) => a.nodePath));
}

/** Whether the actor sees the tag anywhere (the tag dictionary list). */
export function tagVisibleSomewhere(actor: Actor, tag: TagRecord): boolean {
  return tag.active && actor.assignments.some((a) => canSeeTag([a.role], tag));
}

/** Drops paths that lie under another path of the list, so scope filters stay short. */
export function minimalPaths(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => isInSubtree(p, q))) out.push(p);
  return out;
}

/** The subtrees in which the actor holds a permission. */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  return minimalPaths(
    actor.assignments
      .filter((a) => Object.hasOwn(ROLE_PERMISSIONS, a.role) && ROLE_PERMISSIONS[a.role].includes(permission))
      .map((a) => a.nodePath),
  );
}

export const can = (actor: Actor, permission: Permission, nodePath: string) =>
  authorize(actor, permission, { path: nodePath });

export const HOUSEHOLD_ACTIONS = ['edit', 'add_resident', 'assign_tag', 'record_visit'] as const;
export const RESIDENT_ACTIONS = [
  'edit',
  'move_out',
  'move_in',
  'assign_tag',
  'reveal_id',
  'reveal_phone',
] as const;
export const BUILDING_ACTIONS = ['edit', 'add_household'] as const;

/** Actions on a household: every write needs person.write on its micro-grid. */
export function householdActions(actor: Actor, nodePath: string): string[] {
  return can(actor, 'person.write', nodePath) ? [...HOUSEHOLD_ACTIONS] : [];
}

export function buildingActions(actor: Actor, nodePath: string): string[] {
  return can(actor, 'person.write', nodePath) ? [...BUILDING_ACTIONS] : [];
}

/**
 * Actions on a resident. Moving out only applies to someone living here; moving in to anyone (a move
 * between households or a return). Reveal needs person.reveal and a stored value.
 */
export function residentActions(
  actor: Actor,
  nodePath: string,
  r: { status: string; hasIdNumber: boolean; hasPhone: boolean },
): string[] {
  const out: string[] = [];
  if (can(actor, 'person.write', nodePath)) {
    out.push('edit');
    if (r.status === 'active') out.push('move_out');
    out.push('move_in');
    if (r.status === 'active') out.push('assign_tag');
  }
  if (can(actor, 'person.reveal', nodePath)) {
    if (r.hasIdNumber) out.push('reveal_id');
    if (r.hasPhone) out.push('reveal_phone');
  }
  return out;
}

/** Picks the more serious of two risk levels, by their order in the tag's list (later = more serious). */
export function higherRisk(tag: TagRecord, a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return tag.riskLevels.indexOf(b) > tag.riskLevels.indexOf(a) ? b : a;
}
