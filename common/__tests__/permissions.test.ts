import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowedActionsFor,
  allPermissions,
  authorize,
  GLOBAL_PERMISSIONS,
  isInSubtree,
  PERMISSIONS,
  type Permission,
  permissionsOn,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from '../permissions';

// Hand-written from the brief, on purpose independent of ROLE_PERMISSIONS: the matrix below
// must catch a wrong grant in the module, not re-read it.
const ALL_ROLES = [
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

const ALL_PERMISSIONS = `grid.read grid.write grid.staff.write user.read user.write user.reveal audit.read
  audit.export person.read person.write person.reveal case.read case.create case.handle case.dispatch
  case.supervise petition.handle mediation.handle mediation.participate station.manage volunteer.self
  dashboard.read settings.write profile.self`
  .split(/\s+/)
  .filter(Boolean);

const GLOBAL = new Set(['audit.read', 'audit.export', 'settings.write']);

const GRANTS: Record<(typeof ALL_ROLES)[number], string> = {
  resident: 'profile.self case.create',
  grid_worker: 'grid.read person.read person.write case.read case.create case.handle profile.self',
  community_staff: `grid.read grid.staff.write user.read person.read person.write person.reveal case.read
    case.create case.handle case.dispatch case.supervise dashboard.read profile.self`,
  petition_agent: 'grid.read person.read case.read case.create case.handle petition.handle profile.self',
  mediator: 'grid.read case.read mediation.handle profile.self',
  expert: 'mediation.participate profile.self',
  unit_handler: 'case.read case.handle profile.self',
  leader: 'grid.read user.read person.read case.read case.supervise dashboard.read profile.self',
  station_keeper: 'grid.read station.manage profile.self',
  volunteer: 'volunteer.self profile.self',
  admin: 'grid.read grid.write grid.staff.write user.read user.write user.reveal settings.write profile.self',
  auditor: 'audit.read audit.export profile.self',
};

const granted = (role: string, permission: string) => GRANTS[role as Role].split(/\s+/).includes(permission);

const ASSIGNED_PATH = '/1/5/';
const actorWith = (role: Role, nodePath = ASSIGNED_PATH, nodeId = 5): Actor => ({
  userId: 42,
  assignments: [{ role, nodeId, nodePath }],
});

const SCENARIOS = [
  { name: 'its own node', target: { path: '/1/5/' }, inScope: true },
  { name: 'a node in its subtree', target: { path: '/1/5/23/77/' }, inScope: true },
  { name: 'a sibling node', target: { path: '/1/6/' }, inScope: false },
  { name: 'a node whose id merely starts with the same digits', target: { path: '/1/55/' }, inScope: false },
  { name: 'its parent node', target: { path: '/1/' }, inScope: false },
] as const;

describe('role and permission vocabularies', () => {
  it('when the lists are read, then they match the agreed roles and permissions in order', () => {
    expect([...ROLES]).toEqual([...ALL_ROLES]);
    expect([...PERMISSIONS]).toEqual(ALL_PERMISSIONS);
    expect([...GLOBAL_PERMISSIONS].sort()).toEqual([...GLOBAL].sort());
  });

  it('when ROLE_PERMISSIONS is compared with the hand-written table, then every role matches exactly', () => {
    for (const role of ALL_ROLES) {
      expect([...ROLE_PERMISSIONS[role]].sort(), role).toEqual(
        GRANTS[role].split(/\s+/).filter(Boolean).sort(),
      );
    }
  });

  it('when ROLE_PERMISSIONS lists a role, then it holds no duplicates', () => {
    for (const role of ROLES)
      expect(new Set(ROLE_PERMISSIONS[role]).size, role).toBe(ROLE_PERMISSIONS[role].length);
  });

  it('when labels are read, then every role has Chinese and English names', () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role].zh.length, role).toBeGreaterThan(0);
      expect(ROLE_LABELS[role].en.length, role).toBeGreaterThan(0);
    }
  });

  it('when separation of duties is checked, then admin cannot see audit or residents and auditor sees only audit', () => {
    const admin = new Set<string>(ROLE_PERMISSIONS.admin);
    for (const p of ['audit.read', 'audit.export', 'person.read', 'person.write', 'person.reveal']) {
      expect(admin.has(p), p).toBe(false);
    }
    expect([...ROLE_PERMISSIONS.auditor].sort()).toEqual(['audit.export', 'audit.read', 'profile.self']);
    for (const role of ROLES.filter((r) => r !== 'auditor')) {
      expect(
        ROLE_PERMISSIONS[role].some((p) => p.startsWith('audit.')),
        role,
      ).toBe(false);
    }
  });
});

describe('authorize: full role × permission × target matrix', () => {
  for (const role of ALL_ROLES) {
    describe(`role ${role}`, () => {
      for (const permission of ALL_PERMISSIONS) {
        const grants = granted(role, permission);
        for (const scenario of SCENARIOS) {
          const expected = grants && scenario.inScope;
          it(`when a ${role} asks for ${permission} on ${scenario.name}, then ${expected ? 'allowed' : 'refused'}`, () => {
            expect(authorize(actorWith(role), permission as Permission, scenario.target)).toBe(expected);
          });
        }
        const expectedGlobal = grants && GLOBAL.has(permission);
        it(`when a ${role} asks for ${permission} with no target, then ${expectedGlobal ? 'allowed' : 'refused'}`, () => {
          expect(authorize(actorWith(role), permission as Permission, null)).toBe(expectedGlobal);
        });
      }
    });
  }
});

