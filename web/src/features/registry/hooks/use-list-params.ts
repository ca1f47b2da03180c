import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useScope } from '../../../lib/scope';

export interface ListParams {
  nodeId: number | undefined;
  nodeName: string | undefined;
  buildingId: number | undefined;
  tag: string | undefined;
  use: string | undefined;
  status: string | undefined;
  q: string;
  page: number;
  pageSize: number;
}

export type ListPatch = Partial<Omit<ListParams, 'nodeId'>> & { nodeId?: number | null };

function toInt(raw: string | null): number | undefined {
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * List filters live in the address bar, so a filtered list survives opening a record and coming
 * back, and can be shared. With no node chosen the list follows the header's working scope.
 */
export function useListParams(defaults: { status?: string } = {}) {
  const [search, setSearch] = useSearchParams();
  const { scope } = useScope();

  const params = useMemo<ListParams>(() => {
    const explicitNode = search.get('node');
    const allNodes = explicitNode === 'all';
    return {
      nodeId: allNodes ? undefined : (toInt(explicitNode) ?? scope?.id),
      nodeName: allNodes ? undefined : (search.get('nodeName') ?? (explicitNode ? undefined : scope?.name)),
      buildingId: toInt(search.get('building')),
      tag: search.get('tag') ?? undefined,
      use: search.get('use') ?? undefined,
      status: search.get('status') ?? defaults.status,
      q: search.get('q') ?? '',
      page: toInt(search.get('page')) ?? 1,
      pageSize: toInt(search.get('size')) ?? 20,
    };
  }, [search, scope, defaults.status]);

  const update = useCallback(
    (patch: ListPatch) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string | number | undefined | null) => {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          };
          if ('nodeId' in patch) {
            if (patch.nodeId === null) {
              next.set('node', 'all');
              next.delete('nodeName');
            } else {
              set('node', patch.nodeId);
              set('nodeName', patch.nodeName);
            }
            // A building belongs to one micro-grid: a new node makes the old building meaningless.
            next.delete('building');
          }
          if ('buildingId' in patch) set('building', patch.buildingId);
          if ('tag' in patch) set('tag', patch.tag);
          if ('use' in patch) set('use', patch.use);
          if ('status' in patch) set('status', patch.status);
          if ('q' in patch) set('q', patch.q?.trim());
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

  return { params, update };
}
