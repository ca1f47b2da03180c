import { createHash } from 'node:crypto';
import { authorize } from '../../../common/permissions.js';
import type { CallContext, Deps } from '../../context.js';
import { AppError } from '../../errors.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import * as repo from './gridchart.repository.js';
import {
  buildChartBase,
  type ChartBase,
  type ChartRows,
  chinaToday,
  presentChart,
} from './gridchart-model.js';

// The grid chart (网格图), docs/api-registry.md "Grid chart": one compact body per view of a community,
// grid or micro-grid, carrying only the tags the viewer may see there (docs/domain: tags §8.1). The
// viewer-independent part is cached per data version, so an unchanged view costs one fingerprint query.

const NODE = 'grid_node';
const CHART_LEVELS = new Set(['community', 'grid', 'microgrid']);
const SEARCH_LIMIT = 500;
const BASE_CACHE = 6;
const BODY_CACHE = 24;

export interface ChartNode {
  id: number;
  name: string;
  level: string;
  path: string;
}

interface Caches {
  base: Map<string, Promise<ChartBase>>;
  body: Map<string, { etag: string; json: string }>;
}
const cachesByDeps = new WeakMap<Deps, Caches>();
function caches(deps: Deps): Caches {
  let c = cachesByDeps.get(deps);
  if (!c) {
    c = { base: new Map(), body: new Map() };
    cachesByDeps.set(deps, c);
  }
  return c;
}
function remember<V>(map: Map<string, V>, key: string, value: V, max: number) {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as string);
}

/** Drops the cached views of one app (benchmarks measure cold builds with it). */
export function clearChartCaches(deps: Deps) {
  cachesByDeps.delete(deps);
}

const hash = (s: string) => createHash('sha1').update(s).digest('base64url').slice(0, 16);

/** A chart node the caller may read (grid.read on it); anything else is 404 with an audit entry. */
export async function readableChartNode(c: CallContext, nodeId: number): Promise<ChartNode> {
  const row = await repo.findNode(c.deps.db, nodeId);
  if (!row || row.retired_at !== null || !authorize(c.actor, 'grid.read', { path: row.path }))
    throw await denyOutOfScope(c, NODE, nodeId, 'grid.read');
  if (!CHART_LEVELS.has(row.level))
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'nodeId',
        code: 'gridchart.level',
        message: {
          zh: '网格图只能按社区、网格或微网格查看',
          en: 'The grid chart is drawn for a community, grid or micro-grid',
        },
      },
    ]);
  return { id: row.id, name: row.name, level: row.level, path: row.path };
}

/** The data version of a node's view: changes whenever anything the chart shows changes beneath it. */
export async function chartVersion(deps: Deps, node: { path: string }) {
  const nodes = await repo.subtreeNodes(deps.db, node.path);
  const nodeIds = nodes.map((n) => n.id).sort((a, b) => a - b);
  const parts = await repo.versionParts(deps.db, nodeIds);
  return { version: hash(`${nodeIds.join(',')}|${parts.join('|')}`), nodes, nodeIds };
}

async function loadRows(deps: Deps, nodeIds: number[], nodes: ChartRows['nodes']): Promise<ChartRows> {
  const { db, kind } = deps;
  const [buildings, households, residents, visits, tagAssignments, tags, plans] = await Promise.all([
    repo.buildingsIn(db, nodeIds),
    repo.householdsIn(db, kind, nodeIds),
    repo.residentsIn(db, kind, nodeIds),
    repo.visitsIn(db, kind, nodeIds),
    repo.tagAssignmentsIn(db, kind, nodeIds),
    repo.tagDictionary(db),
    repo.activePlans(db),
  ]);
  return { buildings, households, residents, visits, tagAssignments, tags, plans, nodes };
}

const viewerKey = (c: CallContext) =>
  hash(
    c.actor.assignments
      .map((a) => `${a.role}@${a.nodePath}`)
      .sort()
      .join(';'),
  );

/**
 * The chart of a node for the caller, or `notModified` when their `If-None-Match` still holds. Tags the
 * caller may not see on a household's node never enter the body (canSeeTag per node).
 */
export async function getChart(
  c: CallContext,
  nodeId: number,
  ifNoneMatch?: string,
): Promise<{ etag: string; notModified: true } | { etag: string; notModified: false; json: string }> {
  const node = await readableChartNode(c, nodeId);
  const today = chinaToday(c.deps.clock.now());
  const day = today.toISOString().slice(0, 10);
  const { version, nodes, nodeIds } = await chartVersion(c.deps, node);
  const viewer = viewerKey(c);
  const etag = `"gc-${version}-${viewer}-${day}"`;
  if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return { etag, notModified: true };

  const cache = caches(c.deps);
  const bodyKey = `${nodeId}|${etag}`;
  const hit = cache.body.get(bodyKey);
  if (hit) return { etag, notModified: false, json: hit.json };

  const baseKey = `${nodeId}|${version}|${day}`;
  let base = cache.base.get(baseKey);
  if (!base) {
    base = loadRows(c.deps, nodeIds, nodes).then((rows) => buildChartBase(rows, today));
    remember(cache.base, baseKey, base, BASE_CACHE);
    base.catch(() => cache.base.delete(baseKey));
  }
  const body = presentChart(await base, c.actor.assignments, {
    node: { id: node.id, name: node.name, level: node.level },
    version,
    today,
  });
  const json = JSON.stringify(body);
  remember(cache.body, bodyKey, { etag, json }, BODY_CACHE);
  return { etag, notModified: false, json };
}

/**
 * Households of the view matching a room label, or a resident's name where the caller may read people
 * (person.read on the household's node); ids only.
 */
export async function searchChart(c: CallContext, nodeId: number, q: string): Promise<number[]> {
  const node = await readableChartNode(c, nodeId);
  const text = q.trim();
  if (!text) return [];
  const nodes = await repo.subtreeNodes(c.deps.db, node.path);
  const nodeIds = nodes.map((n) => n.id);
  const nameNodeIds = nodes
    .filter((n) => authorize(c.actor, 'person.read', { path: n.path }))
    .map((n) => n.id);
  return repo.searchHouseholds(c.deps.db, nodeIds, nameNodeIds, text, SEARCH_LIMIT);
}
