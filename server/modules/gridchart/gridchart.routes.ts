import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callContext } from '../../plugins/auth.js';
import { chartVersion, getChart, readableChartNode, searchChart } from './gridchart.service.js';
import { ChartWatchers } from './gridchart-events.js';

// HTTP face of the grid chart (docs/api-registry.md "Grid chart"): the compact view with an ETag, a
// server-sent "changed" stream for wall screens, and a scoped search.

const strict = { additionalProperties: false } as const;
const NodeParams = Type.Object({ nodeId: Type.Integer({ minimum: 1 }) }, strict);
const SearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }) }, strict);
const tags = ['gridchart'];
const HEARTBEAT_MS = 15_000;

export async function gridchartRoutes(fastify: FastifyInstance, opts: { pollMs?: number }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const watchers = new ChartWatchers(app.deps, opts.pollMs ?? 2000);
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
    watchers.closeAll();
  });

  app.get(
    '/:nodeId',
    {
      schema: {
        tags,
        summary: '网格图数据（紧凑） / Grid chart data (compact)',
        params: NodeParams,
      },
    },
    async (req, reply) => {
      const r = await getChart(callContext(req), req.params.nodeId, req.headers['if-none-match']);
      reply.header('etag', r.etag).header('cache-control', 'private, no-cache');
      if (r.notModified) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(r.json);
    },
  );

  app.get(
    '/:nodeId/search',
    {
      schema: {
        tags,
        summary: '按房号或居民姓名搜索住户 / Find households by room or resident name',
        params: NodeParams,
        querystring: SearchQuery,
        response: { 200: Type.Array(Type.Integer()) },
      },
    },
    async (req) => searchChart(callContext(req), req.params.nodeId, req.query.q),
  );

  app.get(
    '/:nodeId/events',
    {
      schema: {
        tags,
        summary: '数据变化推送（SSE） / Change notifications (server-sent events)',
        params: NodeParams,
      },
    },
    async (req, reply) => {
      const c = callContext(req);
      const node = await readableChartNode(c, req.params.nodeId);
      const { version } = await chartVersion(c.deps, node);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
      });
      res.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ version })}\n\n`);
      const leave = watchers.subscribe(node, version, (v) => {
        res.write(`event: changed\ndata: ${JSON.stringify({ version: v })}\n\n`);
      });
      const beat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      beat.unref();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(beat);
        leave();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      req.raw.on('close', end);
      res.on('close', end);
    },
  );
}
