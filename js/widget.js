// <treatykit-search>: search treatykit's corpus from any page with one script tag and one element.
//
//   <script type="module" src="https://your.site/treatykit/widget.js"></script>
//   <treatykit-search placeholder="Search migration law" limit="5"
//                     filters='{"kind":["instrument"]}' href="/law/{id}"></treatykit-search>
//
// The search box takes typing at once; what was typed is searched as soon as the engine is
// ready (then the results list's aria-busy turns "false" and `treatykit-ready` fires).
// Attributes: placeholder, label (accessible name), limit (1–50, default 8), filters (JSON, as
// search() takes them), href (link template, `{id}` is replaced; without it a hit links to its
// source URL when it has one), value (sets the query at start and whenever the attribute changes,
// over what was typed too; removing it leaves the query). The `value` property reads and sets
// the query, also when a page set it before this script defined the element. Styles live in the
// shadow root and follow these custom properties: --treatykit-font, --treatykit-color,
// --treatykit-muted, --treatykit-background, --treatykit-surface, --treatykit-border,
// --treatykit-accent, --treatykit-mark, --treatykit-radius; parts: box, input, results, hit,
// link, snippet, terms (the search terms a hit was found by), status.
// Choosing a hit fires `treatykit-select` ({ detail: { id, hit } }, cancelable).
// Text from the corpus or the visitor only ever becomes DOM text nodes.
import * as raw from './treatykit.js';
import { guard } from './safe.js';

// Should the wasm ever trap, every later call throws TREATYKIT_UNUSABLE (shown in the status
// line) instead of answering from a broken instance.
const tk = guard(raw);
const { search } = tk;

let started = null;
function start() {
  started ??= tk.default();
  return started;
}

let warming = false;
/**
 * Once the page is idle, decodes the embedded corpus and builds its index, then (in a second
 * idle moment) has the engine compile its search path (`prepare()`): tens of milliseconds on
 * a slow machine that the visitor's first keystroke does not pay for.
 */
function warmWhenIdle() {
  if (warming) return;
  warming = true;
  const idle = globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 50));
  idle(() => {
    try {
      tk.corpusInfo();
    } catch {
      // The first search reports any problem where the visitor sees it.
      return;
    }
    idle(() => {
      try {
        tk.prepare?.();
      } catch {
        // As above: the first search reports it.
      }
    }, { timeout: 2000 });
  }, { timeout: 2000 });
}

const CSS = `
:host { display: block; font-family: var(--treatykit-font, inherit); color: var(--treatykit-color, #15202b); }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.box { background: var(--treatykit-background, transparent); }
label { display: block; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
input {
  width: 100%; font: inherit; font-size: 1rem; color: inherit; padding: .65rem .9rem;
  border: 1.5px solid var(--treatykit-border, #c9d0d9); border-radius: var(--treatykit-radius, 10px);
  background: var(--treatykit-surface, #fff);
}
input:focus { outline: 3px solid color-mix(in srgb, var(--treatykit-accent, #0b57d0) 35%, transparent); border-color: var(--treatykit-accent, #0b57d0); }
.status { font-size: .85rem; color: var(--treatykit-muted, #566172); margin: .45rem .15rem; min-height: 1.2em; }
ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
li { background: var(--treatykit-surface, #fff); border: 1px solid var(--treatykit-border, #dde2e8); border-radius: var(--treatykit-radius, 10px); padding: .65rem .85rem; }
a, button.link { font: inherit; font-weight: 650; color: var(--treatykit-accent, #0b57d0); text-decoration: none; background: none; border: 0; padding: 0; text-align: left; cursor: pointer; }
a:hover, button.link:hover { text-decoration: underline; }
a:focus-visible, button.link:focus-visible { outline: 3px solid var(--treatykit-accent, #0b57d0); outline-offset: 2px; border-radius: 3px; }
.meta { display: flex; flex-wrap: wrap; gap: .3rem; margin-bottom: .25rem; font-size: .7rem; text-transform: uppercase; letter-spacing: .05em; color: var(--treatykit-muted, #566172); }
.badge { border: 1px solid var(--treatykit-border, #dde2e8); border-radius: 999px; padding: .05rem .45rem; }
.badge.binding { border-color: currentColor; }
.badge.warn { color: #6e4400; background: #fff2d0; border-color: #e2b041; }
.snippet { margin: .2rem 0 0; font-size: .9rem; color: var(--treatykit-muted, #3b4757); }
.terms { margin: .2rem 0 0; font-size: .82rem; color: var(--treatykit-muted, #566172); }
mark { background: var(--treatykit-mark, #ffe58a); color: inherit; border-radius: 2px; }
.snippet mark { color: var(--treatykit-color, #15202b); } /* marked words read in full ink */
`;

// Legal force in the engine's words, the ones the app's "Legal force" facet and badges show:
// learnt from the facet counts of each answer (a hit's own value is always among them).
const statusLabels = new Map();
function learnLabels(facets) {
  const values = facets instanceof Map ? facets.get('binding') : facets?.binding;
  if (!Array.isArray(values)) return;
  for (const v of values) if (typeof v?.value === 'string' && typeof v.label === 'string') statusLabels.set(v.value, v.label);
}

