import type { GridLevel } from './admin-codes';
import type { LocalizedText } from './i18n';

/** The five lines of work a 全科网格 folds together (多网合一). */
export const GRID_SUBJECTS = ['party', 'governance', 'civil', 'petition', 'urban'] as const;
export type GridSubject = (typeof GRID_SUBJECTS)[number];

export const GRID_SUBJECT_LABELS: Readonly<Record<GridSubject, LocalizedText>> = {
  party: { zh: '党建', en: 'Party building' },
  governance: { zh: '综治', en: 'Comprehensive governance' },
  civil: { zh: '民政', en: 'Civil affairs' },
  petition: { zh: '信访', en: 'Petitions' },
  urban: { zh: '城管', en: 'Urban management' },
};

export const STAFF_POSTS = [
  'grid_head',
  'fulltime_worker',
  'parttime_worker',
  'branch_secretary',
  'group_leader',
] as const;
export type StaffPost = (typeof STAFF_POSTS)[number];

export const STAFF_POST_LABELS: Readonly<Record<StaffPost, LocalizedText>> = {
  grid_head: { zh: '网格长', en: 'Grid head' },
  fulltime_worker: { zh: '专职网格员', en: 'Full-time grid worker' },
  parttime_worker: { zh: '兼职网格员', en: 'Part-time grid worker' },
  branch_secretary: { zh: '支部书记', en: 'Party branch secretary' },
  group_leader: { zh: '党小组长', en: 'Party group leader' },
};

export const PARTY_ORG_TYPES = ['party_committee', 'general_branch', 'branch', 'group'] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];

export const PARTY_ORG_TYPE_LABELS: Readonly<Record<PartyOrgType, LocalizedText>> = {
  party_committee: { zh: '党委', en: 'Party committee' },
  general_branch: { zh: '党总支', en: 'General Party branch' },
  branch: { zh: '党支部', en: 'Party branch' },
  group: { zh: '党小组', en: 'Party group' },
};

/**
 * The usual 党建引领 chain 社区党委 → 网格党支部 → 楼栋(微网格)党小组. Only a default for new
 * nodes: the real type depends on member counts, so it stays editable per node.
 */
export function defaultPartyOrgType(level: GridLevel): PartyOrgType {
  switch (level) {
    case 'grid':
      return 'branch';
    case 'microgrid':
      return 'group';
    default:
      return 'party_committee';
  }
}
