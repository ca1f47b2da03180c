import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { type Deps, makeDeps } from './context.js';
import type { DbHandle } from './db/create-db.js';
import { type Clock, systemClock } from './lib/clock.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { caseAdminRoutes } from './modules/cases/case-admin.routes.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { gridRoutes } from './modules/grid/grid.routes.js';
import { gridchartRoutes } from './modules/gridchart/gridchart.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { hotlineRoutes } from './modules/hotline/hotline.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { setupNotifications } from './modules/notifications/notifications.setup.js';
import { open311AdminRoutes, open311Routes } from './modules/open311/open311.routes.js';
import { meRoutes, publicCaseRoutes } from './modules/public-cases/public-cases.routes.js';
import { residentAccountRoutes } from './modules/public-cases/resident-accounts.routes.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { visitsRoutes } from './modules/visits/visits.routes.js';
import { setupWebhooks } from './modules/webhooks/webhooks.setup.js';
import { authPlugin } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/error-handler.js';

export interface BuildOptions {
  clock?: Clock;
  logger?: boolean;
  /** Serve the built web app from web/dist when present (off in route tests). */
  serveWeb?: boolean;
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Builds the whole HTTP app on an open database; main.ts and the tests both call this. */
export async function buildApp(
  config: Config,
  handle: DbHandle,
  opts: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const deps: Deps = makeDeps(config, handle, opts.clock ?? systemClock);
  app.decorate('deps', deps);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its CSS-in-JS at run time; swagger-ui needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OneGrid 一张网 API',
        version: '0.1.0',
        description: '基层治理平台 / Grassroots governance platform',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'og_sid' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerErrorHandler(app);
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(gridRoutes, { prefix: '/api/grid' });
  await app.register(registryRoutes, { prefix: '/api/registry' });
  await app.register(gridchartRoutes, { prefix: '/api/gridchart' });
  await app.register(userRoutes, { prefix: '/api/users' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(visitsRoutes, { prefix: '/api/visits' });
  await app.register(casesRoutes, { prefix: '/api/cases' });
  await app.register(caseAdminRoutes, { prefix: '/api' });
  await app.register(importRoutes, { prefix: '/api/imports' });
  await app.register(open311AdminRoutes, { prefix: '/api/open311' });
  // Open311 GeoReport v2 is public (outside /api: no session, no CSRF); POST carries an api_key.
  await app.register(open311Routes, { prefix: '/open311' });
  await setupNotifications(app);
  await setupWebhooks(app);
  await app.register(hotlineRoutes, { prefix: '/api/hotline' });
  await app.register(publicCaseRoutes, { prefix: '/api/public' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(residentAccountRoutes, { prefix: '/api/resident-accounts' });

  const serveWeb = opts.serveWeb ?? true;
  if (serveWeb && existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0])) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found / 未找到' } });
    });
  } else {
    app.setNotFoundHandler((_req, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found / 未找到' } }),
    );
  }
  return app;
}
