import type { Role } from '../../common/permissions.js';
import type { Deps } from '../context.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertNode } from '../modules/grid/grid.repository.js';

export const TEST_PASSWORD = 'Fengqiao-2026!';
const ALL_SUBJECTS = ['party', 'governance', 'civil', 'petition', 'urban'];
let cachedHash: Promise<string> | null = null;

export interface NodeRef {
  id: number;
  path: string;
  code: string;
  name: string;
}

/** Inserts a node straight through the repository (test data, no audit). */
export async function makeNode(
  deps: Deps,
  parent: NodeRef | null,
  level: string,
  code: string,
  name: string,
): Promise<NodeRef> {
  const id = await insertNode(
    deps.db,
    {
      parentId: parent?.id ?? null,
      level,
      code,
      name,
      subjects: ALL_SUBJECTS,
      partyOrgType: level === 'grid' ? 'branch' : level === 'microgrid' ? 'group' : null,
      partyOrgName: null,
      partySecretary: null,
      boundary: null,
      at: deps.clock.now().toISOString(),
    },
    parent?.path ?? null,
  );
  return { id, path: `${parent?.path ?? '/'}${id}/`, code, name };
}

/**
 * A small city: 阳泉市 → 城区 → 北大街街道 → 政府大院社区 → grids 1 and 2 → one micro-grid each,
 * plus a second community 东山社区 with one grid.
 */
export async function makeCity(deps: Deps) {
  const city = await makeNode(deps, null, 'city', '140300', '阳泉市');
  const district = await makeNode(deps, city, 'district', '140302', '城区');
  const street = await makeNode(deps, district, 'street', '140302002', '北大街街道');
  const community = await makeNode(deps, street, 'community', '140302002001', '政府大院社区');
  const grid1 = await makeNode(deps, community, 'grid', '140302002001001', '第一网格');
  const grid2 = await makeNode(deps, community, 'grid', '140302002001002', '第二网格');
  const micro11 = await makeNode(deps, grid1, 'microgrid', '140302002001001001', '第一网格一号微网格');
  const micro21 = await makeNode(deps, grid2, 'microgrid', '140302002001002001', '第二网格一号微网格');
  const community2 = await makeNode(deps, street, 'community', '140302002002', '东山社区');
  const grid3 = await makeNode(deps, community2, 'grid', '140302002002001', '东山第一网格');
  return { city, district, street, community, grid1, grid2, micro11, micro21, community2, grid3 };
}

/** Inserts a user with the given role assignments; password defaults to TEST_PASSWORD. */
export async function makeUser(
  deps: Deps,
  username: string,
  assignments: Array<{ role: Role; node: NodeRef }>,
  opts: { password?: string; displayName?: string; phone?: string; idNumber?: string } = {},
) {
  const at = deps.clock.now().toISOString();
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = opts.password ? await hashPassword(opts.password) : await cachedHash;
  const { crypto } = deps;
  const user = await deps.db
    .insertInto('users')
    .values({
      username,
      display_name: opts.displayName ?? username,
      password_hash: passwordHash,
      phone_enc: opts.phone ? crypto.encrypt(opts.phone) : null,
      phone_bidx: opts.phone ? crypto.blindIndex('phone', opts.phone) : null,
      id_number_enc: opts.idNumber ? crypto.encrypt(opts.idNumber) : null,
      id_number_bidx: opts.idNumber ? crypto.blindIndex('id_number', opts.idNumber) : null,
      status: 'active',
      failed_logins: 0,
      locked_until: null,
      totp_secret_enc: null,
      totp_enabled: 0,
      locale: 'zh-CN',
      must_change_password: 0,
      last_login_at: null,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const a of assignments) {
    await deps.db
      .insertInto('role_assignments')
      .values({ user_id: user.id, role: a.role, node_id: a.node.id, created_at: at })
      .execute();
  }
  return { id: user.id, username };
}

/** Audit rows of one action, oldest first (for assertions). */
export function auditRows(deps: Deps, action: string) {
  return deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}
