import { RATING_LABELS, type Rating } from '../../../common/cases.js';
import type { LocalizedText } from '../../../common/i18n.js';
import { isRole, ROLE_LABELS } from '../../../common/permissions.js';
import type { CaseDetail, TimelineView } from '../cases/cases.presenter.js';

// PURE rules of the residents' pages (docs/resident-h5.md): which categories a resident picks from, how a report's
// title is drawn from its words, and how a case is shown to the public — public events only, actors named by unit
// or role, never a member of staff by name.

export interface ResidentCategory {
  code: string;
  icon: string;
  /** Wording for residents where the admin tree's name is too technical. */
  label?: LocalizedText;
}

/** The resident-friendly subset of the category tree, in the order the picker shows them (3 per row). */
export const RESIDENT_CATEGORIES: readonly ResidentCategory[] = [
  { code: 'MS01', icon: 'leak' },
  { code: 'MS04', icon: 'house' },
  { code: 'MS02', icon: 'heat' },
  { code: 'MS03', icon: 'water' },
  { code: 'CG01', icon: 'environment', label: { zh: '环境卫生', en: 'Rubbish and cleanliness' } },
  { code: 'CG05', icon: 'traffic', label: { zh: '占道乱停', en: 'Blocked pavements and parking' } },
  { code: 'CG03', icon: 'facility', label: { zh: '施工扰民', en: 'Building work nuisance' } },
  { code: 'ZZ09', icon: 'noise', label: { zh: '噪音油烟', en: 'Noise and fumes' } },
  { code: 'ZZ02', icon: 'neighbour', label: { zh: '邻里纠纷', en: 'Neighbour disputes' } },
  { code: 'CG04', icon: 'safety', label: { zh: '安全隐患', en: 'Safety hazards' } },
  { code: 'MZ', icon: 'welfare', label: { zh: '生活困难', en: 'Hardship and welfare' } },
  { code: 'QT', icon: 'other' },
];

export const LOCATION_MAX = 100;
export const NAME_MAX = 50;
export const DESCRIPTION_MIN = 5;
const TITLE_CHARS = 40;

/** A title for a report residents write without one: the first line of their words, cut at 40 characters. */
export function titleFrom(description: string): string {
  const line = description.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS).join('')}…` : line;
}

/** A tracking number as people type it: case, spaces and full-width dashes do not matter. */
export function normaliseNumber(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/\s/g, '')
    .replace(/[－—–_]/g, '-');
}

export interface PublicTimelineItem {
  id: number;
  at: string;
  action: TimelineView['action'];
  toState: TimelineView['toState'];
  who: string;
  note: string | null;
}

export interface PublicCase {
  id: number | null;
  number: string;
  title: string;
  description: string;
  categoryName: string;
  state: CaseDetail['state'];
  place: string | null;
  createdAt: string;
  units: Array<{ name: string; role: 'lead' | 'assist' }>;
  rejectReason: string | null;
  result: string | null;
  masterNumber: string | null;
  photoCount: number;
  rating: CaseDetail['rating'];
  canRate: boolean;
  version: number;
  timeline: PublicTimelineItem[];
}

const REPORTER: LocalizedText = { zh: '反映人', en: 'Reporter' };
const SYSTEM: LocalizedText = { zh: '系统', en: 'System' };
const COMMUNITY: LocalizedText = { zh: '社区', en: 'Community' };
const pick = (t: LocalizedText, locale: string) => (locale === 'en' ? t.en : t.zh);

/** Who acted, as the public may know it: the unit, the role, the reporter or the system — never a person's name. */
export function publicWho(e: TimelineView, d: CaseDetail, locale: string): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (typeof data.unitId === 'number') {
    const a = d.assignments.find((x) => x.unitId === data.unitId);
    if (a) return a.unitName;
    if (typeof data.unitName === 'string') return data.unitName;
  }
  if (e.action === 'auto_close') return pick(SYSTEM, locale);
  if (e.actorRole === 'resident' || (e.action === 'rate' && e.actorRole === null))
    return pick(REPORTER, locale);
  if (e.actorRole === 'unit_handler') return d.leadUnitName ?? pick(COMMUNITY, locale);
  if (e.actorRole && isRole(e.actorRole)) return `${d.nodeName} · ${pick(ROLE_LABELS[e.actorRole], locale)}`;
  return e.actorName === '系统' ? pick(SYSTEM, locale) : d.nodeName;
}

/** What a public event says: its note, or for a dispatch the units it went to, for a rating the rating. */
export function publicNote(e: TimelineView, locale: string): string | null {
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.action === 'dispatch' && !e.note) {
    const lead = typeof data.leadUnitName === 'string' ? data.leadUnitName : null;
    const assists = Array.isArray(data.assistUnitNames)
      ? data.assistUnitNames.filter((x) => typeof x === 'string')
      : [];
    const en = locale === 'en';
    const parts = [
      lead ? (en ? `${lead} (lead)` : `${lead}（主办）`) : null,
      ...assists.map((n) => (en ? `${n} (assisting)` : `${n}（协办）`)),
    ].filter(Boolean);
    return parts.length ? parts.join(locale === 'en' ? ', ' : '、') : null;
  }
  if (e.action === 'rate' && typeof data.rating === 'string' && data.rating in RATING_LABELS) {
    const label = pick(RATING_LABELS[data.rating as Rating], locale);
    return e.note ? `${label} · ${e.note}` : label;
  }
  return e.note;
}

/** The public face of a case (docs/resident-h5.md): only public events; units and roles, no staff names. */
export function presentPublicCase(d: CaseDetail, locale: string, opts: { withId: boolean }): PublicCase {
  return {
    id: opts.withId ? d.id : null,
    number: d.number,
    title: d.title,
    description: d.description,
    categoryName: d.categoryName,
    state: d.state,
    place: d.address ?? d.roomLabel ?? d.nodeName,
    createdAt: d.createdAt,
    units: d.assignments
      .filter((a) => a.status !== 'returned')
      .map((a) => ({ name: a.unitName, role: a.role })),
    rejectReason: d.rejectReason,
    result: d.result,
    masterNumber: d.masterNumber,
    photoCount: d.files.length,
    rating: d.rating,
    canRate: d.allowedActions.includes('rate'),
    version: d.version,
    timeline: d.timeline
      .filter((e) => e.visibility === 'public')
      .map((e) => ({
        id: e.id,
        at: e.at,
        action: e.action,
        toState: e.toState,
        who: publicWho(e, d, locale),
        note: publicNote(e, locale),
      })),
  };
}
