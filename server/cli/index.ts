import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { NO_MIGRATIONS } from 'kysely';
import { checkPassword } from '../../common/password-policy.js';
import { isRole, type Role } from '../../common/permissions.js';
import { ConfigError, loadConfig } from '../config.js';
import { type Deps, makeDeps } from '../context.js';
import { openDb } from '../db/create-db.js';
import { isDatabaseEmpty, randomDemoPassword, seedDemo, writeDemoCredentials } from '../db/demo/seed-demo.js';
import { makeMigrator, migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { appendAudit, pruneAudit, verifyAuditChain } from '../modules/audit/audit.service.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { ensureCaseSetup } from '../modules/cases/case-setup.js';
import { findNodeByCode } from '../modules/grid/grid.repository.js';
import { runHotlineImportCommand } from '../modules/hotline/hotline.cli.js';
import { runImportCommand } from '../modules/imports/imports.cli.js';
import { ensureDefaultTags } from '../modules/registry/registry.service.js';
import { createUserAsSystem } from '../modules/users/users.service.js';

const SYSTEM = { actorId: null, actorName: 'cli', ip: null, requestId: null };

function config() {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** Opens the configured database, migrated, for one command; always closes it. */
async function withDeps<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const cfg = config();
  const handle = openDb(cfg);
  try {
    await migrateToLatest(handle.db);
    return await fn(makeDeps(cfg, handle));
  } finally {
    await handle.close();
  }
}

function fail(msg: string): never {
  console.error(msg);
  process.exit(1);
}

function explain(e: unknown): never {
  if (e instanceof AppError) {
    const details = Array.isArray(e.details)
      ? e.details
          .map((d) => `  - ${d.field}: ${d.message?.zh ?? d.code} / ${d.message?.en ?? d.code}`)
          .join('\n')
      : '';
    fail(`${e.code}${details ? `\n${details}` : ''}`);
  }
  throw e;
}

export function buildCli(): Command {
  const program = new Command('onegrid').description('OneGrid 一张网 — community governance platform');

  program
    .command('serve')
    .description('start the server (migrates, seeds the demo on an empty database) / 启动服务')
    .action(async () => {
      const { serve } = await import('../main.js');
      await serve();
    });

  program
    .command('migrate')
    .description('apply pending database migrations / 执行数据库迁移')
    .action(async () => {
      const cfg = config();
      const handle = openDb(cfg);
      try {
        const done = await migrateToLatest(handle.db);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'database is up to date / 数据库已是最新');
      } finally {
        await handle.close();
      }
    });

  program
    .command('demo')
    .description('seed the demo community (only on an empty database unless --reset) / 生成演示社区')
    .option('--reset', 'erase ALL data first / 先清空全部数据')
    .action(async (opts: { reset?: boolean }) => {
      const cfg = config();
      const handle = openDb(cfg);
      try {
        if (opts.reset) {
          const { error } = await makeMigrator(handle.db).migrateTo(NO_MIGRATIONS);
          if (error) throw error;
        }
        await migrateToLatest(handle.db);
        const deps = makeDeps(cfg, handle);
        if (!(await isDatabaseEmpty(deps)))
          fail('the database is not empty; use --reset to erase it / 数据库非空，如需重建请加 --reset');
        const password = cfg.demoPassword ?? randomDemoPassword();
        await ensureDefaultTags(deps);
        await ensureCaseSetup(deps);
        const r = await seedDemo(deps, password);
        const file = writeDemoCredentials(cfg.dataDir, `http://localhost:${cfg.port}`, password);
        console.log(
          `demo seeded: ${r.nodes} grid nodes, ${r.staff} staff, ${r.accounts.length} accounts; credentials in ${file}`,
        );
      } finally {
        await handle.close();
      }
    });

  const user = program.command('user').description('manage accounts / 账号管理');
  user
    .command('add <username>')
    .description('create an account / 新建账号')
    .requiredOption('--name <displayName>', 'display name / 姓名')
    .requiredOption('--role <role@nodeCode...>', 'role assignment(s), e.g. grid_worker@140302002001001')
    .option('--password <password>', 'initial password (else read from ONEGRID_NEW_PASSWORD or generated)')
    .action(async (username: string, opts: { name: string; role: string[]; password?: string }) => {
      await withDeps(async (deps) => {
        const assignments: Array<{ role: Role; nodeId: number }> = [];
        for (const spec of opts.role) {
          const [role, code] = spec.split('@');
          if (!isRole(role)) fail(`unknown role "${role}" / 未知角色`);
          const node = code ? await findNodeByCode(deps.db, code) : undefined;
          if (!node) fail(`no grid node with code "${code}" / 找不到该编码的网格节点`);
          assignments.push({ role, nodeId: node.id });
        }
        const password = opts.password ?? randomDemoPassword();
        const id = await createUserAsSystem(deps, {
          username,
          displayName: opts.name,
          password,
          assignments,
          mustChangePassword: true,
        }).catch(explain);
        console.log(
          `user ${username} created (id ${id})${opts.password ? '' : `; initial password: ${password}`} — must change it at first login`,
        );
      });
    });
  user
    .command('reset-password <username>')
    .description('set a new password and unlock / 重置密码并解锁')
    .option('--password <password>', 'new password (else generated)')
    .action(async (username: string, opts: { password?: string }) => {
      await withDeps(async (deps) => {
        const u = await deps.db
          .selectFrom('users')
          .select(['id'])
          .where('username', '=', username)
          .executeTakeFirst();
        if (!u) fail(`no user "${username}" / 用户不存在`);
        const password = opts.password ?? randomDemoPassword();
        const pw = checkPassword(password, { username });
        if (!pw.ok) fail(pw.problems.map((p) => `  - ${p.zh} / ${p.en}`).join('\n'));
        const hash = await hashPassword(password);
        const now = deps.clock.now();
        await deps.db.transaction().execute(async (tx) => {
          await tx
            .updateTable('users')
            .set({
              password_hash: hash,
              must_change_password: 1,
              failed_logins: 0,
              locked_until: null,
              password_changed_at: now.toISOString(),
              updated_at: now.toISOString(),
            })
            .where('id', '=', u.id)
            .execute();
          await tx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
          await appendAudit(
            tx,
            deps.kind,
            SYSTEM,
            { action: 'user.reset_password', entityType: 'user', entityId: u.id },
            now,
          );
        });
        console.log(
          `password of ${username} reset${opts.password ? '' : `: ${password}`} — must change it at next login`,
        );
      });
    });

  const audit = program.command('audit').description('audit log / 审计日志');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 1 at the first edited or missing row / 校验哈希链')
    .action(async () => {
      const r = await withDeps((deps) => verifyAuditChain(deps.db));
      if (r.ok) {
        console.log(`audit chain OK: ${r.checked} rows verified / 审计链完整，已校验 ${r.checked} 条`);
      } else {
        const why = {
          edited: 'edited / 被篡改',
          missing: 'missing / 缺失',
          broken_link: 'link broken / 链接断裂',
        }[r.firstBad!.reason];
        console.error(
          `audit chain BROKEN at seq ${r.firstBad!.seq}: ${why} (${r.checked} rows verified before it) / 审计链在第 ${r.firstBad!.seq} 条处断裂`,
        );
        process.exitCode = 1;
      }
    });
  audit
    .command('prune')
    .description(
      'drop rows older than ONEGRID_AUDIT_RETENTION_DAYS (≥ 180), keeping the chain verifiable / 按保留期清理',
    )
    .action(async () => {
      const n = await withDeps((deps) =>
        pruneAudit(deps.db, deps.kind, deps.config.auditRetentionDays, deps.clock.now(), SYSTEM),
      );
      console.log(`pruned ${n} audit rows / 已清理 ${n} 条`);
    });

  program
    .command('backup <file>')
    .description('back up the database (SQLite online backup; pg_dump on PostgreSQL) / 备份')
    .action(async (file: string) => {
      const cfg = config();
      if (cfg.dbKind === 'postgres') {
        execFileSync('pg_dump', ['--format=custom', `--file=${file}`, cfg.databaseUrl!], {
          stdio: 'inherit',
        });
      } else {
        if (!existsSync(cfg.sqlitePath)) fail(`no database at ${cfg.sqlitePath} / 数据库文件不存在`);
        const db = new Database(cfg.sqlitePath, { readonly: true });
        try {
          await db.backup(file);
        } finally {
          db.close();
        }
      }
      console.log(`backup written to ${file} / 备份已写入`);
    });

  program
    .command('restore <file>')
    .description('restore a backup (stop the server first) / 从备份恢复（请先停止服务）')
    .action(async (file: string) => {
      const cfg = config();
      if (!existsSync(file)) fail(`no such file: ${file} / 文件不存在`);
      if (cfg.dbKind === 'postgres') {
        execFileSync(
          'pg_restore',
          ['--clean', '--if-exists', '--no-owner', `--dbname=${cfg.databaseUrl!}`, file],
          { stdio: 'inherit' },
        );
      } else {
        let ok = false;
        try {
          const probe = new Database(file, { readonly: true, fileMustExist: true });
          ok = !!probe
            .prepare("select name from sqlite_master where type='table' and name='audit_log'")
            .get();
          probe.close();
        } catch {
          ok = false;
        }
        if (!ok) fail(`${file} is not a OneGrid SQLite backup / 不是有效的一张网备份文件`);
        for (const suffix of ['-wal', '-shm']) rmSync(`${cfg.sqlitePath}${suffix}`, { force: true });
        copyFileSync(file, cfg.sqlitePath);
      }
      console.log(`restored from ${file} / 已恢复`);
    });
  program
    .command('import <kind> <file>')
    .description(
      'import buildings | households | residents | hotline (12345 work orders) from .xlsx or .csv (dry run unless --commit) / 批量导入',
    )
    .option('--node <code>', 'only places under this grid node / 仅限该网格节点之下')
    .option('--commit', 'write the valid rows in one transaction / 写入有效行')
    .option('--as <username>', 'hotline: the account the cases are filed by / 12345：以该账号导入')
    .action(async (kind: string, file: string, opts: { node?: string; commit?: boolean; as?: string }) => {
      process.exitCode = await withDeps((deps) =>
        kind === 'hotline'
          ? runHotlineImportCommand(deps, file, opts)
          : runImportCommand(deps, kind, file, opts),
      );
    });
  return program;
}

export async function runCli(argv: string[]) {
  await buildCli().parseAsync(argv);
}
