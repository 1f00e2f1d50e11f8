#!/usr/bin/env node
// Runs the benchmarks (TypeScript, compiled on the fly by tsx). Usage: npm run bench [-- NAME]
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('./solver.bench.ts');
await runBenchmarks(process.argv.slice(2));
