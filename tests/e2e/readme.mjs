// Shared by the end-to-end tests that run README's examples as written.
import assert from 'node:assert/strict';

/** The first ```js code block of a Markdown text that contains `needle` (fails the test if none). */
export function jsBlock(markdown, needle) {
  const block = [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((b) => b.includes(needle));
  assert.ok(block, `a js code block containing ${needle}`);
  return block;
}
