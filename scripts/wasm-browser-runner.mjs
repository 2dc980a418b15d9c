#!/usr/bin/env node
// cargo's runner for the wasm32 tests in headless Chromium (`make wasm-browser` sets
// CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER to this file). It runs wasm-bindgen-test-runner
// with two changes that make the run dependable on a busy machine:
//
// 1. Chromium reaches the runner's test server through a small proxy here, which opens a fresh
//    connection for each request and closes it after the response. The runner serves the page
//    with tiny_http 0.12, whose thread pool can lose a wake-up when five or more connections
//    arrive at once while the machine is busy: its four threads then wait on Chromium's idle
//    keep-alive connections, the fifth request is never read, and the page stays at
//    "Loading scripts..." until Chromium gives up after 300 s. With one request per
//    connection, every thread is free again as soon as its response is sent, and picks up the
//    waiting request. (Seen in CI, exit 2 after 490 s; here, 3 runs in 3 with both cores busy.)
// 2. Each attempt has a time limit, and a run whose test page never reported is run again,
//    at most WASM_BROWSER_ATTEMPTS times in all. A run whose tests reported a result is never
//    repeated: a failing test fails the build at once.
//
// The proxy is given to Chromium by a copy of webdriver.json with two more arguments, passed
// to the runner as WASM_BINDGEN_TEST_WEBDRIVER_JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ATTEMPTS = Number(process.env.WASM_BROWSER_ATTEMPTS ?? 3);
const LIMIT_MS = Number(process.env.WASM_BROWSER_ATTEMPT_SECONDS ?? 180) * 1000;
const RUNNER = process.env.WASM_BINDGEN_TEST_RUNNER ?? 'wasm-bindgen-test-runner';
// Headers that describe one hop, never forwarded.
const HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

const say = (line) => process.stderr.write(`wasm-browser-runner: ${line}\n`);

/** A forward proxy for http://127.0.0.1 only: one upstream connection per request. */
export function startProxy() {
  const server = createServer((req, res) => {
    let target;
    try { target = new URL(req.url); } catch { target = null; }
    if (!target || target.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(target.hostname)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('this proxy serves the local test server only');
      return;
    }
    const headers = { ...req.headers };
    for (const h of HOP) delete headers[h];
    const upstream = request({
      host: target.hostname, port: target.port, path: target.pathname + target.search,
      method: req.method, headers: { ...headers, connection: 'close' }, agent: false,
    }, (answer) => {
      const back = { ...answer.headers };
      for (const h of HOP) delete back[h];
      res.writeHead(answer.statusCode, answer.statusMessage, back);
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${err.message}`);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** webdriver.json (if any) with Chromium sent through the proxy, loopback included. */
function capabilitiesWithProxy(port, dir) {
  const source = process.env.WASM_BINDGEN_TEST_WEBDRIVER_JSON ?? 'webdriver.json';
  let caps = {};
  try { caps = JSON.parse(readFileSync(source, 'utf8')); } catch (err) {
    if (err.code !== 'ENOENT') throw new Error(`${source}: ${err.message}`);
  }
  const chrome = (caps['goog:chromeOptions'] ??= {});
  chrome.args = [...(chrome.args ?? []), `--proxy-server=http://127.0.0.1:${port}`, '--proxy-bypass-list=<-loopback>'];
  const file = join(dir, 'webdriver.json');
  writeFileSync(file, JSON.stringify(caps));
  return file;
}

/** One run of the runner in its own process group, ended with everything it started. */
function attempt(args, env) {
  return new Promise((resolve) => {
    const child = spawn(RUNNER, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (b) => { output += b; process.stdout.write(b); });
    child.stderr.on('data', (b) => { output += b; process.stderr.write(b); });
    const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* gone */ } };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 15_000).unref();
    }, LIMIT_MS);
    const onSignal = (signal) => { killGroup('SIGKILL'); process.exit(signal === 'SIGINT' ? 130 : 143); };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: 127, output: `${RUNNER}: ${err.message} (run scripts/setup.sh)`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      // Chromium and chromedriver are in the child's group; end whatever outlived it.
      killGroup('SIGKILL');
      resolve({ code: code ?? 128, signal, output, timedOut });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'treatykit-wasm-browser-'));
  const proxy = await startProxy();
  try {
    const env = { ...process.env, WASM_BINDGEN_TEST_WEBDRIVER_JSON: capabilitiesWithProxy(proxy.address().port, dir) };
    for (let n = 1; n <= ATTEMPTS; n++) {
      const run = await attempt(args, env);
      if (run.code === 0) return 0;
      if (run.code === 127) { say(run.output); return 1; }
      // The harness printed its summary: the tests ran, and their verdict stands.
      if (run.output.includes('test result: ')) return run.code;
      const why = run.timedOut ? `no test result within ${LIMIT_MS / 1000} s` : `no test result (exit ${run.code})`;
      say(`attempt ${n} of ${ATTEMPTS}: ${why}; the test page did not report`);
    }
    say(`gave up after ${ATTEMPTS} attempts: no test ran in Chromium`);
    return 1;
  } finally {
    proxy.close();
    proxy.closeAllConnections?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main().catch((err) => { say(err.stack ?? String(err)); return 1; });
}
