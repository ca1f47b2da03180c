#!/usr/bin/env node
// The `onegrid` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/cli/index.ts');
await runCli(process.argv);
