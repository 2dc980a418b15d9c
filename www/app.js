// The app's entry module: checks that WebAssembly is there, loads the package (showing a loading
// indicator meanwhile), and routes between views from the URL. Every view is a function of the URL
// state (state.js); links carry `data-nav` and are followed without a page load.
import { h, fill } from './dom.js';
import { readState, toQuery, withState } from './state.js';
import { renderSearch } from './views/search.js';
import { renderRecord } from './views/record.js';
import { renderRights } from './views/rights.js';
import { renderCompare } from './views/compare.js';
import { renderMatrix } from './views/matrix.js';

const $ = (id) => document.getElementById(id);
const input = $('q');
const view = $('view');
const live = $('live');
const boot = $('boot');

let api = null;
let state = readState();
let pendingFocus = null; // data-focus-keys to focus after the next render: the first that is there
let lastAnnounced = '';
let announceTimer = 0;
let depth = 0; // in-app history entries pushed since load, so Esc/back never leaves the app
let lastOpened = null; // the record last opened, to give its result link focus again on return
let viewChanged = false; // set by navigation that changes view: focus goes to the new heading
let historyMove = false; // set by Back/Forward: focus lost with the old page goes to the heading

// The box works before the engine does: it shows the URL's query at once, and what is typed
// while the wasm loads is searched as soon as it is ready.
input.value = state.q;

function fatal(title, detail) {
  document.body.dataset.ready = 'error';
  input.disabled = true;
  fill(boot, h('div', { class: 'fatal', role: 'alert' },
    h('h2', { class: 'fatal__title' }, title),
    h('p', {}, detail)));
  boot.classList.add('is-fatal');
}

/** `href` for a state: the query string, or the bare path for the default state. */
function href(s) {
  return toQuery(s) || location.pathname;
}

function setTitle(t) {
  document.title = t ? `${t} — treatykit` : 'treatykit — international mobility law';
}

/** Announces `text` in the live region once typing pauses (screen readers hear the count once). */
function announce(text) {
  clearTimeout(announceTimer);
  if (!text) {
    // Nothing to say (the landing page): the next count is news again, even the same one.
    lastAnnounced = '';
    live.textContent = '';
    return;
  }
  if (text === lastAnnounced) return;
  announceTimer = setTimeout(() => { live.textContent = text; lastAnnounced = text; }, 350);
}

/** Goes to `next` state: a new history entry (or a replaced one), then renders. */
function go(next, { replace = false } = {}) {
  const url = href(next);
  if (replace) history.replaceState({ depth, prev: history.state?.prev }, '', url);
  else {
    depth += 1;
    history.pushState({ depth, prev: location.href }, '', url);
  }
  state = readState();
  render();
}

/** Leaves the open record (or view) the way the visitor came: history back when we pushed it. */
function back() {
  if (depth > 0) history.back();
  else go(withState(state, { record: null }));
}

function ctx() {
  return {
    api, state, href, go, back, setTitle, announce,
    rerender: render,
    // Keys in order of preference, e.g. the element itself, then a fallback that is always there.
    focusAfter: (...keys) => { pendingFocus = keys; },
  };
}

function render() {
  if (!api) return;
  const active = document.activeElement;
  // Typing in the box keeps the focus there, whatever the page shows next.
  const typing = active === input && !pendingFocus;
  const keepKeys = pendingFocus ?? (active && view.contains(active) && active.dataset?.focusKey ? [active.dataset.focusKey] : []);
  const opening = state.record && view.dataset.record !== state.record;
  const closing = !state.record && view.dataset.record;
  const c = ctx();
  let content;
  if (state.record) content = renderRecord(c);
  else if (state.view === 'rights') content = renderRights(c);
  else if (state.view === 'compare') content = renderCompare(c);
  else if (state.view === 'matrix') content = renderMatrix(c);
  else content = renderSearch(c);
  fill(view, content);
  view.dataset.view = state.view;
  view.dataset.record = state.record ?? '';
  if (input.value !== state.q && document.activeElement !== input) input.value = state.q;
  for (const a of document.querySelectorAll('.tabs a')) {
    // Tabs keep what the visitor chose in each view (query and filters, category, pair).
    a.setAttribute('href', href({ ...state, view: a.dataset.view, record: null }));
    const current = a.dataset.view === state.view && !state.record;
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Focus: a requested element, else the element that had it, else the heading of a new view.
  pendingFocus = null;
  let target = null;
  for (const key of keepKeys) {
    target = key === 'q' ? input : view.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (target) break;
  }
  if (!target && closing && lastOpened) target = view.querySelector(`[data-hit="${CSS.escape(lastOpened)}"]`);
  const fresh = opening || viewChanged || (closing && !target);
  if (!target && fresh) target = view.querySelector('h1[tabindex="-1"]');
  // Back/Forward within a view replaces the element that had focus: the heading takes it.
  const lost = !document.activeElement || document.activeElement === document.body;
  if (!target && historyMove && lost) target = view.querySelector('h1[tabindex="-1"]');
  historyMove = false;
  viewChanged = false;
  if (typing) target = input;
  if (opening) lastOpened = state.record;
  if (fresh) window.scrollTo({ top: 0 });
  // A re-render keeps the page where it was; coming back from a record scrolls to its hit.
  if (target && target !== document.activeElement) target.focus({ preventScroll: !closing });
}

// Links inside the app change the state without a page load (modified clicks keep their meaning).
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const raw = a.getAttribute('href');
  const next = readState(new URL(raw, location.href).href);
  // A "Back to …" link steps back in history only when that is where it leads (so the place the
  // visitor left comes back as it was); after moving from record to record it goes where it says.
  if (a.hasAttribute('data-back') && depth > 0 && history.state?.prev === new URL(raw, location.href).href) {
    history.back();
    return;
  }
  viewChanged = next.view !== state.view || next.cat !== state.cat;
  go(next);
});

