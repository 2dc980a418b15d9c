// The proxy of scripts/wasm-browser-runner.mjs, which stands between Chromium and the test
// server of wasm-bindgen-test-runner in `make wasm-browser`.
import assert from 'node:assert/strict';
import { createServer, get, Agent } from 'node:http';
import { test } from 'node:test';
import { startProxy } from '../../scripts/wasm-browser-runner.mjs';

/** A server that answers with the path, keeps connections alive and counts them. */
async function countingServer() {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-seen-connection': req.headers.connection ?? '' });
    res.end(`path ${req.url}`);
  });
  server.keepAliveTimeout = 60_000;
  let opened = 0;
  let open = 0;
  server.on('connection', (socket) => { opened++; open++; socket.on('close', () => open--); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port, opened: () => opened, open: () => open };
}

/** GET an absolute URL through the proxy, as Chromium does with --proxy-server. */
function viaProxy(proxyPort, url, agent) {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: proxyPort, path: url, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

const until = async (check, what) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), what);
};

test('the proxy opens one upstream connection per request and closes each after its answer', async () => {
  const upstream = await countingServer();
  const proxy = await startProxy();
  // Chromium's side: few kept-alive connections to the proxy, many requests at once.
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  try {
    const paths = ['/', '/run.js', '/wasm-bindgen-test', '/a.js', '/b.js', '/c.js', '/d.js', '/x_bg.wasm?v=1'];
    const answers = await Promise.all(
      paths.map((p) => viaProxy(proxy.address().port, `http://127.0.0.1:${upstream.port}${p}`, agent)));
    assert.deepEqual(answers.map((a) => a.body), paths.map((p) => `path ${p}`));
    assert.ok(answers.every((a) => a.status === 200 && a.headers['x-seen-connection'] === 'close'));
    assert.equal(upstream.opened(), paths.length);
    await until(() => upstream.open() === 0, 'every upstream connection is closed after its answer');
  } finally {
    agent.destroy();
    proxy.close();
    proxy.closeAllConnections();
    upstream.server.close();
    upstream.server.closeAllConnections();
  }
});

test('the proxy refuses every host but the local test server', async () => {
  const proxy = await startProxy();
  try {
    for (const url of ['http://clients2.google.com/time/1/current', 'http://10.0.0.1:80/', 'http://example.org/']) {
      const answer = await viaProxy(proxy.address().port, url);
      assert.equal(answer.status, 403, url);
    }
    // A request that is not in absolute form is not a proxy request.
    assert.equal((await viaProxy(proxy.address().port, '/relative')).status, 403);
  } finally {
    proxy.close();
    proxy.closeAllConnections();
  }
});

test('the proxy answers 502 when the test server is gone', async () => {
  const gone = await countingServer();
  const port = gone.port;
  await new Promise((resolve) => gone.server.close(resolve));
  const proxy = await startProxy();
  try {
    const answer = await viaProxy(proxy.address().port, `http://127.0.0.1:${port}/`);
    assert.equal(answer.status, 502);
    assert.match(answer.body, /ECONNREFUSED/);
  } finally {
    proxy.close();
    proxy.closeAllConnections();
  }
});
