import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeIdNumber } from '../../../common/id-number.js';
import type { Deps } from '../../context.js';
import { appendAudit } from '../../modules/audit/audit.service.js';
import { insertNode, insertStaff } from '../../modules/grid/grid.repository.js';
import { createUserAsSystem } from '../../modules/users/users.service.js';
import { seedCasesDemo } from './cases-demo.js';
import { DEMO_ACCOUNTS, DEMO_TREE, type DemoNode, demoName } from './demo-data.js';
import { seedRegistryDemo } from './registry-demo.js';

const ALL_SUBJECTS = ['party', 'governance', 'civil', 'petition', 'urban'];

/** A random password that satisfies the policy (upper, lower, digit, symbol; 16 chars). */
export function randomDemoPassword(): string {
  return `Og-${randomBytes(9).toString('base64url')}7a`;
}

export async function isDatabaseEmpty(deps: Deps): Promise<boolean> {
  const r = await deps.db.selectFrom('grid_nodes').select('id').limit(1).executeTakeFirst();
  return !r;
}

/** Demo mobile numbers in the 139 0035 xxxx range (阳泉's area code 0353 is not a mobile prefix). */
const demoPhone = (i: number) => `1390035${String(1000 + i).slice(-4)}`;

/**
 * Seeds the demo community in one transaction: the tree, the staff of every grid and
 * micro-grid, and one account per role. Returns the accounts for printing.
 */
export async function seedDemo(deps: Deps, password: string) {
  const now = deps.clock.now().toISOString();
  const ids = new Map<string, number>();
  let nodes = 0;
  let staff = 0;
  await deps.db.transaction().execute(async (tx) => {
    const walk = async (n: DemoNode, parentId: number | null, parentPath: string | null) => {
      const id = await insertNode(
        tx,
        {
          parentId,
          level: n.level,
          code: n.code,
          name: n.name,
          subjects: ALL_SUBJECTS,
          partyOrgType: n.partyOrgType ?? null,
          partyOrgName: n.partyOrgName ?? null,
          partySecretary: n.partySecretary ?? null,
          boundary: null,
          at: now,
        },
        parentPath,
      );
      nodes++;
      ids.set(n.key, id);
      const ownPath = `${parentPath ?? '/'}${id}/`;
      if (n.level === 'grid' || n.level === 'microgrid') {
        const posts =
          n.level === 'grid'
            ? ['grid_head', 'fulltime_worker', 'branch_secretary']
            : ['group_leader', 'parttime_worker'];
        for (const post of posts) {
          const phone = demoPhone(id * 5 + staff);
          const name =
            post === 'branch_secretary' || post === 'group_leader'
              ? (n.partySecretary ?? demoName(id))
              : demoName(id * 3 + staff);
          await insertStaff(tx, {
            nodeId: id,
            userId: null,
            name,
            post,
            phoneEnc: deps.crypto.encrypt(phone),
            phoneBidx: deps.crypto.blindIndex('phone', phone),
            since: '2024-03-01',
            at: now,
          });
          staff++;
        }
      }
      for (const c of n.children ?? []) await walk(c, id, ownPath);
    };
    await walk(DEMO_TREE, null, null);
    let i = 0;
    for (const a of DEMO_ACCOUNTS) {
      i++;
      await createUserAsSystem(
        deps,
        {
          username: a.username,
          displayName: a.displayName,
          password,
          phone: demoPhone(900 + i),
          idNumber: makeIdNumber(
            '140302',
            `19${70 + i}0${(i % 9) + 1}1${i % 10}`,
            String(100 + i * 2).padStart(3, '0'),
          ),
          assignments: [{ role: a.role, nodeId: ids.get(a.nodeKey)! }],
        },
        tx,
      );
    }
    await appendAudit(
      tx,
      deps.kind,
      { actorId: null, actorName: 'system', ip: null, requestId: null },
      { action: 'demo.seed', after: { nodes, staff, accounts: DEMO_ACCOUNTS.length } },
      deps.clock.now(),
    );
  });
  await seedRegistryDemo(deps);
  await seedCasesDemo(deps);
  return { nodes, staff, accounts: DEMO_ACCOUNTS };
}

/** Writes the demo credentials next to the data, readable by the owner only. */
export function writeDemoCredentials(dataDir: string, url: string, password: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-credentials.txt');
  const lines = [
    `OneGrid 一张网 demo — ${url}`,
    `password / 密码: ${password}`,
    '',
    ...DEMO_ACCOUNTS.map((a) => `${a.username.padEnd(12)} ${a.what.zh} / ${a.what.en}`),
    '',
  ];
  writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

export function demoBanner(
  url: string,
  password: string,
  passwordSource: 'env' | 'generated' | 'existing',
): string {
  const rows = DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(12)} ${a.what.zh} / ${a.what.en}`);
  const pw =
    passwordSource === 'existing'
      ? '    (demo accounts already exist; their password is in data/demo-credentials.txt)'
      : `    password / 密码: ${password}${passwordSource === 'env' ? ' (ONEGRID_DEMO_PASSWORD)' : ''}`;
  return ['', `  OneGrid 一张网 is running at ${url}`, '  Demo accounts / 演示账号:', ...rows, pw, ''].join(
    '\n',
  );
}
