import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CASE_SOURCES, CASE_STATES, type CaseSource, type CaseState } from '../../../../../common/cases';
import { useScope } from '../../../lib/scope';
import type { CaseListFilters } from '../api/types';

export interface CaseListParams extends Omit<CaseListFilters, 'view'> {
  nodeName?: string;
  page: number;
  pageSize: number;
  sort: 'due' | 'created';
}

export type CaseListPatch = Partial<Omit<CaseListParams, 'nodeId'>> & { nodeId?: number | null };

function toInt(raw: string | null): number | undefined {
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function oneOf<T extends string>(list: readonly T[], raw: string | null): T | undefined {
  return raw && (list as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/**
 * The list's filters live in the address bar, so a filtered list survives opening a case and coming
 * back, and can be sent to a colleague. With no grid chosen it follows the header's working scope.
 */
export function useCaseListParams() {
  const [search, setSearch] = useSearchParams();
  const { scope } = useScope();

  const params = useMemo<CaseListParams>(() => {
    const explicitNode = search.get('node');
    const allNodes = explicitNode === 'all';
    return {
      nodeId: allNodes ? undefined : (toInt(explicitNode) ?? scope?.id),
      nodeName: allNodes ? undefined : (search.get('nodeName') ?? (explicitNode ? undefined : scope?.name)),
      state: oneOf<CaseState>(CASE_STATES, search.get('state')),
      categoryId: toInt(search.get('category')),
      unitId: toInt(search.get('unit')),
      source: oneOf<CaseSource>(CASE_SOURCES, search.get('source')),
      overdue: search.get('overdue') === '1',
      supervised: search.get('supervised') === '1',
      q: search.get('q') ?? '',
      sort: search.get('sort') === 'created' ? 'created' : 'due',
      page: toInt(search.get('page')) ?? 1,
      pageSize: toInt(search.get('size')) ?? 20,
    };
  }, [search, scope]);

  const update = useCallback(
    (patch: CaseListPatch) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string | number | boolean | undefined | null) => {
            if (value === undefined || value === null || value === '' || value === false) next.delete(key);
            else next.set(key, value === true ? '1' : String(value));
          };
          if ('nodeId' in patch) {
            if (patch.nodeId === null) {
              next.set('node', 'all');
              next.delete('nodeName');
            } else {
              set('node', patch.nodeId);
              set('nodeName', patch.nodeName);
            }
          }
          if ('state' in patch) set('state', patch.state);
          if ('categoryId' in patch) set('category', patch.categoryId);
          if ('unitId' in patch) set('unit', patch.unitId);
          if ('source' in patch) set('source', patch.source);
          if ('overdue' in patch) set('overdue', patch.overdue);
          if ('supervised' in patch) set('supervised', patch.supervised);
          if ('q' in patch) set('q', patch.q?.trim());
          if ('sort' in patch) set('sort', patch.sort === 'due' ? undefined : patch.sort);
          if ('pageSize' in patch) set('size', patch.pageSize === 20 ? undefined : patch.pageSize);
          // Any change but paging starts again from the first page.
          if ('page' in patch) set('page', patch.page === 1 ? undefined : patch.page);
          else next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const reset = useCallback(() => setSearch(new URLSearchParams(), { replace: true }), [setSearch]);

  return { params, update, reset };
}
