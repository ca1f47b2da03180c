import { describe, expect, it } from 'vitest';
import { type Actor, ROLES, type Role } from '../../../../common/permissions.js';
import { canReadNode, canRevealStaffPhone, nodeActions, staffActions, visibleRoots } from '../grid.policy.js';

// The matrix is written out by hand on purpose: it is the specification, not a copy of
// ROLE_PERMISSIONS, so a change to the role table shows up here as a failing row.
type Act =
  | 'read'
  | 'create_child'
  | 'rename'
  | 'move'
  | 'retire'
  | 'edit_staff'
  | 'reveal_phone'
  | 'remove_staff';
const ALL: Act[] = [
  'read',
  'create_child',
  'rename',
  'move',
  'retire',
  'edit_staff',
  'reveal_phone',
  'remove_staff',
];

const GRANTS: Record<Role, Act[]> = {
  resident: [],
  grid_worker: ['read'],
  community_staff: ['read', 'edit_staff', 'reveal_phone', 'remove_staff'],
  petition_agent: ['read'],
  mediator: ['read'],
  expert: [],
  unit_handler: [],
  leader: ['read'],
  station_keeper: ['read'],
  volunteer: [],
  admin: ['read', 'create_child', 'rename', 'move', 'retire', 'edit_staff', 'reveal_phone', 'remove_staff'],
  auditor: [],
};

const COMMUNITY = '/1/2/3/4/';
const TARGETS = {
  'the assigned node itself': { path: COMMUNITY, level: 'community', inside: true },
  'a grid inside the subtree': { path: '/1/2/3/4/5/', level: 'grid', inside: true },
  'a grid of a sibling community': { path: '/1/2/3/9/10/', level: 'grid', inside: false },
  'a look-alike path (/1/2/3/44/)': { path: '/1/2/3/44/', level: 'community', inside: false },
  'the parent street': { path: '/1/2/3/', level: 'street', inside: false },
} as const;

const actorAt = (role: Role, nodePath = COMMUNITY): Actor => ({
  userId: 1,
  assignments: [{ role, nodeId: 4, nodePath }],
});

function can(actor: Actor, action: Act, target: { path: string; level: string }): boolean {
  const node = { ...target, retired: false };
  switch (action) {
    case 'read':
      return canReadNode(actor, node);
    case 'reveal_phone':
      return (
        canRevealStaffPhone(actor, node) &&
        staffActions(actor, node, { hasPhone: true }).includes('reveal_phone')
      );
    case 'remove_staff':
      return staffActions(actor, node, { hasPhone: false }).includes('remove');
    default:
      return nodeActions(actor, node).includes(action);
  }
}

describe('grid policy matrix: role × action × place', () => {
  const rows = ROLES.flatMap((role) =>
    ALL.flatMap((action) =>
      Object.entries(TARGETS).map(([where, t]) => ({
        role,
        action,
        where,
        target: t,
        expected: t.inside && GRANTS[role].includes(action),
      })),
    ),
  );

  it.each(rows)(
    'when a $role at a community asks to $action on $where, then $expected',
    ({ role, action, target, expected }) => {
      expect(can(actorAt(role), action, target)).toBe(expected);
    },
  );

  it('covers every role', () => {
    expect(Object.keys(GRANTS).sort()).toEqual([...ROLES].sort());
  });
});

describe('nodeActions', () => {
  const admin = actorAt('admin', '/1/');

  it('when the node is a micro-grid, then no create_child (bottom level)', () => {
    expect(nodeActions(admin, { path: '/1/2/', level: 'microgrid', retired: false })).toEqual([
      'rename',
      'move',
      'retire',
      'edit_staff',
    ]);
  });

  it('when the node is retired, then nothing may be done to it', () => {
    expect(nodeActions(admin, { path: '/1/2/', level: 'grid', retired: true })).toEqual([]);
  });

  it('when the node is a city, then it cannot be moved (no parent level)', () => {
    expect(nodeActions(admin, { path: '/1/', level: 'city', retired: false })).toEqual([
      'create_child',
      'rename',
      'retire',
      'edit_staff',
    ]);
  });

  it('when the level is unknown, then neither create_child nor move', () => {
    expect(nodeActions(admin, { path: '/1/2/', level: 'planet', retired: false })).toEqual([
      'rename',
      'retire',
      'edit_staff',
    ]);
  });

  it('when a leader also holds admin on one grid, then writes only there', () => {
    const actor: Actor = {
      userId: 1,
      assignments: [
        { role: 'leader', nodeId: 1, nodePath: '/1/' },
        { role: 'admin', nodeId: 5, nodePath: '/1/2/3/4/5/' },
      ],
    };
    expect(nodeActions(actor, { path: '/1/2/3/4/5/', level: 'grid', retired: false })).toContain('rename');
    expect(nodeActions(actor, { path: '/1/2/3/4/6/', level: 'grid', retired: false })).toEqual([]);
    expect(canReadNode(actor, { path: '/1/2/3/4/6/' })).toBe(true);
  });
});

describe('staffActions', () => {
  it('when there is no phone on file, then no reveal_phone even with a reveal permission', () => {
    expect(staffActions(actorAt('community_staff'), { path: COMMUNITY }, { hasPhone: false })).toEqual([
      'remove',
    ]);
  });
});

describe('visibleRoots', () => {
  const a = (role: Role, nodePath: string) => ({
    role,
    nodeId: Number(nodePath.split('/').at(-2)),
    nodePath,
  });

  it('when one assignment lies inside another, then only the outer one is a root', () => {
    const actor: Actor = {
      userId: 1,
      assignments: [a('grid_worker', '/1/2/5/'), a('community_staff', '/1/2/')],
    };
    expect(visibleRoots(actor, 'grid.read')).toEqual(['/1/2/']);
  });

  it('when two assignments share a node, then it is listed once', () => {
    const actor: Actor = { userId: 1, assignments: [a('grid_worker', '/1/2/'), a('leader', '/1/2/')] };
    expect(visibleRoots(actor, 'grid.read')).toEqual(['/1/2/']);
  });

  it('when assignments are siblings, then both are roots (look-alike prefixes are not nested)', () => {
    const actor: Actor = { userId: 1, assignments: [a('grid_worker', '/1/2/'), a('grid_worker', '/1/22/')] };
    expect(visibleRoots(actor, 'grid.read')).toEqual(['/1/2/', '/1/22/']);
  });

  it('when a role lacks the permission, then its assignment is no root for it', () => {
    const actor: Actor = { userId: 1, assignments: [a('leader', '/1/'), a('admin', '/1/2/')] };
    expect(visibleRoots(actor, 'grid.write')).toEqual(['/1/2/']);
    expect(visibleRoots(actor, 'grid.read')).toEqual(['/1/']);
  });

  it('when the actor has no assignments, then no roots', () => {
    expect(visibleRoots({ userId: 1, assignments: [] }, 'grid.read')).toEqual([]);
  });
});
