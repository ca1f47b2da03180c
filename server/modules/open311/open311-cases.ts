import type { CaseAction, CaseState, TimeUnit, Urgency } from '../../../common/cases.js';
import { CASE_ACTION_LABELS } from '../../../common/cases.js';
import type { CallContext, Deps, SessionActor } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import type { AuditContext } from '../audit/audit.service.js';
import { listCategories } from '../cases/cases.repository.js';
import { createCaseInTx, getCase } from '../cases/cases.service.js';
import { findNode } from '../grid/grid.repository.js';

// ADAPTER: the one place Open311 meets the cases module. Everything Open311 needs from a case is named here, so a
// change in the cases module touches this file only. It calls cases.service (createCaseInTx, getCase) and reads the
// category tree (case_categories) for the service list. What the cases service does not offer yet (a channel
// without a user account, a batch public read) is bridged below and listed in docs/open311.md "Open points".

/** A leaf category offered as an Open311 service. */
export interface ServiceCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  groupZh: string | null;
  groupEn: string | null;
  /** Handling limit of a normal-urgency case. */
  handlingLimit: { amount: number; unit: TimeUnit } | null;
  updatedAt: string;
}

/** What an Open311 request shows of a case. */
export interface Open311CaseView {
  id: number;
  number: string;
  state: CaseState;
  categoryCode: string;
  categoryName: string;
  description: string;
  leadUnitName: string | null;
  createdAt: string;
  /** The last timeline event. */
  updatedAt: string;
  handlingDueAt: string | null;
  closedAt: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  rejectReason: string | null;
  masterNumber: string | null;
  /** Public timeline events, oldest first. */
  publicNotes: Array<{ at: string; action: CaseAction | 'create'; note: string | null; label: string }>;
}

export interface Open311CaseInput {
  categoryCode: string;
  nodeId: number;
  title: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporterName: string | null;
  reporterPhone: string | null;
  /** The Open311 token, unique among open311 cases. */
  externalId: string;
  /** The api key's client name, shown as the actor of the creating event. */
  clientName: string;
}

export interface CreatedCase {
  id: number;
  number: string;
  createdAt: string;
}

/** Active leaf categories, in tree order: the Open311 services. */
export async function serviceCategories(deps: Deps): Promise<ServiceCategory[]> {
  const rows = (await listCategories(deps.db)).filter((r) => r.active === 1);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parents = new Set(rows.map((r) => r.parent_id));
  const out: ServiceCategory[] = [];
  const walk = (parentId: number | null) => {
    for (const r of rows) {
      if (r.parent_id !== parentId) continue;
      if (parents.has(r.id)) {
        walk(r.id);
        continue;
      }
      const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
      const limits = JSON.parse(r.handling_limits) as Partial<
        Record<Urgency, { amount: number; unit: TimeUnit }>
      >;
      out.push({
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        groupZh: parent?.name_zh ?? null,
        groupEn: parent?.name_en ?? null,
        handlingLimit: limits.normal ?? null,
        updatedAt: r.updated_at,
      });
    }
  };
  walk(null);
  return out;
}

/**
 * A call context for the Open311 channel: nobody signed in, so an in-memory actor that may report at the key's node
 * and nothing else. It holds no user id (the case's created_by and the event's actor_id stay empty) and is never
 * stored. The cases service names actors by role; until it takes a channel actor, the event's actor name says
 * "Open311：<client>".
 */
async function channelContext(
  deps: Deps,
  audit: AuditContext,
  nodeId: number | null,
  clientName: string,
): Promise<CallContext> {
  const node = nodeId === null ? undefined : await findNode(deps.db, nodeId);
  const actor: SessionActor = {
    // No account acts here: null keeps the foreign keys (created_by, actor_id) empty rather than pointing at a user.
    userId: null as unknown as number,
    username: `open311:${clientName}`,
    displayName: `Open311：${clientName}`,
    sessionId: '',
    csrfToken: '',
    locale: 'zh-CN',
    totpEnabled: false,
    mustSetupTotp: false,
    mustChangePassword: false,
    assignments: node
      ? [
          {
            id: 0,
            role: 'grid_worker',
            nodeId: node.id,
            nodePath: node.path,
            nodeName: node.name,
            nodeLevel: node.level,
          },
        ]
      : [],
  };
  return { deps, actor, audit, locale: 'zh-CN' };
}

/** Cases by id, read as the public sees them (public timeline only; Open311 publishes requests that came in over it). */
export async function loadCases(deps: Deps, ids: number[]): Promise<Map<number, Open311CaseView>> {
  const c = await channelContext(
    deps,
    { actorId: null, actorName: 'open311', ip: null, requestId: null },
    null,
    'read',
  );
  const out = new Map<number, Open311CaseView>();
  for (const id of ids) {
    const d = await getCase(c, id, { verifiedReporter: true });
    const events = d.timeline.filter((e) => e.visibility === 'public');
    out.set(id, {
      id: d.id,
      number: d.number,
      state: d.state,
      categoryCode: d.categoryCode,
      categoryName: d.categoryName,
      description: d.description,
      leadUnitName: d.leadUnitName,
      createdAt: d.createdAt,
      updatedAt: events.at(-1)?.at ?? d.createdAt,
      handlingDueAt: d.handlingDueAt,
      closedAt: d.closedAt,
      address: d.address,
      lat: d.lat,
      lng: d.lng,
      rejectReason: d.rejectReason,
      masterNumber: d.masterNumber,
      publicNotes: events.map((e) => ({
        at: e.at,
        action: e.action,
        note: e.note,
        label:
          e.action === 'create'
            ? '已登记 / Recorded'
            : `${CASE_ACTION_LABELS[e.action].zh} / ${CASE_ACTION_LABELS[e.action].en}`,
      })),
    });
  }
  return out;
}

/**
 * Creates the case with source `open311` at the key's node and runs `within` in the same transaction, after the
 * case, its timeline event and its audit record are written.
 */
export async function createOpen311Case(
  deps: Deps,
  audit: AuditContext,
  input: Open311CaseInput,
  within: (tx: Tx, created: CreatedCase) => Promise<void>,
): Promise<CreatedCase> {
  const category = (await listCategories(deps.db)).find((r) => r.code === input.categoryCode);
  if (!category) throw new Error(`category ${input.categoryCode} vanished`);
  return deps.db.transaction().execute(async (tx) => {
    // Every read of the cases service happens inside this transaction (one SQLite connection).
    const c = await channelContext({ ...deps, db: tx }, audit, input.nodeId, input.clientName);
    const id = await createCaseInTx(c, tx, {
      title: input.title,
      description: input.description,
      categoryId: category.id,
      source: 'open311',
      urgency: 'normal',
      nodeId: input.nodeId,
      address: input.address,
      lat: input.lat,
      lng: input.lng,
      reporter:
        input.reporterName || input.reporterPhone
          ? {
              ...(input.reporterName ? { name: input.reporterName } : {}),
              ...(input.reporterPhone ? { phone: input.reporterPhone } : {}),
            }
          : null,
      externalId: input.externalId,
    });
    const d = await getCase(c, id, { verifiedReporter: true });
    const created = { id, number: d.number, createdAt: d.createdAt };
    await within(tx, created);
    return created;
  });
}
