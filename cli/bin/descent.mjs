#!/usr/bin/env node
// Entry of the `descent` command. Node 20 cannot run TypeScript, so tsx compiles the sources
// on the fly (cached between runs).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
