import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/create-db.js';
import { PG_ADMIN_URL, TEST_DB_KIND } from '../../test/dialects.js';

const BIN = path.resolve('bin/onegrid.js');
let dir: string;
let env: Record<string, string>;
let pgName: string | null = null;

function cli(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, ...extra },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function dbConfig() {
  return env.DATABASE_URL
    ? { dbKind: 'postgres' as const, databaseUrl: env.DATABASE_URL, sqlitePath: '' }
    : { dbKind: 'sqlite' as const, databaseUrl: null, sqlitePath: path.join(dir, 'onegrid.sqlite') };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'onegrid-cli-'));
  env = { ONEGRID_DATA_DIR: dir, ONEGRID_DEMO_PASSWORD: 'Cli-Demo-Pass-2026', LOG_LEVEL: 'silent' };
  if (TEST_DB_KIND === 'postgres') {
    pgName = `og_cli_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`create database ${pgName}`);
    await c.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${pgName}`;
    env.DATABASE_URL = url.toString();
  }
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (pgName) {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${pgName} with (force)`);
    await c.end();
  }
});

describe('onegrid CLI', () => {
  it('when the configuration is wrong in several ways, then every problem is listed and the exit code is 1', () => {
    const r = cli(['migrate'], { PORT: 'abc', ONEGRID_DEMO: 'maybe', ONEGRID_AUDIT_RETENTION_DAYS: '30' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('PORT');
    expect(r.out).toContain('ONEGRID_DEMO');
    expect(r.out).toContain('ONEGRID_AUDIT_RETENTION_DAYS');
  });

  it('when demo runs on an empty database, then the tree and accounts exist and the credentials file is 0600', async () => {
    const r = cli(['demo']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/demo seeded: \d+ grid nodes/);
    expect(statSync(path.join(dir, 'demo-credentials.txt')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const h = openDb(dbConfig());
    try {
      const grids = await h.db
        .selectFrom('grid_nodes as n')
        .innerJoin('grid_nodes as p', 'p.id', 'n.parent_id')
        .select('n.id')
        .where('p.name', '=', '政府大院社区')
        .execute();
      expect(grids).toHaveLength(6);
      const micro = await h.db
        .selectFrom('grid_nodes')
        .select('id')
        .where('level', '=', 'microgrid')
        .where('code', 'like', '140302002001%')
        .execute();
      expect(micro).toHaveLength(46);
      const users = await h.db.selectFrom('users').select('username').execute();
      expect(users.map((u) => u.username)).toEqual(
        expect.arrayContaining([
          'admin',
          'auditor',
          'leader',
          'community',
          'grid1',
          'agent1',
          'mediator1',
          'unit1',
          'keeper1',
          'volunteer1',
          'resident1',
        ]),
      );
    } finally {
      await h.close();
    }
    expect(cli(['demo']).code).toBe(1); // refuses a non-empty database without --reset
  });

  it('when a user is added with a role at a node code, then the account exists; a bad role or code is refused', () => {
    const ok = cli([
      'user',
      'add',
      'wang1',
      '--name',
      '王网格',
      '--role',
      'grid_worker@140302002001001',
      '--password',
      'Wang-Grid-2026',
    ]);
    expect(ok.code, ok.out).toBe(0);
    const badRole = cli(['user', 'add', 'wang2', '--name', 'x', '--role', 'king@140302002001001']);
    expect(badRole.code).toBe(1);
    expect(badRole.out).toContain('unknown role');
    const badCode = cli(['user', 'add', 'wang3', '--name', 'x', '--role', 'grid_worker@999']);
    expect(badCode.code).toBe(1);
    const weak = cli(['user', 'reset-password', 'wang1', '--password', 'weak']);
    expect(weak.code).toBe(1);
    expect(cli(['user', 'reset-password', 'wang1', '--password', 'Wang-Grid-2027']).code).toBe(0);
  });

  it('when the audit log is intact, verify exits 0; after a row is edited in the database, it names the row and exits 1', async () => {
    const good = cli(['audit', 'verify']);
    expect(good.code, good.out).toBe(0);
    expect(good.out).toMatch(/audit chain OK: \d+ rows/);
    const h = openDb(dbConfig());
    try {
      await h.db.updateTable('audit_log').set({ actor_name: 'intruder' }).where('seq', '=', 2).execute();
    } finally {
      await h.close();
    }
    const bad = cli(['audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('seq 2');
    expect(bad.out).toContain('edited');
  });

  it('when a backup is taken and restored, then data written after the backup is gone again', async () => {
    const file = path.join(dir, TEST_DB_KIND === 'postgres' ? 'backup.dump' : 'backup.sqlite');
    const b = cli(['backup', file]);
    expect(b.code, b.out).toBe(0);
    expect(
      cli([
        'user',
        'add',
        'afterbackup',
        '--name',
        '后来',
        '--role',
        'resident@140302002001001001',
        '--password',
        'After-Backup-2026',
      ]).code,
    ).toBe(0);
    const r = cli(['restore', file]);
    expect(r.code, r.out).toBe(0);
    const h = openDb(dbConfig());
    try {
      expect(
        await h.db.selectFrom('users').select('id').where('username', '=', 'afterbackup').execute(),
      ).toHaveLength(0);
      expect(
        await h.db.selectFrom('users').select('id').where('username', '=', 'wang1').execute(),
      ).toHaveLength(1);
    } finally {
      await h.close();
    }
    const notBackup = cli(['restore', path.join(dir, 'demo-credentials.txt')]);
    expect(notBackup.code).not.toBe(0);
  });
});
