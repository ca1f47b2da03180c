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

export interface BuildingsTable {
  id: Generated<number>;
  node_id: number;
  number: string;
  name: string | null;
  address: string | null;
  type: string;
  units: number;
  floors: number;
  rooms_per_floor: number;
  lat: number | null;
  lng: number | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface HouseholdsTable {
  id: Generated<number>;
  building_id: number;
  /** The micro-grid of the building (denormalised so scope filters need no join). */
  node_id: number;
  unit_no: number;
  floor: number;
  room_no: number;
  room_label: string;
  use: string;
  householder_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ResidentsTable {
  id: Generated<number>;
  household_id: number | null;
  node_id: number | null;
  name: string;
  id_number_enc: string | null;
  id_number_bidx: string | null;
  birth_date: string | null;
  sex: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  relation: string;
  registered_here: number;
  living_here: number;
  political_status: string;
  ethnicity: string | null;
  education: string | null;
  marital_status: string | null;
  occupation: string | null;
  employer: string | null;
  notes: string | null;
  status: string;
  moved_in_at: string | null;
  moved_out_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResidentEventsTable {
  id: Generated<number>;
  resident_id: number;
  household_id: number | null;
  kind: string;
  on_date: string | null;
  details: string | null;
  actor_id: number | null;
  at: string;
}

export interface OrganisationsTable {
  id: Generated<number>;
  node_id: number;
  building_id: number | null;
  household_id: number | null;
  name: string;
  kind: string;
  credit_code: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_bidx: string | null;
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  symbol: string;
  color: string;
  applies_to: string;
  sensitivity: string;
  visible_roles: string;
  derived: number;
  risk_levels: string | null;
  sort: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface TagAssignmentsTable {
  id: Generated<number>;
  tag_id: number;
  household_id: number | null;
  resident_id: number | null;
  risk_level: string | null;
  note: string | null;
  since: string | null;
  actor_id: number | null;
  created_at: string;
}

export interface VisitPlansTable {
  id: Generated<number>;
  node_id: number;
  name: string;
  tag_code: string | null;
  risk_levels: string | null;
  every_days: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface VisitsTable {
  id: Generated<number>;
  household_id: number;
  node_id: number;
  resident_id: number | null;
  plan_id: number | null;
  visitor_id: number | null;
  visitor_name: string | null;
  visited_at: string;
  method: string;
  findings: string | null;
  screened: number;
  dispute_found: number;
  dispute_resolved_at: string | null;
  follow_up: number;
  /** A finding waiting for the case loop (issue 4) to take it over. */
  flagged: number;
  created_at: string;
}

export interface VisitPhotosTable {
  id: Generated<number>;
  visit_id: number;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_at: string;
}

/** Search grams of residents.name (migration 0003; common/registry.ts nameGrams). */
export interface ResidentNameGramsTable {
  gram: string;
  resident_id: number;
}

// ---------------------------------------------------------------------------------------------
// The case loop (migration 0006, docs/domain/cases.md)

export interface CaseCategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  /** JSON Record<Urgency, TimeLimit>. */
  response_limits: string;
  handling_limits: string;
  default_unit_code: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  kind: string;
  phone: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UnitNodesTable {
  unit_id: number;
  node_id: number;
}

export interface UnitMembersTable {
  unit_id: number;
  user_id: number;
  created_at: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: string;
  name: string;
  updated_at: string;
}

export interface CaseCountersTable {
  year: number;
  last_seq: number;
}

export interface CasesTable {
  id: Generated<number>;
  number: string;
  title: string;
  description: string;
  category_id: number;
  source: string;
  urgency: string;
  state: string;
  node_id: number;
  household_id: number | null;
  building_id: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter_kind: string | null;
  reporter_user_id: number | null;
  reporter_resident_id: number | null;
  reporter_name: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_bidx: string | null;
  created_by: number | null;
  visit_id: number | null;
  external_id: string | null;
  version: number;
  response_due_at: string | null;
  handling_due_at: string | null;
  /** Start of the running clock: creation, or the last reopen. */
  clock_start_at: string;
  /** When the live deadline reaches 75 % of its time; null when no deadline runs. */
  warn_at: string | null;
  /** The running deadline (migration 0012): the response one while it runs and is earlier, else the handling one. */
  due_at: string | null;
  /** 1 while the case waits for the community side (the staff inbox; migration 0013). */
  staff_task: Generated<number>;
  supervised: number;
  reopen_count: number;
  head_review: number;
  self_handled: number;
  master_id: number | null;
  lead_unit_id: number | null;
  reject_reason: string | null;
  result: string | null;
  closed_by: string | null;
  created_at: string;
  updated_at: string;
  accepted_at: string | null;
  contacted_at: string | null;
  dispatched_at: string | null;
  handled_at: string | null;
  feedback_at: string | null;
  closed_at: string | null;
}

export interface CaseAssignmentsTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  role: string;
  status: string;
  due_at: string | null;
  signed_at: string | null;
  reply: string | null;
  replied_at: string | null;
  return_reason: string | null;
  returned_at: string | null;
  done_at: string | null;
  created_at: string;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  actor_role: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  visibility: string;
  /** JSON number[]. */
  file_ids: string | null;
  /** JSON object. */
  data: string | null;
}

export interface CaseFilesTable {
  id: Generated<number>;
  case_id: number;
  event_id: number | null;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  uploaded_by: number | null;
  created_at: string;
}

export interface CaseMeetingsTable {
  id: Generated<number>;
  case_id: number;
  event_id: number | null;
  held_at: string;
  place: string | null;
  /** JSON string[]. */
  attendees: string;
  decisions: string;
  /** JSON Array<{who, what, by}>. */
  action_items: string;
  created_by: number | null;
  created_at: string;
}

export interface CaseExtensionsTable {
  id: Generated<number>;
  case_id: number;
  days: number;
  reason: string;
  state: string;
  requested_by: number | null;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
}

export interface CaseFollowersTable {
  id: Generated<number>;
  case_id: number;
  from_case_id: number | null;
  user_id: number | null;
  resident_id: number | null;
  name: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  created_at: string;
}

export interface CaseRatingsTable {
  id: Generated<number>;
  case_id: number;
  rating: string;
  resolved: number;
  comment: string | null;
  round: number;
  rated_by: number | null;
  at: string;
}

/** A resident's own account (migration 0010): pending until community staff match it to the registry. */
export interface ResidentAccountsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  phone_enc: string;
  phone_bidx: string;
  community_id: number;
  room_text: string;
  /** 'pending' | 'confirmed' | 'rejected' */
  status: string;
  resident_id: number | null;
  household_id: number | null;
  decided_by: number | null;
  decided_at: string | null;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A failed public look-up (tracking number + phone digits), counted per key to throttle guessing. */
export interface PublicAccessFailuresTable {
  id: Generated<number>;
  scope: string;
  key: string;
  ip: string | null;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Open311 GeoReport v2 (migration 0007, docs/open311.md)

export interface Open311KeysTable {
  id: Generated<number>;
  name: string;
  /** HMAC blind index of the key; the key itself is never stored. */
  key_hash: string;
  key_prefix: string;
  node_id: number;
  /** 'realtime' | 'batch'. */
  mode: string;
  active: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
}

export interface Open311RequestsTable {
  case_id: number;
  case_number: string;
  token: string;
  key_id: number;
  service_code: string;
  requested_at: string;
  address_id: string | null;
  media_url: string | null;
  email_enc: string | null;
  device_id: string | null;
  account_id: string | null;
  /** JSON Record<code, string | string[]>. */
  attributes: string | null;
}

export interface Open311AttributesTable {
  id: Generated<number>;
  service_code: string;
  code: string;
  variable: number;
  datatype: string;
  required: number;
  datatype_description: string | null;
  sort: number;
  description: string | null;
  /** JSON Array<{key, name}>. */
  options: string;
  updated_at: string;
}

// ---------------------------------------------------------------------------------------------
// 12345 hotline exchange (migration 0008, docs/hotline-12345.md)

export interface HotlineOrdersTable {
  id: Generated<number>;
  external_id: string;
  case_id: number;
  case_number: string;
  node_id: number;
  called_at: string;
  /** JSON Record<field, HMAC>: the hotline's fields as first imported, hashed. */
  digests: string;
  imported_at: string;
  imported_by: number | null;
}

// ---------------------------------------------------------------------------------------------
// Notifications and webhooks (migration 0009, docs/notifications-webhooks.md)

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** new_task | returned | supervised | rated | deadline_yellow | deadline_red. */
  kind: string;
  case_id: number | null;
  case_number: string | null;
  case_title: string | null;
  actor_name: string | null;
  /** JSON object. */
  data: string | null;
  created_at: string;
  read_at: string | null;
}

export interface CaseDeadlineAlertsTable {
  case_id: number;
  /** yellow | red. */
  level: string;
  due_at: string;
  at: string;
}

export interface WebhookEndpointsTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret_enc: string;
  /** JSON string[]. */
  events: string;
  active: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  uid: string;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  case_id: number | null;
  payload: string;
  /** pending | delivered | failed. */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  response_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  redelivery_of: number | null;
  created_at: string;
}

export interface DB {
  buildings: BuildingsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  resident_name_grams: ResidentNameGramsTable;
  resident_events: ResidentEventsTable;
  organisations: OrganisationsTable;
  tags: TagsTable;
  tag_assignments: TagAssignmentsTable;
  visit_plans: VisitPlansTable;
  visits: VisitsTable;
  visit_photos: VisitPhotosTable;
  grid_nodes: GridNodesTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  grid_staff: GridStaffTable;
  audit_log: AuditLogTable;
  audit_anchors: AuditAnchorsTable;
  settings: SettingsTable;
  resident_accounts: ResidentAccountsTable;
  public_access_failures: PublicAccessFailuresTable;
  case_categories: CaseCategoriesTable;
  units: UnitsTable;
  unit_nodes: UnitNodesTable;
  unit_members: UnitMembersTable;
  calendar_days: CalendarDaysTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  case_assignments: CaseAssignmentsTable;
  case_events: CaseEventsTable;
  case_files: CaseFilesTable;
  case_meetings: CaseMeetingsTable;
  case_extensions: CaseExtensionsTable;
  case_followers: CaseFollowersTable;
  case_ratings: CaseRatingsTable;
  open311_keys: Open311KeysTable;
  open311_requests: Open311RequestsTable;
  open311_attributes: Open311AttributesTable;
  hotline_orders: HotlineOrdersTable;
  notifications: NotificationsTable;
  case_deadline_alerts: CaseDeadlineAlertsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
