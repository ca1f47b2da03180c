import type { Generated } from 'kysely';

/** Kysely table types. Times are ISO-8601 UTC strings; booleans are 0/1 integers (portable). */
export interface GridNodesTable {
  id: Generated<number>;
  parent_id: number | null;
  level: string;
  code: string;
  name: string;
  path: string;
  depth: number;
  subjects: string;
  party_org_type: string | null;
  party_org_name: string | null;
  party_secretary: string | null;
  boundary: string | null;
  retired_at: string | null;
  retired_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  phone_enc: string | null;
  phone_bidx: string | null;
  id_number_enc: string | null;
  id_number_bidx: string | null;
  status: string;
  failed_logins: number;
  locked_until: string | null;
  totp_secret_enc: string | null;
  totp_enabled: number;
  locale: string;
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  node_id: number;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface GridStaffTable {
  id: Generated<number>;
  node_id: number;
  user_id: number | null;
  name: string;
  post: string;
  phone_enc: string | null;
  phone_bidx: string | null;
  since: string | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  node_id: number | null;
  outcome: string;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** Where the chain starts after old rows were pruned under the retention policy. */
export interface AuditAnchorsTable {
  id: Generated<number>;
  pruned_through_seq: number;
  last_hash: string;
  at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface DB {
  grid_nodes: GridNodesTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  grid_staff: GridStaffTable;
  audit_log: AuditLogTable;
  audit_anchors: AuditAnchorsTable;
  settings: SettingsTable;
}