describe('authorize: several assignments', () => {
  const actor: Actor = {
    userId: 7,
    assignments: [
      { role: 'grid_worker', nodeId: 23, nodePath: '/1/5/23/' },
      { role: 'mediator', nodeId: 6, nodePath: '/1/6/' },
    ],
  };

  it('when a permission comes from one assignment, then it reaches only that assignment’s subtree', () => {
    expect(authorize(actor, 'person.read', { path: '/1/5/23/' })).toBe(true);
    expect(authorize(actor, 'person.read', { path: '/1/6/' })).toBe(false);
    expect(authorize(actor, 'mediation.handle', { path: '/1/6/40/' })).toBe(true);
    expect(authorize(actor, 'mediation.handle', { path: '/1/5/23/' })).toBe(false);
  });

  it('when two assignments both grant a permission, then it reaches both subtrees', () => {
    expect(authorize(actor, 'case.read', { path: '/1/5/23/' })).toBe(true);
    expect(authorize(actor, 'case.read', { path: '/1/6/9/' })).toBe(true);
    expect(authorize(actor, 'case.read', { path: '/1/7/' })).toBe(false);
  });

  it('when the actor has no assignments, then everything is refused', () => {
    const nobody: Actor = { userId: 1, assignments: [] };
    for (const p of PERMISSIONS) {
      expect(authorize(nobody, p, null)).toBe(false);
      expect(authorize(nobody, p, { path: '/1/' })).toBe(false);
    }
  });

  it('when an assignment carries an unknown role at runtime, then it grants nothing', () => {
    const odd: Actor = { userId: 1, assignments: [{ role: 'root' as Role, nodeId: 1, nodePath: '/1/' }] };
    expect(authorize(odd, 'grid.read', { path: '/1/' })).toBe(false);
    expect(allPermissions(odd).size).toBe(0);
  });
});

describe('isInSubtree', () => {
  it.each([
    ['/1/5/23/', '/1/5/', true],
    ['/1/5/', '/1/5/', true],
    ['/1/55/', '/1/5/', false],
    ['/1/', '/1/5/', false],
    ['/2/5/', '/1/5/', false],
    ['/1/5/23/', '/1/5', false],
    ['/1/5/23/', '', false],
    ['/1/5/23/', '/', false],
    ['1/5/', '/1/', false],
  ])('when %j is checked against %j, then the answer is %s', (path, ancestor, expected) => {
    expect(isInSubtree(path, ancestor)).toBe(expected);
  });
});

describe('permissionsOn and allPermissions', () => {
  const actor: Actor = {
    userId: 3,
    assignments: [
      { role: 'admin', nodeId: 1, nodePath: '/1/' },
      { role: 'volunteer', nodeId: 9, nodePath: '/1/5/9/' },
    ],
  };

  it('when asked about a node, then it lists the permissions reaching that node', () => {
    expect([...permissionsOn(actor, { path: '/1/5/' })].sort()).toEqual(
      [...ROLE_PERMISSIONS.admin].filter(Boolean).sort(),
    );
    expect([...permissionsOn(actor, { path: '/1/5/9/' })].sort()).toEqual(
      [...new Set([...ROLE_PERMISSIONS.admin, 'volunteer.self'])].sort(),
    );
    expect(permissionsOn(actor, { path: '/2/' }).size).toBe(0);
  });

  it('when asked with no target, then only global permissions appear', () => {
    expect([...permissionsOn(actor, null)]).toEqual(['settings.write']);
  });

  it('when asked for all permissions, then the union of roles is returned regardless of node', () => {
    expect([...allPermissions(actor)].sort()).toEqual(
      [...new Set([...ROLE_PERMISSIONS.admin, ...ROLE_PERMISSIONS.volunteer])].sort(),
    );
  });
});

describe('allowedActionsFor', () => {
  it('when given an action map, then it returns the allowed action names in the given order', () => {
    const actor = actorWith('grid_worker');
    const actions: Record<string, Permission> = {
      view: 'case.read',
      dispatch: 'case.dispatch',
      handle: 'case.handle',
      supervise: 'case.supervise',
      report: 'case.create',
    };
    expect(allowedActionsFor(actor, { path: '/1/5/8/' }, actions)).toEqual(['view', 'handle', 'report']);
    expect(allowedActionsFor(actor, { path: '/1/6/' }, actions)).toEqual([]);
    expect(allowedActionsFor(actor, null, actions)).toEqual([]);
  });

  it('when an auditor asks about system-wide actions, then only audit actions are allowed', () => {
    expect(
      allowedActionsFor(actorWith('auditor'), null, {
        readAudit: 'audit.read',
        exportAudit: 'audit.export',
        settings: 'settings.write',
      }),
    ).toEqual(['readAudit', 'exportAudit']);
  });
});
