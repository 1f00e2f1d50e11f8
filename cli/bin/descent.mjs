#!/usr/bin/env node
// Entry of the `descent` command: runs the bundle in dist/cli when it is up to date, else the
// TypeScript sources through tsx (see node/cli-bundle.mjs).
import { fileURLToPath } from 'node:url';
import { loadCli } from '../../node/cli-bundle.mjs';

const { main } = await loadCli(fileURLToPath(new URL('../..', import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
