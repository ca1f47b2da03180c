#!/usr/bin/env node
// Import boundaries (ARCHITECTURE.md): common/ is isomorphic (no node:*, no server/, no web/, no DOM globals);
// web/src never imports server/; server/ never imports web/. Prints every violation; exit 1 if any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

export function findViolations(root = process.cwd()) {
  const problems = [];
  const check = (dir, rule) => {
    for (const f of files(path.join(root, dir))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2];
        const resolved = spec.startsWith('.')
          ? path.relative(root, path.resolve(path.dirname(f), spec))
          : spec;
        const why = rule(spec, resolved, f);
        if (why) problems.push(`${path.relative(root, f)}: imports "${spec}" — ${why}`);
      }
    }
  };
  check('common', (spec, resolved) => {
    if (spec.startsWith('node:') || ['fs', 'path', 'crypto', 'os'].includes(spec))
      return 'common/ must not use Node built-ins';
    if (resolved.startsWith('server') || resolved.startsWith('web'))
      return 'common/ must not depend on server/ or web/';
    if (!spec.startsWith('.') && !['vitest', 'fast-check'].includes(spec))
      return 'common/ takes no runtime dependencies';
    return null;
  });
  check('web/src', (_spec, resolved) =>
    resolved.startsWith('server') ? 'web/ must not import server code' : null,
  );
  check('server', (_spec, resolved) =>
    resolved.startsWith('web') ? 'server/ must not import web code' : null,
  );
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = findViolations();
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} import-boundary violation(s)` : 'import boundaries OK');
  process.exit(problems.length ? 1 : 0);
}
