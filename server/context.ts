import type { Actor, ActorAssignment } from '../common/permissions.js';
import type { Config } from './config.js';
import type { Db, DbHandle, DbKind } from './db/create-db.js';
import { type Clock, systemClock } from './lib/clock.js';
import { type FieldCrypto, makeFieldCrypto } from './lib/field-crypto.js';
import type { AuditContext } from './modules/audit/audit.service.js';

/** Long-lived dependencies every service receives. */
export interface Deps {
  config: Config;
  handle: DbHandle;
  db: Db;
  kind: DbKind;
  crypto: FieldCrypto;
  clock: Clock;
}

export interface SessionActor extends Actor {
  username: string;
  displayName: string;
  sessionId: string;
  csrfToken: string;
  locale: string;
  totpEnabled: boolean;
  mustSetupTotp: boolean;
  mustChangePassword: boolean;
  assignments: Array<ActorAssignment & { id: number; nodeName: string; nodeLevel: string }>;
}

/** What a service needs to know about one call: who, from where, and in which language. */
export interface CallContext {
  deps: Deps;
  actor: SessionActor;
  audit: AuditContext;
  locale: 'zh-CN' | 'en';
}

/** The one way to assemble Deps: server, CLI, benchmarks and tests all go through it. */
export function makeDeps(config: Config, handle: DbHandle, clock: Clock = systemClock): Deps {
  return {
    config,
    handle,
    db: handle.db,
    kind: handle.kind,
    crypto: makeFieldCrypto(config.secretKey),
    clock,
  };
}