window.addEventListener('popstate', (e) => {
  depth = Math.max(0, e.state?.depth ?? 0);
  const next = readState();
  viewChanged = next.view !== state.view;
  historyMove = true;
  state = next;
  // The box shows the query of the page returned to, even while it has focus (a phone's box
  // usually keeps it); typing then continues from that query.
  if (input.value !== state.q) input.value = state.q;
  typingEntry = false;
  render();
});

// Search as you type: the state follows the input at once; rendering waits for the next frame,
// so a burst of keystrokes renders once and typing never waits on the results.
let frame = 0;
let typingEntry = false;
input.addEventListener('input', () => {
  const q = input.value;
  // The first keystroke after leaving search view (or a record) makes one history entry;
  // the rest of the typing replaces it.
  const leaving = state.view !== 'search' || state.record;
  const next = withState(state, { q, view: 'search', record: null });
  if (leaving || !typingEntry) {
    typingEntry = true;
    history.pushState({ depth: ++depth, prev: location.href }, '', href(next));
  } else history.replaceState({ depth, prev: history.state?.prev }, '', href(next));
  state = readState();
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(render);
});
input.addEventListener('blur', () => { typingEntry = false; });
$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const first = view.querySelector('.hit__link');
  if (first) first.focus();
});

// Keyboard: "/" focuses search; arrows move through results; Enter opens (links do that);
// Esc goes back (closes a record, leaves the results, clears the box).
document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  const typing = t instanceof HTMLInputElement && t.type !== 'checkbox' || t instanceof HTMLTextAreaElement
    || t instanceof HTMLSelectElement || t?.isContentEditable;
  if (e.key === '/' && !typing) {
    e.preventDefault();
    input.focus();
    input.select();
    return;
  }
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const links = [...view.querySelectorAll('.hit__link')];
    if (!links.length) return;
    const i = links.indexOf(t);
    if (t === input && e.key === 'ArrowDown') {
      e.preventDefault();
      links[0].focus();
    } else if (i >= 0) {
      e.preventDefault();
      if (e.key === 'ArrowDown') links[Math.min(i + 1, links.length - 1)].focus();
      else if (i === 0) input.focus();
      else links[i - 1].focus();
    }
    return;
  }
  if (e.key === 'Escape') {
    if (state.record) {
      e.preventDefault();
      back();
    } else if (t === input && input.value) {
      e.preventDefault();
      input.value = '';
      go(withState(state, { q: '' }), { replace: true });
    } else if (view.contains(t) && state.view === 'search') {
      e.preventDefault();
      input.focus();
    } else if (state.view !== 'search') {
      e.preventDefault();
      if (depth > 0) history.back();
      else { viewChanged = true; go(withState(state, { view: 'search' })); }
    }
  }
});

// Layouts that are built differently on small screens (facet panel, matrix labels) follow resizes.
for (const q of ['(min-width: 56rem)', '(max-width: 40rem)']) matchMedia(q).addEventListener('change', () => render());

async function start() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fatal('This browser cannot run treatykit',
      'treatykit needs WebAssembly, which this browser does not offer (or has switched off). '
      + 'Any current version of Firefox, Chrome, Edge or Safari runs it; so does this browser with WebAssembly enabled.');
    return;
  }
  // A download that stalls would otherwise say "Loading" for good.
  const slow = setTimeout(() => {
    const say = boot.querySelector('[role=status]');
    if (say) say.textContent = 'Still loading the search engine: the connection seems slow. Results follow once it has loaded.';
  }, 15000);
  try {
    api = await import('./api.js');
    api.onUnusable((e) => {
      boot.hidden = false;
      fatal('treatykit stopped working', `${e.message}.`);
      // The search box is now disabled: keep keyboard and screen-reader users on the message.
      const title = boot.querySelector('.fatal__title');
      title?.setAttribute('tabindex', '-1');
      title?.focus();
    });
    const bar = $('boot-progress');
    const bytes = $('boot-bytes');
    const kb = (n) => `${Math.round(n / 1000)} KB`;
    await api.start((loaded, total) => {
      bar.hidden = false;
      if (total) bar.value = Math.min(1, loaded / total);
      else bar.removeAttribute('value');
      bytes.textContent = total ? `${kb(Math.min(loaded, total))} of ${kb(total)}` : kb(loaded);
    });
  } catch (e) {
    clearTimeout(slow);
    api = null;
    fatal('treatykit could not start', `The search engine failed to load (${e?.message ?? e}). Reload the page to try again.`);
    return;
  }
  clearTimeout(slow);
  boot.hidden = true;
  if (input.value !== state.q) input.value = state.q;
  history.replaceState({ depth, prev: history.state?.prev }, '', location.href);
  render();
  document.body.dataset.ready = 'true';
  // The first screen decoded the corpus; the search path compiles while the page is idle.
  (window.requestIdleCallback ?? ((fn) => setTimeout(fn, 50)))(() => api.prepare(), { timeout: 2000 });
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // Offline use is a bonus: the app works online without it.
    });
  }
}

start();