let sheet = null;
function styleFor(root) {
  // Constructed sheets work under a strict Content-Security-Policy (no inline <style> needed).
  if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in root) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function highlighted(text, ranges) {
  const frag = document.createDocumentFragment();
  const str = String(text ?? '');
  const list = (Array.isArray(ranges) ? ranges : [])
    .filter((r) => Array.isArray(r) && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(([a, b]) => [Math.max(0, a), Math.min(str.length, b)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  let at = 0;
  for (const [a, b] of list) {
    const from = Math.max(a, at);
    if (from >= b) continue;
    if (from > at) frag.append(str.slice(at, from));
    frag.append(el('mark', {}, str.slice(from, b)));
    at = b;
  }
  if (at < str.length) frag.append(str.slice(at));
  return frag;
}

function safeHref(url) {
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

const KINDS = {
  resource: 'Resource', instrument: 'Instrument', convention: 'Model convention', chapter: 'MIMC chapter',
  article: 'MIMC article', category: 'Category', right: 'Right', objective: 'GCM objective', principle: 'GCM principle',
};
let ids = 0;
const DEFAULT_PLACEHOLDER = 'Search treaties, rights, reports…';
const DEFAULT_LABEL = 'Search international mobility law';

/** The `<treatykit-search>` element. */
export class TreatykitSearchElement extends HTMLElement {
  static observedAttributes = ['placeholder', 'label', 'limit', 'filters', 'href', 'value'];

  #input;
  #label;
  #status;
  #list;
  #ready = false;
  #frame = 0;
  #filters = {};
  #hits = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    styleFor(root);
    const n = ++ids;
    this.#label = el('span', { class: 'vh' }, DEFAULT_LABEL);
    // The box takes typing at once: what is typed while the engine loads is searched when it
    // is ready (the results list is aria-busy until then).
    this.#input = el('input', { type: 'search', part: 'input', id: `q${n}`, autocomplete: 'off', spellcheck: 'false' });
    this.#status = el('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
    this.#list = el('ol', { part: 'results', 'aria-label': 'Results', 'aria-busy': 'true' });
    // Defaults; attributeChangedCallback replaces them for each attribute the element has.
    this.#input.placeholder = DEFAULT_PLACEHOLDER;
    const label = el('label', { for: `q${n}` }, this.#label);
    root.append(el('div', { class: 'box', part: 'box' }, label, this.#input, this.#status, this.#list));
    this.#input.addEventListener('input', () => this.#schedule());
    this.#input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { e.preventDefault(); this.#links()[0]?.focus(); }
      if (e.key === 'Escape' && this.#input.value) { e.preventDefault(); this.#input.value = ''; this.#schedule(); }
    });
    this.#list.addEventListener('keydown', (e) => {
      const links = this.#links();
      const i = links.indexOf(root.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); links[Math.min(i + 1, links.length - 1)].focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); (i ? links[i - 1] : this.#input).focus(); }
      if (e.key === 'Escape') { e.preventDefault(); this.#input.focus(); }
    });
  }

  connectedCallback() {
    // Attributes need no applying here: the browser calls attributeChangedCallback for each one
    // the element has when it is created or upgraded (applying them again would warn twice).
    this.#upgradeProperty('value');
    if (typeof WebAssembly !== 'object') {
      this.#status.textContent = 'Search needs WebAssembly, which this browser does not offer.';
      return;
    }
    start().then(() => {
      this.#ready = true;
      this.#list.setAttribute('aria-busy', 'false');
      this.#run();
      warmWhenIdle();
      this.dispatchEvent(new CustomEvent('treatykit-ready', { bubbles: true, composed: true }));
    }, (e) => {
      this.#status.textContent = `Search is unavailable: ${e?.message ?? e}`;
    });
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.#frame);
  }

  attributeChangedCallback(name) {
    this.#apply(name);
    if (this.#ready) this.#schedule();
  }

  /**
   * A page (or a framework) may set a property on the element before widget.js defines it: the
   * value then sits on the element itself and hides the class's setter. Re-setting it through
   * the setter keeps it (the usual "upgrade property" step of custom elements).
   */
  #upgradeProperty(name) {
    if (!Object.hasOwn(this, name)) return;
    const value = this[name];
    delete this[name];
    this[name] = value;
  }

  /** The current query. */
  get value() {
    return this.#input.value;
  }

  set value(q) {
    this.#input.value = String(q ?? '');
    if (this.#ready) this.#run();
  }

  /** The hits on show. */
  get hits() {
    return [...this.#hits];
  }

  /** Focuses the search box. */
  focus(options) {
    this.#input.focus(options);
  }

  /** Applies the attribute `name` (which has just been set, changed or removed). */
  #apply(name) {
    if (name === 'placeholder') this.#input.placeholder = this.getAttribute('placeholder') ?? DEFAULT_PLACEHOLDER;
    if (name === 'label') this.#label.textContent = this.getAttribute('label') ?? DEFAULT_LABEL;
    // The attribute sets the query whenever it changes; removing it leaves the query as it is.
    if (name === 'value' && this.hasAttribute('value')) this.#input.value = this.getAttribute('value');
    if (name === 'filters') {
      const raw = this.getAttribute('filters');
      this.#filters = {};
      if (raw) {
        try {
          const parsed = JSON.parse(raw);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) this.#filters = parsed;
          else console.warn('<treatykit-search>: the filters attribute must be a JSON object');
        } catch {
          console.warn('<treatykit-search>: the filters attribute is not valid JSON; searching without filters');
        }
      }
    }
  }

  #limit() {
    const n = Number.parseInt(this.getAttribute('limit') ?? '', 10);
    return Number.isFinite(n) ? Math.min(50, Math.max(1, n)) : 8;
  }

  #links() {
    return [...this.#list.querySelectorAll('a, button.link')];
  }

  #schedule() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#run());
  }

  #run() {
    if (!this.#ready) return;
    const q = this.#input.value;
    this.#list.replaceChildren();
    this.#hits = [];
    if (!q.trim()) {
      this.#status.textContent = '';
      return;
    }
    let result;
    try {
      result = search(q, { limit: this.#limit(), filters: this.#filters });
    } catch (e) {
      this.#status.textContent = e?.code === 'QUERY_TOO_LONG' ? 'That query is too long.' : `Search failed: ${e?.message ?? e}`;
      return;
    }
    learnLabels(result?.facets);
    this.#hits = Array.isArray(result?.hits) ? result.hits : [];
    const total = Number(result?.total ?? 0);
    const corrected = typeof result?.corrected === 'string' && result.corrected ? result.corrected : null;
    this.#status.textContent = total
      ? `${total} result${total === 1 ? '' : 's'}${corrected ? ` for “${corrected}”` : ''}`
      : `No results for “${q.trim()}”`;
    for (const hit of this.#hits) this.#list.append(this.#item(hit));
  }

  #item(hit) {
    const template = this.getAttribute('href');
    const href = template ? safeHref(template.replaceAll('{id}', encodeURIComponent(hit.id))) : safeHref(hit.url);
    const select = (e) => {
      const ok = this.dispatchEvent(new CustomEvent('treatykit-select', { detail: { id: hit.id, hit }, bubbles: true, composed: true, cancelable: true }));
      if (!ok) e.preventDefault();
    };
    const title = highlighted(hit.title, hit.titleHighlights);
    const link = href
      ? el('a', { href, part: 'link', ...(template ? {} : { rel: 'noopener noreferrer', target: '_blank' }) }, title)
      : el('button', { type: 'button', class: 'link', part: 'link' }, title);
    link.addEventListener('click', select);
    const status = hit.legalStatus ?? (typeof hit.binding === 'boolean' ? (hit.binding ? 'binding' : 'non-binding') : null);
    const meta = el('div', { class: 'meta' },
      el('span', { class: 'badge' }, KINDS[hit.kind] ?? 'Record'),
      status ? el('span', { class: `badge ${status}` }, statusLabels.get(status) ?? status.replace('-', ' ')) : null,
      hit.year ? el('span', {}, String(hit.year)) : null,
      hit.confidence && hit.confidence !== 'high' ? el('span', { class: 'badge warn', title: hit.confidenceNote ?? '' }, `${hit.confidence} confidence`) : null,
      // Titles that describe an item not identified, or that no source shows (our description).
      hit.titleIdentified === false ? el('span', { class: 'badge warn', title: 'The exact item was not found; the title describes it' }, 'title not identified') : null,
      hit.titleCertain === false ? el('span', { class: 'badge warn', title: typeof hit.certaintyNote === 'string' ? hit.certaintyNote : '' }, 'title assumed') : null);
    const snippet = typeof hit.snippet === 'string' && hit.snippet
      ? el('p', { class: 'snippet', part: 'snippet' }, highlighted(hit.snippet, hit.highlights))
      : typeof hit.summary === 'string' && hit.summary
        ? el('p', { class: 'snippet', part: 'snippet' }, hit.summary.length > 160 ? `${hit.summary.slice(0, 159)}…` : hit.summary)
        : null;
    // Found through words its text lacks (its search terms): say which.
    const terms = Array.isArray(hit.searchTerms) && hit.searchTerms.length
      ? el('p', { class: 'terms', part: 'terms' }, `Matched its search term${hit.searchTerms.length > 1 ? 's' : ''} `,
        ...hit.searchTerms.flatMap((t, i) => [i ? ', ' : null, el('mark', {}, t)]).filter(Boolean), '.')
      : null;
    return el('li', { part: 'hit' }, meta, link, snippet, terms);
  }
}

if (!customElements.get('treatykit-search')) customElements.define('treatykit-search', TreatykitSearchElement);
