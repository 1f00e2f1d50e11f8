#!/usr/bin/env node
// Starts a packaged Descent Studio and checks that it really came up: its window loads the
// app's own page (app://), the page renders the interface, and the app is still running, with
// the page, some seconds later. The packaged app's fuses forbid Playwright's Electron driver
// (no --inspect), so the check goes through Chromium's DevTools endpoint instead, which the
// fuses leave alone.
//
//   node .github/scripts/smoke-start.mjs [--seconds N] [--timeout S] EXECUTABLE [ARGS...]
//
// ARGS go to the app before the debugging switches (tests use them to start a stand-in).
// Exit code 0 when the app passed, 1 with one line saying what failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Parses `[--seconds N] [--timeout S] EXECUTABLE [ARGS...]`. */
export function parseArguments(argv) {
  // How long the app must stay up after rendering, and how long it may take to show its page
  // (the first start of an app just unpacked is slow).
  const options = { seconds: 10, timeout: 90 };
  const rest = [...argv];
  while (rest[0] === '--seconds' || rest[0] === '--timeout') {
    const name = rest.shift().slice(2);
    const value = Number(rest.shift());
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    options[name] = value;
  }
  const [executable, ...args] = rest;
  if (!executable) {
    throw new Error('usage: smoke-start.mjs [--seconds N] [--timeout S] EXECUTABLE [ARGS...]');
  }
  return { executable, args, ...options };
}

/** The app's page among DevTools targets: a page served by the app:// protocol, or null. */
export function findAppPage(targets) {
  if (!Array.isArray(targets)) return null;
  return (
    targets.find(
      (t) => t && t.type === 'page' && typeof t.url === 'string' && t.url.startsWith('app://'),
    ) ?? null
  );
}

/**
 * Evaluated in the page: waits up to 30 s for React to fill #root, then reports what is there.
 * A blank window (nothing mounted, or everything unmounted by an error) never fills it.
 */
const RENDERED = `new Promise((resolve) => {
  const started = Date.now();
  const check = () => {
    const root = document.getElementById('root');
    const count = root ? root.childElementCount : 0;
    if (count > 0 || Date.now() - started > 30000) {
      resolve({ children: count, title: document.title, text: (root?.innerText ?? '').slice(0, 60) });
    } else {
      setTimeout(check, 200);
    }
  };
  check();
})`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function listTargets(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/json/list`);
    return response.ok ? await response.json() : null;
  } catch {
    return null; // Not listening yet.
  }
}

/** Runs one DevTools `Runtime.evaluate` over the page's WebSocket and returns its value. */
function evaluate(webSocketUrl, expression) {
  return new Promise((resolve, reject) => {
    if (typeof WebSocket !== 'function') {
      reject(new Error(`this Node.js (${process.version}) has no WebSocket; use Node.js 22`));
      return;
    }
    const socket = new WebSocket(webSocketUrl);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('the page did not answer within 40 s'));
    }, 40_000);
    socket.addEventListener('open', () => {
      socket.send(
        JSON.stringify({
          id: 1,
          method: 'Runtime.evaluate',
          params: { expression, awaitPromise: true, returnByValue: true },
        }),
      );
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id !== 1) return;
      clearTimeout(timer);
      socket.close();
      if (message.error || message.result?.exceptionDetails) {
        reject(new Error(`evaluation failed: ${JSON.stringify(message.error ?? message.result)}`));
      } else {
        resolve(message.result?.result?.value);
      }
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error(`could not connect to ${webSocketUrl}`));
    });
  });
}

/** Ends the app and everything it started (Chromium's helper processes). */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
  } else {
    try {
      process.kill(-child.pid, 'SIGKILL'); // Its own process group (spawned detached).
    } catch {
      child.kill('SIGKILL');
    }
  }
}

export async function smokeStart({ executable, args, seconds, timeout }) {
  const port = await freePort();
  const userData = mkdtempSync(join(tmpdir(), 'descent-smoke-'));
  const switches = [`--remote-debugging-port=${port}`, '--remote-allow-origins=*'];
  // Chromium refuses its sandbox as root (containers); runners are not root.
  if (process.platform === 'linux' && process.getuid?.() === 0) switches.push('--no-sandbox');
  const child = spawn(executable, [...args, ...switches], {
    // Never touch a real installation's settings or its single-instance lock.
    env: { ...process.env, DESCENT_USER_DATA_DIR: userData },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let spawnError = null;
  child.on('error', (error) => {
    spawnError = error;
  });
  const exited = () => spawnError !== null || child.exitCode !== null || child.signalCode !== null;
  const why = (when) =>
    spawnError
      ? `could not start ${executable}: ${spawnError.message}`
      : `the app exited (code ${child.exitCode ?? child.signalCode}) ${when}${output ? `; its last output:\n${output}` : ''}`;

  try {
    const deadline = Date.now() + timeout * 1000;
    let page = null;
    while (!page) {
      if (exited()) throw new Error(why('before its window loaded'));
      if (Date.now() > deadline) {
        throw new Error(`no app:// page within ${timeout} s`);
      }
      page = findAppPage(await listTargets(port));
      if (!page) await sleep(500);
    }
    const rendered = await evaluate(page.webSocketDebuggerUrl, RENDERED);
    if (!rendered || rendered.children === 0) {
      throw new Error(`${page.url} loaded but rendered nothing (blank window)`);
    }
    await sleep(seconds * 1000);
    if (exited()) throw new Error(why('after its window loaded'));
    if (!findAppPage(await listTargets(port))) {
      throw new Error(`the app's page went away within ${seconds} s (renderer crash?)`);
    }
    return `${page.url} rendered (${rendered.title}: "${rendered.text.replace(/\s+/g, ' ')}") and stayed up ${seconds} s`;
  } finally {
    stop(child);
    await sleep(500);
    rmSync(userData, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const result = await smokeStart(parseArguments(process.argv.slice(2)));
    console.log(`smoke-start: passed: ${result}`);
    process.exit(0);
  } catch (error) {
    console.error(`smoke-start: FAILED: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
