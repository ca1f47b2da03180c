import type { WorkCalendar } from '../../../common/case-deadlines.js';
import type { CaseState, Rating, Urgency } from '../../../common/cases.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import { workCalendar } from '../cases/case-calendar.js';
import { warnAtOf } from '../cases/cases.policy.js';
import * as casesRepo from '../cases/cases.repository.js';
import { caseScope, createCaseInTx } from '../cases/cases.service.js';
import type { CategoryRef } from './hotline-rows.js';

// ADAPTER between the 12345 exchange and the cases module (docs/hotline-12345.md "What the cases service could
// offer"). Everything the hotline needs from cases goes through this file, so that when the cases service grows the
// functions below (a handling deadline and a fixed-line phone on createCaseInTx; a batch read of the fields a reply
// sheet needs), only this file changes. Until then it reads through the cases repository and, right after the
// service created a case, sets the two fields the service does not take yet — in the same transaction.

/** The active categories of the tree, for matching the hotline's 分类. */
export async function categoryRefs(deps: Deps): Promise<CategoryRef[]> {
  const rows = await casesRepo.listCategories(deps.db);
  const active = rows.filter((r) => r.active === 1);
  return active.map((r) => ({
    id: r.id,
    code: r.code,
    parentId: r.parent_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    leaf: !active.some((k) => k.parent_id === r.id),
  }));
}

export function calendar(deps: Deps): Promise<WorkCalendar> {
  return workCalendar(deps.db);
}

export interface HotlineCaseInput {
  title: string;
  description: string;
  categoryId: number;
  urgency: Urgency;
  nodeId: number;
  address: string | null;
  reporterName: string | null;
  /** digits: a mobile or a fixed line */
  phone: string | null;
  externalId: string;
  calledAt: string;
  /** the hotline's own deadline; null: the category's */
  handlingDueAt: string | null;
}

/**
 * Creates hotline cases inside the caller's transaction through the cases service. The service is handed a context
 * whose database is that transaction, so every read it makes (category, node, calendar) happens inside it too.
 */
export function creator(c: CallContext, tx: Tx) {
  const inTx: CallContext = { ...c, deps: { ...c.deps, db: tx } };
  return {
    async create(input: HotlineCaseInput): Promise<{ id: number; number: string }> {
      const mobile = input.phone ? parseMobile(input.phone) : null;
      const id = await createCaseInTx(inTx, tx, {
        title: input.title,
        description: input.description,
        categoryId: input.categoryId,
        source: 'hotline_12345',
        urgency: input.urgency,
        nodeId: input.nodeId,
        address: input.address,
        reporter:
          input.reporterName || input.phone
            ? {
                ...(input.reporterName ? { name: input.reporterName } : {}),
                ...(mobile?.ok ? { phone: mobile.value } : {}),
              }
            : null,
        externalId: input.externalId,
        reportedAt: input.calledAt,
      });
      const row = await tx
        .selectFrom('cases')
        .select(['number', 'state', 'contacted_at', 'clock_start_at', 'response_due_at', 'reporter_kind'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const set: {
        handling_due_at?: string;
        warn_at?: string | null;
        reporter_kind?: string;
        reporter_phone_enc?: string;
        reporter_phone_bidx?: string;
      } = {};
      // the hotline's deadline is the handling deadline (the service would take it as input)
      if (input.handlingDueAt) {
        set.handling_due_at = input.handlingDueAt;
        set.warn_at = warnAtOf({
          state: row.state as CaseState,
          contactedAt: row.contacted_at,
          hasReporter: row.reporter_kind !== null || input.phone !== null,
          clockStartAt: row.clock_start_at,
          responseDueAt: row.response_due_at,
          handlingDueAt: input.handlingDueAt,
        });
      }
      // a fixed-line caller is as callable as a mobile one (the service takes mobiles only)
      if (input.phone && !mobile?.ok) {
        set.reporter_kind = 'anonymous';
        set.reporter_phone_enc = c.deps.crypto.encrypt(input.phone);
        set.reporter_phone_bidx = c.deps.crypto.blindIndex('phone', input.phone);
      }
      if (Object.keys(set).length) await tx.updateTable('cases').set(set).where('id', '=', id).execute();
      return { id, number: row.number };
    },
  };
}

/** What the reply sheet says about one case. */
export interface ReplyFacts {
  caseId: number;
  number: string;
  state: CaseState;
  result: string | null;
  rejectReason: string | null;
  leadUnitName: string | null;
  nodeName: string;
  handledAt: string | null;
  closedAt: string | null;
  rating: Rating | null;
  resolved: boolean | null;
}

/** The reply facts of the cases the caller may read, among `ids` (others are left out). */
export async function replyFacts(c: CallContext, ids: readonly number[]): Promise<Map<number, ReplyFacts>> {
  const scope = await caseScope(c);
  const out = new Map<number, ReplyFacts>();
  for (const id of ids) {
    const row = await casesRepo.findCase(c.deps.db, id, scope);
    if (!row) continue;
    const ratings = await casesRepo.ratingsOf(c.deps.db, id);
    const last = ratings.at(-1);
    out.set(id, {
      caseId: id,
      number: row.number,
      state: row.state as CaseState,
      result: row.result,
      rejectReason: row.reject_reason,
      leadUnitName: row.lead_unit_name_zh,
      nodeName: row.node_name,
      handledAt: row.handled_at,
      closedAt: row.closed_at,
      rating: (last?.rating as Rating | undefined) ?? null,
      resolved: last ? last.resolved === 1 : null,
    });
  }
  return out;
}
