import type { Actor } from '../../../common/permissions.js';
import type { VisitPhotosTable, VisitPlansTable } from '../../db/schema.js';
import { parseList, planNameEn, type VisitAction, visitActions } from './visits.policy.js';
import type { VisitRow } from './visits.repository.js';

// Rows → API shapes (docs/api-registry.md "Visits"), with allowedActions so the UI never re-derives the rules.

export interface PhotoView {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  url: string;
}

export interface VisitView {
  id: number;
  householdId: number;
  roomLabel: string;
  nodeId: number;
  residentId: number | null;
  residentName: string | null;
  planId: number | null;
  planName: string | null;
  visitorId: number | null;
  visitorName: string | null;
  visitedAt: string;
  method: string;
  findings: string | null;
  screened: boolean;
  disputeFound: boolean;
  disputeResolvedAt: string | null;
  followUp: boolean;
  flagged: boolean;
  photos: PhotoView[];
  allowedActions: VisitAction[];
}

export interface PlanView {
  id: number;
  nodeId: number;
  name: string;
  tagCode: string | null;
  riskLevels: string[];
  everyDays: number;
  active: boolean;
  allowedActions: Array<'edit'>;
}

export type PhotoRow = Omit<VisitPhotosTable, 'id'> & { id: number };
export type PlanRow = Omit<VisitPlansTable, 'id'> & { id: number };

export function presentPhoto(p: PhotoRow): PhotoView {
  return {
    id: p.id,
    fileName: p.file_name,
    mime: p.mime,
    size: p.size,
    url: `/api/visits/photos/${p.id}`,
  };
}

export const localisedPlanName = (name: string, locale: 'zh-CN' | 'en') =>
  locale === 'en' ? planNameEn(name) : name;

/**
 * A visit as the viewer may see it. `planVisible` is false when the plan's tag is hidden from the viewer:
 * then the plan is left out, so a 严重精神障碍 follow-up reads as an ordinary visit.
 */
export function presentVisit(
  actor: Actor,
  v: VisitRow,
  photos: PhotoRow[],
  planVisible: boolean,
  locale: 'zh-CN' | 'en',
): VisitView {
  const disputeFound = v.dispute_found === 1;
  const flagged = v.flagged === 1;
  return {
    id: v.id,
    householdId: v.household_id,
    roomLabel: v.room_label,
    nodeId: v.node_id,
    residentId: v.resident_id,
    residentName: v.resident_name ?? null,
    planId: planVisible ? v.plan_id : null,
    planName: planVisible && v.plan_name ? localisedPlanName(v.plan_name, locale) : null,
    visitorId: v.visitor_id,
    visitorName: v.visitor_name,
    visitedAt: v.visited_at,
    method: v.method,
    findings: v.findings,
    screened: v.screened === 1,
    disputeFound,
    disputeResolvedAt: v.dispute_resolved_at,
    followUp: v.follow_up === 1,
    flagged,
    photos: photos.map(presentPhoto),
    allowedActions: visitActions(actor, v.node_path, {
      disputeFound,
      disputeResolvedAt: v.dispute_resolved_at,
      flagged,
    }),
  };
}

export function presentPlan(p: PlanRow, canEdit: boolean, locale: 'zh-CN' | 'en'): PlanView {
  return {
    id: p.id,
    nodeId: p.node_id,
    name: localisedPlanName(p.name, locale),
    tagCode: p.tag_code,
    riskLevels: parseList(p.risk_levels),
    everyDays: p.every_days,
    active: p.active === 1,
    allowedActions: canEdit ? ['edit'] : [],
  };
}
