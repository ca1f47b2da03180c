import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { makeDeps } from './context.js';
import { openDb } from './db/create-db.js';
import {
  demoBanner,
  isDatabaseEmpty,
  randomDemoPassword,
  seedDemo,
  writeDemoCredentials,
} from './db/demo/seed-demo.js';
import { migrateToLatest } from './db/migrate.js';
import { startCaseScheduler } from './modules/cases/case-scheduler.js';
import { ensureCaseSetup } from './modules/cases/case-setup.js';
import { ensureDefaultTags } from './modules/registry/registry.service.js';

/** Load config, open and migrate the database, seed the demo when empty, listen, close gracefully. */
export async function serve(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const handle = openDb(config);
  await migrateToLatest(handle.db);
  const deps = makeDeps(config, handle);
  await ensureDefaultTags(deps);
  await ensureCaseSetup(deps);
  let demoPassword: string | null = null;
  let passwordSource: 'env' | 'generated' | 'existing' = 'existing';
  if (config.demo && (await isDatabaseEmpty(deps))) {
    demoPassword = config.demoPassword ?? randomDemoPassword();
    passwordSource = config.demoPassword ? 'env' : 'generated';
    await seedDemo(deps, demoPassword);
  }
  const app = await buildApp(config, handle);
  const stopScheduler = startCaseScheduler(app.deps, undefined, (err) =>
    app.log.error({ err }, 'case scheduler'),
  );
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopScheduler();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}`;
  if (config.demo) {
    if (demoPassword) writeDemoCredentials(config.dataDir, url, demoPassword);
    const credFile = path.join(config.dataDir, 'demo-credentials.txt');
    if (demoPassword || existsSync(credFile))
      console.log(demoBanner(url, demoPassword ?? '', passwordSource));
  } else {
    console.log(`\n  OneGrid 一张网 is running at ${url}\n`);
  }
}
