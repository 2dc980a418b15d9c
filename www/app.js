// The app's entry module: loads the wasm package by a relative path and searches as you type.
// Results are built from DOM text nodes only (never innerHTML with corpus or query text).
import init, { search } from '../pkg/treatykit.js';

const input = document.getElementById('q');
const status = document.getElementById('status');
const list = document.getElementById('results');

function render(query) {
  list.replaceChildren();
  if (!query.trim()) { status.textContent = 'Type to search.'; return; }
  const { total, hits } = search(query);
  status.textContent = `${total} result${total === 1 ? '' : 's'} for “${query}”`;
  for (const hit of hits) {
    const li = document.createElement('li');
    li.className = 'hit';
    li.dataset.id = hit.id;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = hit.kind;
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = hit.title;
    li.append(kind, title);
    list.append(li);
  }
}

try {
  await init();
  input.disabled = false;
  input.addEventListener('input', () => render(input.value));
  document.getElementById('search-form').addEventListener('submit', (e) => e.preventDefault());
  render(input.value);
  document.body.dataset.ready = 'true';
} catch (e) {
  status.textContent = `treatykit could not start: ${e.message}`;
  throw e;
}
