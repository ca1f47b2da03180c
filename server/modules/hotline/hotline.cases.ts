import type { WorkCalendar } from '../../../common/case-deadlines.js';
import type { CaseState, Rating, Urgency } from '../../../common/cases.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import { workCalendar } from '../cases/case-calendar.js';
import { warnAtOf } from '../cases/cases.policy.js';
import * as casesRepo from '../cases/cases.repository.js';
import { caseScope, prepareCase, writeCase } from '../cases/cases.service.js';
import type { CategoryRef } from './hotline-rows.js';

// ADAPTER between the 12345 exchange and the cases module (docs/hotline-12345.md "What the cases service could
// offer"). Everything the hotline needs from cases goes through this file, so that when the cases service grows what
// is missing (a handling deadline and a fixed-line phone on CreateCaseInput; a batch read of the fields a reply sheet
// needs), only this file changes. Until then it sets those two fields on the service's prepared row before the
// service writes it, and reads the reply fields through the cases repository with the service's scope.

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
 * Creates hotline cases inside the caller's transaction through the cases service (prepareCase validates and
 * computes, writeCase writes the row, its `create` event, audit row and listeners). The service is handed a context
 * whose database is that transaction, so its reads happen inside it too and the import stays one transaction.
 */
export function creator(c: CallContext, tx: Tx) {
  const inTx: CallContext = { ...c, deps: { ...c.deps, db: tx } };
  return {
    async create(input: HotlineCaseInput): Promise<{ id: number; number: string }> {
      const mobile = input.phone ? parseMobile(input.phone) : null;
      const prepared = await prepareCase(inTx, {
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
      const row = prepared.row;
      // a fixed-line caller is as callable as a mobile one (the service takes mobiles only)
      if (input.phone && !mobile?.ok) {
        row.reporter_kind = 'anonymous';
        row.reporter_phone_enc = c.deps.crypto.encrypt(input.phone);
        row.reporter_phone_bidx = c.deps.crypto.blindIndex('phone', input.phone);
      }
      // the hotline's own deadline is the handling deadline (the service computes the category's)
      if (input.handlingDueAt) {
        row.handling_due_at = input.handlingDueAt;
        row.warn_at = warnAtOf({
          state: 'collected',
          contactedAt: null,
          hasReporter: row.reporter_kind !== null && row.reporter_kind !== undefined,
          clockStartAt: row.clock_start_at,
          responseDueAt: row.response_due_at ?? null,
          handlingDueAt: input.handlingDueAt,
        });
      }
      const id = await writeCase(inTx, tx, prepared);
      const made = await tx
        .selectFrom('cases')
        .select('number')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { id, number: made.number };
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
