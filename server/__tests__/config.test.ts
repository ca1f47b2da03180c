import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply and a 0600 key is generated and reused', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'onegrid-cfg-'));
    const c = loadConfig({ ONEGRID_DATA_DIR: dir });
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dbKind: 'sqlite',
      demo: true,
      demoPassword: null,
      admin2fa: false,
      auditRetentionDays: 365,
    });
    expect(c.sqlitePath).toBe(path.join(dir, 'onegrid.sqlite'));
    const keyFile = path.join(dir, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({ ONEGRID_DATA_DIR: dir }).secretKey.equals(c.secretKey)).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('when DATABASE_URL is a postgres URL, then PostgreSQL is chosen', () => {
    const c = loadConfig(
      { DATABASE_URL: 'postgres://u@h:5432/db', ONEGRID_SECRET_KEY: 'c'.repeat(64) },
      { createKey: false },
    );
    expect(c.dbKind).toBe('postgres');
  });

  it('when several values are wrong, then one ConfigError lists every problem', () => {
    try {
      loadConfig(
        {
          PORT: '70000',
          DATABASE_URL: 'mysql://x',
          ONEGRID_SECRET_KEY: 'short',
          ONEGRID_DEMO: 'perhaps',
          ONEGRID_DEMO_PASSWORD: 'abc',
          ONEGRID_AUDIT_RETENTION_DAYS: '10',
          LOG_LEVEL: 'loud',
        },
        { createKey: false },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const v of [
        'PORT',
        'DATABASE_URL',
        'ONEGRID_SECRET_KEY',
        'ONEGRID_DEMO ',
        'ONEGRID_DEMO_PASSWORD',
        'ONEGRID_AUDIT_RETENTION_DAYS',
        'LOG_LEVEL',
      ]) {
        expect(problems).toContain(v.trim());
      }
      expect((e as ConfigError).problems).toHaveLength(7);
    }
  });
});
