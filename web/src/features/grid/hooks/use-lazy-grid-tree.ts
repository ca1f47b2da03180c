import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchChildren } from '../api/children';
import { gridKeys } from '../api/keys';
import { useGridRoots } from '../api/roots';
import type { GridNode } from '../api/types';

export interface LazyTreeNode {
  key: number;
  node: GridNode;
  isLeaf: boolean;
  children?: LazyTreeNode[];
}

const ROOT = 0;

/**
 * State of the lazily loaded grid tree: only the branches the user opens are fetched
 * (GET /api/grid/nodes/:id/children), so a tree of 10,000+ nodes costs a few small requests.
 */
export function useLazyGridTree() {
  const queryClient = useQueryClient();
  const roots = useGridRoots();
  const [includeRetired, setIncludeRetired] = useState(false);
  const [nodes, setNodes] = useState<Map<number, GridNode>>(new Map());
  const [childrenOf, setChildrenOf] = useState<Map<number, number[]>>(new Map());
  const [expandedKeys, setExpandedKeys] = useState<number[]>([]);
  const inflight = useRef(new Map<string, Promise<GridNode[]>>());
  const includeRetiredRef = useRef(includeRetired);
  includeRetiredRef.current = includeRetired;

  useEffect(() => {
    if (!roots.data) return;
    const list = roots.data;
    setNodes((prev) => {
      const next = new Map(prev);
      for (const node of list) next.set(node.id, node);
      return next;
    });
    setChildrenOf((prev) =>
      new Map(prev).set(
        ROOT,
        list.map((n) => n.id),
      ),
    );
  }, [roots.data]);

  const loadChildren = useCallback(
    async (id: number, force = false): Promise<GridNode[]> => {
      const withRetired = includeRetiredRef.current;
      const flightKey = `${id}:${withRetired}:${force}`;
      const running = inflight.current.get(flightKey);
      if (running) return running;
      const promise = queryClient
        .fetchQuery({
          queryKey: gridKeys.children(id, withRetired),
          queryFn: () => fetchChildren(id, withRetired),
          staleTime: force ? 0 : 30_000,
        })
        .then((children) => {
          setNodes((prev) => {
            const next = new Map(prev);
            for (const child of children) next.set(child.id, child);
            return next;
          });
          setChildrenOf((prev) =>
            new Map(prev).set(
              id,
              children.map((c) => c.id),
            ),
          );
          return children;
        })
        .finally(() => inflight.current.delete(flightKey));
      inflight.current.set(flightKey, promise);
      return promise;
    },
    [queryClient],
  );

  /** Opens every ancestor of a node (loading each level once) so the node shows up selected. */
  const revealPath = useCallback(
    async (ancestorIds: number[]) => {
      // Ancestors above the user's own roots are outside their scope (the server answers 404): skip them.
      const reachable = new Set(roots.data?.map((n) => n.id) ?? []);
      const opened: number[] = [];
      for (const id of ancestorIds) {
        if (!reachable.has(id)) continue;
        const children = await loadChildren(id).catch(() => []);
        for (const child of children) reachable.add(child.id);
        opened.push(id);
      }
      setExpandedKeys((prev) => [...new Set([...prev, ...opened])]);
    },
    [loadChildren, roots.data],
  );

  /** After a write: reload the branches whose lists changed and keep the rest. */
  const refreshBranches = useCallback(
    async (ids: Array<number | null | undefined>) => {
      const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
      await Promise.all(unique.map((id) => loadChildren(id, true).catch(() => [])));
      await roots.refetch();
    },
    [loadChildren, roots],
  );

  const upsert = useCallback((node: GridNode) => {
    setNodes((prev) => new Map(prev).set(node.id, node));
  }, []);

  const changeIncludeRetired = useCallback((value: boolean) => {
    includeRetiredRef.current = value;
    setIncludeRetired(value);
    setChildrenOf((prev) => {
      const next = new Map<number, number[]>();
      const rootIds = prev.get(ROOT);
      if (rootIds) next.set(ROOT, rootIds);
      return next;
    });
  }, []);

  // Branches collapse to "not loaded" when the retired filter flips; reload the open ones.
  useEffect(() => {
    for (const id of expandedKeys) {
      if (!childrenOf.has(id)) void loadChildren(id).catch(() => []);
    }
  }, [expandedKeys, childrenOf, loadChildren]);

  const treeData = useMemo(() => {
    const build = (id: number, seen: Set<number>): LazyTreeNode | null => {
      const node = nodes.get(id);
      if (!node || seen.has(id)) return null;
      seen.add(id);
      const kids = childrenOf.get(id);
      return {
        key: id,
        node,
        isLeaf: kids ? kids.length === 0 : node.childCount === 0,
        children: kids
          ? kids.map((k) => build(k, seen)).filter((n): n is LazyTreeNode => n !== null)
          : undefined,
      };
    };
    const seen = new Set<number>();
    return (childrenOf.get(ROOT) ?? [])
      .map((id) => build(id, seen))
      .filter((n): n is LazyTreeNode => n !== null);
  }, [nodes, childrenOf]);

  const loadedKeys = useMemo(() => [...childrenOf.keys()].filter((k) => k !== ROOT), [childrenOf]);

  return {
    roots,
    treeData,
    nodes,
    expandedKeys,
    setExpandedKeys,
    loadedKeys,
    loadChildren,
    revealPath,
    refreshBranches,
    upsert,
    includeRetired,
    setIncludeRetired: changeIncludeRetired,
  };
}

export type LazyGridTree = ReturnType<typeof useLazyGridTree>;
