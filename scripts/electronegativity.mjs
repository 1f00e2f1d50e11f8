#!/usr/bin/env node
// Security lint of the Electron app with @doyensec/electronegativity (`npm run lint:electron`).
//
// Scans the shipped sources of electron/ and renderer/ together (one scan, so its global
// checks — navigation limits, permission handler, CSP — see main and renderer as one app),
// writes SARIF, then fails (exit 1) on any finding not listed with a reason in
// .electronegativity/suppressions.json, and on any file it could not parse (an unparsed file
// is an unchecked file). Electronegativity itself exits 0 whatever it finds, and its bundled
// CLI does not start with the commander version npm installs, hence its JS API here.
//
// It misses things (nodeIntegration is not checked once a `sandbox` key is present, a CSP sent
// from a protocol handler is invisible to it), so the unit tests in electron/ stay the real
// check of the window options, the IPC sender checks and the CSP. Works offline: its attempts
// to fetch translations and Electron release data fail quietly.
//
//   node scripts/electronegativity.mjs [--sarif <file>]      (default out/electronegativity.sarif)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Folders scanned (the app's own code; tests and mocks are not shipped and not scanned). */
export const SCANNED = ['electron', 'renderer'];
/** Reviewed findings that are accepted, each with the reason. */
export const SUPPRESSIONS_FILE = join('.electronegativity', 'suppressions.json');

/** True for files that belong in the scan. */
export function isScanned(relPath) {
  const parts = relPath.split(/[\\/]/);
  if (parts.includes('node_modules') || parts.includes('test') || parts.includes('dist'))
    return false;
  return !/\.(test|spec)\.[cm]?[jt]sx?$/.test(relPath) && !relPath.endsWith('.d.ts');
}

/**
 * Findings of a SARIF log: rule, repository-relative file, line, message.
 * @param {any} sarif
 */
export function sarifFindings(sarif) {
  const findings = [];
  for (const run of sarif.runs ?? []) {
    for (const result of run.results ?? []) {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = String(location?.artifactLocation?.uri ?? '');
      // Global checks have no file ("file:///" or "N/A").
      const file =
        uri.startsWith('file:') || uri === 'N/A' || uri === '' ? '' : uri.replace(/\\/g, '/');
      findings.push({
        rule: String(result.ruleId),
        file,
        line: Number(location?.region?.startLine ?? 0),
        message: String(result.message?.text ?? ''),
      });
    }
  }
  return findings;
}

/**
 * Validates the suppression list: each entry names a rule, optionally a file ('' or absent for
 * global checks), and a reason of at least a few words.
 * @param {unknown} value
 */
export function parseSuppressions(value) {
  if (!Array.isArray(value)) throw new Error(`${SUPPRESSIONS_FILE} must be a JSON array`);
  return value.map((entry, i) => {
    const where = `${SUPPRESSIONS_FILE}[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} must be an object`);
    const { rule, file = '', reason } = /** @type {Record<string, unknown>} */ (entry);
    if (typeof rule !== 'string' || !/^[A-Z_]+$/.test(rule))
      throw new Error(`${where}.rule must be a rule id`);
    if (typeof file !== 'string') throw new Error(`${where}.file must be a path`);
    if (typeof reason !== 'string' || reason.trim().split(/\s+/).length < 5) {
      throw new Error(`${where}.reason must say why the finding is acceptable`);
    }
    return { rule, file, reason };
  });
}

/**
 * Splits findings into accepted (matching a suppression by rule and file) and open ones, and
 * lists suppressions that matched nothing (stale: the code changed, review them).
 */
export function applySuppressions(findings, suppressions) {
  const used = new Set();
  const open = [];
  const accepted = [];
  for (const finding of findings) {
    const index = suppressions.findIndex((s) => s.rule === finding.rule && s.file === finding.file);
    if (index >= 0) {
      used.add(index);
      accepted.push(finding);
    } else open.push(finding);
  }
  const stale = suppressions.filter((_, i) => !used.has(i));
  return { open, accepted, stale };
}

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'))
    .version;
}

/** Copies the scanned sources into a temporary folder that mirrors the repository layout. */
function stageSources() {
  const stage = mkdtempSync(join(tmpdir(), 'descent-electronegativity-'));
  for (const dir of SCANNED) {
    cpSync(join(root, dir), join(stage, dir), {
      recursive: true,
      filter: (source) => {
        const rel = relative(root, source);
        return rel === dir || isScanned(rel.split(sep).join('/'));
      },
    });
  }
  return stage;
}

/**
 * Electronegativity writes the SARIF with a callback-style fs.writeFile it does not await, so
 * the file may still be empty when run() resolves: wait until it parses.
 */
async function readSarifWhenWritten(path, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no readable SARIF at ${path}: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function main(argv) {
  const sarifAt = argv.indexOf('--sarif');
  const sarifPath =
    sarifAt >= 0 && argv[sarifAt + 1]
      ? argv[sarifAt + 1]
      : join(root, 'out', 'electronegativity.sarif');
  const suppressions = parseSuppressions(
    JSON.parse(readFileSync(join(root, SUPPRESSIONS_FILE), 'utf8')),
  );
  const run = require('@doyensec/electronegativity');
  const stage = stageSources();
  mkdirSync(dirname(sarifPath), { recursive: true });
  rmSync(sarifPath, { force: true });
  let result;
  // Its progress and i18n chatter goes to console.log; keep our output to the verdict.
  const log = console.log;
  console.log = () => undefined;
  try {
    result = await run({
      input: stage,
      output: sarifPath,
      isSarif: true,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion(),
      parserPlugins: [],
    });
  } finally {
    console.log = log;
    rmSync(stage, { recursive: true, force: true });
  }
  const findings = sarifFindings(await readSarifWhenWritten(sarifPath));
  const { open, accepted, stale } = applySuppressions(findings, suppressions);
  const unparsed = result.errors.filter((e) => !e.tolerable);

  for (const s of stale) {
    console.warn(
      `electronegativity: suppression no longer matches anything: ${s.rule} ${s.file || '(global)'}`,
    );
  }
  for (const e of unparsed)
    console.error(`electronegativity: could not parse ${e.file}: ${e.message}`);
  for (const f of open) {
    console.error(
      `electronegativity: ${f.rule} ${f.file ? `${f.file}:${f.line}` : '(global)'} ${f.message}`,
    );
  }
  const summary = `${result.atomicChecks + result.globalChecks} checks, ${findings.length} findings (${accepted.length} reviewed and suppressed), SARIF: ${relative(root, sarifPath)}`;
  if (open.length > 0 || unparsed.length > 0) {
    console.error(
      `electronegativity: FAILED — ${open.length} unreviewed finding(s), ${unparsed.length} unparsed file(s); ${summary}`,
    );
    console.error(`Fix them, or add a reviewed entry with a reason to ${SUPPRESSIONS_FILE}.`);
    return 1;
  }
  console.log(`electronegativity: OK — ${summary}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`electronegativity: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
