import type { Insertable } from 'kysely';
import { warningLevel } from '../../../common/case-deadlines.js';
import type { CaseAction, CaseState } from '../../../common/cases.js';
import type { CallContext, Deps } from '../../context.js';
import type { Db, Tx } from '../../db/create-db.js';
import type { NotificationsTable } from '../../db/schema.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import type { CaseEventNotice } from '../cases/case-events.js';
import { runningClocks } from '../cases/cases.policy.js';
import {
  deadlineHolder,
  intakeNodes,
  type NotificationKind,
  noticeFor,
  type RecipientGroup,
} from './notification-rules.js';
import * as repo from './notifications.repository.js';

// In-app notifications of the case loop (docs/notifications-webhooks.md): written in the transaction of the case event
// that causes them, so a notice exists exactly when its event does; deadline alerts come from a periodic scan.

const iso = (d: Date) => d.toISOString();
const pathIds = (path: string) =>
  path
    .split('/')
    .filter(Boolean)
    .map((s) => Number(s));

function parseData(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// recipients

// Intake staff per node path, kept a few seconds: every case created in a place asks the same question, and role
// assignments change rarely (a new grid worker starts hearing about new cases within seconds).
const INTAKE_CACHE_MS = 5_000;
const INTAKE_CACHE_MAX = 5_000;
const intakeCache = new WeakMap<object, Map<string, { at: number; userIds: number[] }>>();

/** Intake staff of the case's node: grid workers of its grid and micro-grid, community staff of its community. */
async function intakeStaff(deps: Deps, db: Db | Tx, nodePath: string): Promise<number[]> {
  let cache = intakeCache.get(deps.handle);
  if (!cache) intakeCache.set(deps.handle, (cache = new Map()));
  const hit = cache.get(nodePath);
  if (hit && Date.now() - hit.at < INTAKE_CACHE_MS) return hit.userIds;
  const ids = pathIds(nodePath);
  const rows = await repo.pathStaff(db, ids);
  const ordered = ids.map((id) => rows.find((r) => r.id === id)).filter((n) => n !== undefined);
  const { gridNodeIds, staffNodeId } = intakeNodes(ordered);
  const users = rows.filter(
    (r) =>
      r.user_id !== null &&
      ((r.role === 'grid_worker' && gridNodeIds.includes(r.id)) ||
        (r.role === 'community_staff' && r.id === staffNodeId)),
  );
  const userIds = [...new Set(users.map((r) => r.user_id as number))];
  if (cache.size >= INTAKE_CACHE_MAX) cache.clear();
  cache.set(nodePath, { at: Date.now(), userIds });
  return userIds;
}

/** The case's lead unit: its live (or, once handled, done) lead assignment, else the case's lead unit column. */
async function leadUnitId(db: Db | Tx, c: repo.NoticeCase): Promise<number | null> {
  const lead = (await repo.assignmentsOf(db, c.id)).filter(
    (a) => a.role === 'lead' && a.status !== 'returned',
  );
  return lead.length ? lead[lead.length - 1].unit_id : c.lead_unit_id;
}

interface Recipient {
  userId: number;
  data?: Record<string, unknown>;
}

async function recipientsOf(
  deps: Deps,
  db: Db | Tx,
  c: repo.NoticeCase,
  group: RecipientGroup,
): Promise<Recipient[]> {
  switch (group) {
    case 'intake':
      return (await intakeStaff(deps, db, c.node_path)).map((userId) => ({ userId }));
    case 'dispatchedUnits': {
      // The units this dispatch named are the ones still waiting to sign.
      const pending = (await repo.assignmentsOf(db, c.id)).filter((a) => a.status === 'pending');
      const members = await repo.activeUnitMembers(
        db,
        pending.map((a) => a.unit_id),
      );
      return members.map((m) => {
        const a = pending.find((x) => x.unit_id === m.unit_id)!;
        return { userId: m.user_id, data: { role: a.role, dueAt: a.due_at } };
      });
    }
    case 'leadUnit': {
      const unit = await leadUnitId(db, c);
      if (unit === null) return [];
      return (await repo.activeUnitMembers(db, [unit])).map((m) => ({ userId: m.user_id }));
    }
    case 'dispatcher': {
      const id = await repo.lastActorOf(db, c.id, 'dispatch');
      return id !== null && (await repo.isActiveUser(db, id)) ? [{ userId: id }] : [];
    }
  }
}

/** One row per user (the first group's data wins), never to the user who acted. */
function rowsFor(
  recipients: Recipient[],
  exclude: number | null,
  base: Omit<Insertable<NotificationsTable>, 'user_id' | 'data'>,
  data: Record<string, unknown>,
): Array<Insertable<NotificationsTable>> {
  const seen = new Set<number>();
  const rows: Array<Insertable<NotificationsTable>> = [];
  for (const r of recipients) {
    if (r.userId === exclude || seen.has(r.userId)) continue;
    seen.add(r.userId);
    rows.push({ ...base, user_id: r.userId, data: JSON.stringify({ ...data, ...r.data }) });
  }
  return rows;
}

/** The facts a notice line shows beyond its kind, taken from the timeline event (no phone numbers or addresses). */
function eventData(
  action: CaseAction | 'create',
  note: string | null,
  d: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { action };
  if (action === 'return') out.reason = (d.reason as string | undefined) ?? note;
  if (action === 'supervise') out.note = (d.note as string | undefined) ?? note;
  if (action === 'rate') {
    out.rating = d.rating ?? null;
    if (d.resolved !== undefined) out.resolved = d.resolved;
    if (d.reopen !== undefined) out.reopen = d.reopen;
    if (d.headReview !== undefined) out.headReview = d.headReview;
  }
  if (action === 'return' && d.role !== undefined) out.role = d.role;
  return out;
}

/**
 * Writes the notices one case event causes, inside the event's transaction (rules in notification-rules.ts): new task
 * to intake staff on create / escalate and to the named units on dispatch; returned to the dispatcher; supervised and
 * rated to the lead unit and intake staff. Returns how many rows it wrote.
 */
export async function notifyCaseEvent(deps: Deps, tx: Tx, ev: CaseEventNotice): Promise<number> {
  const plan = noticeFor(ev.action);
  if (!plan) return 0;
  const c = await repo.caseWithEvent(tx, ev.caseId, ev.eventId);
  if (!c) return 0;
  const recipients: Recipient[] = [];
  for (const g of plan.groups) recipients.push(...(await recipientsOf(deps, tx, c, g)));
  const rows = rowsFor(
    recipients,
    ev.actorId,
    {
      kind: plan.kind,
      case_id: c.id,
      case_number: c.number,
      case_title: c.title,
      actor_name: c.actor_name,
      created_at: iso(deps.clock.now()),
      read_at: null,
    },
    eventData(ev.action, c.note, ev.data ?? parseData(c.data)),
  );
  await repo.insertMany(tx, rows);
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// deadline scan

const SCAN_BATCH = 500;

export interface ScanResult {
  alerts: number;
  notifications: number;
}

/** The alerts a warned case is owed now: the current level of each running deadline, unless already sent. */
export function owedAlerts(
  c: repo.WarnedCase,
  sent: ReadonlyArray<{ level: string; due_at: string }>,
  now: Date,
): Array<{ deadline: 'response' | 'handling'; level: 'yellow' | 'red'; dueAt: string }> {
  const clocks = runningClocks({
    state: c.state as CaseState,
    contactedAt: c.contacted_at,
    hasReporter: c.reporter_kind !== null,
  });
  const start = new Date(c.clock_start_at);
  const out: Array<{ deadline: 'response' | 'handling'; level: 'yellow' | 'red'; dueAt: string }> = [];
  const consider = (deadline: 'response' | 'handling', due: string | null) => {
    if (!due) return;
    const level = warningLevel(start, new Date(due), now);
    if (level === 'ok') return;
    // Red once implies yellow: a case found already overdue is not told it is "near" as well.
    const done = sent.some((a) => a.due_at === due && (a.level === level || a.level === 'red'));
    if (!done) out.push({ deadline, level, dueAt: due });
  };
  if (clocks.handling) consider('handling', c.handling_due_at);
  if (clocks.response) consider('response', c.response_due_at);
  return out;
}

/**
 * Yellow (75 % of the time used) and red (overdue) alerts on the running deadlines (common warningLevel): the
 * handling deadline to whoever holds the case — lead unit members, the community-side self-handler, or intake staff
 * while nobody holds it — and the response deadline to intake staff; each (case, level, deadline) once. Safe to run
 * from several processes: the alert row's primary key decides who writes the notices.
 */
export async function scanDeadlines(deps: Deps): Promise<ScanResult> {
  const result: ScanResult = { alerts: 0, notifications: 0 };
  const now = deps.clock.now();
  let after: { warnAt: string; id: number } | null = null;
  for (;;) {
    const batch = await repo.warnedCases(deps.db, iso(now), after, SCAN_BATCH);
    if (!batch.length) return result;
    const last = batch[batch.length - 1];
    after = { warnAt: last.warn_at!, id: last.id };
    const sent = await repo.alertsOf(
      deps.db,
      batch.map((c) => c.id),
    );
    for (const c of batch) {
      const owed = owedAlerts(
        c,
        sent.filter((a) => a.case_id === c.id),
        now,
      );
      for (const alert of owed) {
        const written = await deps.db.transaction().execute(async (tx) => {
          if (!(await repo.insertAlert(tx, c.id, alert.level, alert.dueAt, iso(now)))) return null;
          const holder =
            alert.deadline === 'response'
              ? 'intake'
              : deadlineHolder({
                  leadUnitId: c.lead_unit_id,
                  selfHandled: c.self_handled === 1,
                  state: c.state,
                });
          let recipients: Recipient[];
          if (holder === 'leadUnit') recipients = await recipientsOf(deps, tx, c, 'leadUnit');
          else if (holder === 'selfHandler') {
            const id = await repo.lastActorOf(tx, c.id, 'start');
            recipients = id !== null && (await repo.isActiveUser(tx, id)) ? [{ userId: id }] : [];
          } else recipients = await recipientsOf(deps, tx, c, 'intake');
          const kind: NotificationKind = alert.level === 'red' ? 'deadline_red' : 'deadline_yellow';
          const rows = rowsFor(
            recipients,
            null,
            {
              kind,
              case_id: c.id,
              case_number: c.number,
              case_title: c.title,
              actor_name: null,
              created_at: iso(now),
              read_at: null,
            },
            { level: alert.level, deadline: alert.deadline, dueAt: alert.dueAt },
          );
          await repo.insertMany(tx, rows);
          return rows.length;
        });
        if (written === null) continue;
        result.alerts++;
        result.notifications += written;
      }
    }
    if (batch.length < SCAN_BATCH) return result;
  }
}

// ---------------------------------------------------------------------------------------------
// the centre

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  caseId: number | null;
  caseNumber: string | null;
  caseTitle: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findOwn>>>;

const present = (r: Row): NotificationView => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  caseId: r.case_id,
  caseNumber: r.case_number,
  caseTitle: r.case_title,
  actorName: r.actor_name,
  data: parseData(r.data),
  createdAt: r.created_at,
  readAt: r.read_at,
});

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** The caller's own notifications, unread first, newest first within each. */
export async function listMine(
  c: CallContext,
  q: { unreadOnly: boolean; page: number; pageSize: number },
): Promise<NotificationPage> {
  const { rows, total, unread } = await repo.listPage(
    c.deps.db,
    c.actor.userId,
    q.unreadOnly,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(present), total, unread, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(c: CallContext): Promise<{ count: number }> {
  return { count: await repo.countUnread(c.deps.db, c.actor.userId) };
}

/** Marks one of the caller's notifications read (idempotent); anyone else's is 404, as if it did not exist. */
export async function markRead(c: CallContext, id: number): Promise<NotificationView> {
  const at = iso(c.deps.clock.now());
  await repo.markRead(c.deps.db, c.actor.userId, id, at);
  const row = await repo.findOwn(c.deps.db, c.actor.userId, id);
  if (!row) throw await denyOutOfScope(c, 'notification', id, 'profile.self');
  return present(row);
}

export async function markAllRead(c: CallContext): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(c.deps.db, c.actor.userId, iso(c.deps.clock.now())) };
}
