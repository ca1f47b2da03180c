import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything OneGrid reads from the environment, parsed once and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly dbKind: 'sqlite' | 'postgres';
  readonly sqlitePath: string;
  /** 32 raw bytes; field encryption and blind-index keys are derived from it. */
  readonly secretKey: Buffer;
  readonly demo: boolean;
  readonly demoPassword: string | null;
  readonly admin2fa: boolean;
  readonly auditRetentionDays: number;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  readonly secureCookies: boolean;
  readonly sessionIdleMinutes: number;
  /** Login attempts per IP per minute; 0 turns the limit off (benchmarks). */
  readonly loginRateLimitPerMinute: number;
  /** Open311 reports (POST requests) per api key and IP per minute; 0 turns the limit off. */
  readonly open311RateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration / 配置有误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const BOOL_TRUE = new Set(['1', 'true', 'yes', 'on']);
const BOOL_FALSE = new Set(['0', 'false', 'no', 'off']);

function parseBool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (BOOL_TRUE.has(v)) return true;
  if (BOOL_FALSE.has(v)) return false;
  problems.push(`${name} must be true or false (got "${raw}") / ${name} 只能是 true 或 false`);
  return fallback;
}

function parseIntIn(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(
      `${name} must be an integer between ${min} and ${max} (got "${raw}") / ${name} 须为 ${min}–${max} 之间的整数`,
    );
    return fallback;
  }
  return n;
}

function decodeKey(raw: string): Buffer | null {
  const t = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  return b.length === 32 ? b : null;
}

/**
 * Reads the secret key, or generates one into the data dir (mode 0600) on first start
 * and reuses it afterwards, so encrypted fields stay readable across restarts.
 */
function loadOrCreateKey(dataDir: string, problems: string[], allowCreate: boolean): Buffer {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8'));
    if (!key) problems.push(`${file} does not hold a 32-byte key / 密钥文件内容无效`);
    return key ?? Buffer.alloc(32);
  }
  const key = randomBytes(32);
  if (allowCreate) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, key.toString('hex'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return key;
}

/** Parses and validates the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, opts: { createKey?: boolean } = {}): Config {
  const problems: string[] = [];
  const port = parseIntIn(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST?.trim() || '0.0.0.0';
  const dataDir = path.resolve(env.ONEGRID_DATA_DIR?.trim() || './data');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  let dbKind: 'sqlite' | 'postgres' = 'sqlite';
  let sqlitePath = path.join(dataDir, 'onegrid.sqlite');
  if (databaseUrl) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) dbKind = 'postgres';
    else if (databaseUrl.startsWith('sqlite:'))
      sqlitePath = path.resolve(databaseUrl.slice('sqlite:'.length));
    else
      problems.push(
        'DATABASE_URL must start with postgres:// or sqlite: / DATABASE_URL 须以 postgres:// 或 sqlite: 开头',
      );
  }
  let secretKey: Buffer;
  if (env.ONEGRID_SECRET_KEY) {
    const k = decodeKey(env.ONEGRID_SECRET_KEY);
    if (!k)
      problems.push(
        'ONEGRID_SECRET_KEY must be 32 bytes as 64 hex characters or base64 / 密钥须为 32 字节（64 位十六进制或 base64）',
      );
    secretKey = k ?? Buffer.alloc(32);
  } else {
    secretKey = loadOrCreateKey(dataDir, problems, opts.createKey !== false);
  }
  const demo = parseBool(env, 'ONEGRID_DEMO', true, problems);
  const demoPassword = env.ONEGRID_DEMO_PASSWORD || null;
  if (demoPassword !== null && demoPassword.length < 10) {
    problems.push('ONEGRID_DEMO_PASSWORD must be at least 10 characters / 演示密码至少 10 位');
  }
  const admin2fa = parseBool(env, 'ONEGRID_ADMIN_2FA', false, problems);
  const auditRetentionDays = parseIntIn(env, 'ONEGRID_AUDIT_RETENTION_DAYS', 365, 180, 36500, problems);
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`,
    );
  }
  const trustProxy = parseBool(env, 'ONEGRID_TRUST_PROXY', false, problems);
  const secureCookies = parseBool(env, 'ONEGRID_SECURE_COOKIES', false, problems);
  const sessionIdleMinutes = parseIntIn(env, 'ONEGRID_SESSION_IDLE_MINUTES', 30, 1, 30, problems);
  const loginRateLimitPerMinute = parseIntIn(env, 'ONEGRID_LOGIN_RATE_LIMIT', 30, 0, 1_000_000, problems);
  const open311RateLimitPerMinute = parseIntIn(env, 'ONEGRID_OPEN311_RATE_LIMIT', 60, 0, 1_000_000, problems);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    dataDir,
    databaseUrl,
    dbKind,
    sqlitePath,
    secretKey,
    demo,
    demoPassword,
    admin2fa,
    auditRetentionDays,
    logLevel,
    trustProxy,
    secureCookies,
    sessionIdleMinutes,
    loginRateLimitPerMinute,
    open311RateLimitPerMinute,
  });
}
