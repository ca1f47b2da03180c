import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { migrationsCurrent } from '../../db/migrate.js';

/** Liveness and readiness for load balancers and orchestrators. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const { db, kind } = app.deps;
    try {
      await sql`select 1`.execute(db);
      const current = await migrationsCurrent(db);
      if (!current) return reply.status(503).send({ status: 'not_ready', db: kind, migrations: 'pending' });
      return { status: 'ready', db: kind, migrations: 'current' };
    } catch {
      return reply.status(503).send({ status: 'not_ready', db: kind, migrations: 'unknown' });
    }
  });
}
