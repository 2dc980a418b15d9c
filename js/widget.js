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
// source URL when it has one, marked "link not checked" when the hit says `urlChecked: false`:
// no reviewed source gives that link, it is the official page as we know it), value (sets the query at start and whenever the attribute changes,
// over what was typed too; removing it leaves the query). The `value` property reads and sets
// the query, also when a page set it before this script defined the element. Styles live in the
// shadow root and follow these custom properties: --treatykit-font, --treatykit-color,
// --treatykit-muted, --treatykit-background, --treatykit-surface, --treatykit-border,
// --treatykit-accent, --treatykit-mark, --treatykit-radius; parts: box, input, results, hit,
// link, unchecked (the "link not checked" marker), snippet, terms (the search terms a hit was
// found by), status. Text sizes follow the element's own font-size (default: the reader's
// default size, whatever the page's root size; the box never goes under 16px), so
// `treatykit-search { font-size: 15px }` resizes it. The status line shows the count at once;
// screen readers hear it, with the query, once typing pauses. A query with no letters or digits
// lists nothing; when no record has every word, the status line says the hits are the closest.
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
/* Sized from the host element, never from the page's root font size (a host with html{font-size:10px}
   would shrink rem sizes): "medium" is the reader's default size; set font-size on the element to
   change it. Without --treatykit-color the text outside the cards (the status line, on the host's
   own background) takes the host's text colour; cards and the box keep their own ink. */
:host { display: block; font-family: var(--treatykit-font, inherit); font-size: medium; color: var(--treatykit-color); }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.box { background: var(--treatykit-background, transparent); }
label { display: block; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
input {
  width: 100%; font: inherit; font-size: max(1em, 16px); color: var(--treatykit-color, #15202b); padding: .65em .9em;
  border: 1.5px solid var(--treatykit-border, #c9d0d9); border-radius: var(--treatykit-radius, 10px);
  background: var(--treatykit-surface, #fff);
}
input:focus { outline: 3px solid color-mix(in srgb, var(--treatykit-accent, #0b57d0) 35%, transparent); border-color: var(--treatykit-accent, #0b57d0); }
.status { font-size: .85em; color: var(--treatykit-muted, color-mix(in srgb, currentColor 78%, transparent)); margin: .53em .18em; min-height: 1.2em; }
ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .5em; }
li { background: var(--treatykit-surface, #fff); border: 1px solid var(--treatykit-border, #dde2e8); border-radius: var(--treatykit-radius, 10px); padding: .65em .85em; color: var(--treatykit-color, #15202b); }
a, button.link { font: inherit; font-weight: 650; color: var(--treatykit-accent, #0b57d0); text-decoration: none; background: none; border: 0; padding: 0; text-align: left; cursor: pointer; }
a:hover, button.link:hover { text-decoration: underline; }
a:focus-visible, button.link:focus-visible { outline: 3px solid var(--treatykit-accent, #0b57d0); outline-offset: 2px; border-radius: 3px; }
.meta { display: flex; flex-wrap: wrap; gap: .43em; margin-bottom: .36em; font-size: .7em; text-transform: uppercase; letter-spacing: .05em; color: var(--treatykit-muted, #566172); }
.badge { border: 1px solid var(--treatykit-border, #dde2e8); border-radius: 999px; padding: .07em .64em; }
.badge.binding { border-color: currentColor; }
.badge.warn { color: #6e4400; background: #fff2d0; border-color: #e2b041; }
.unchecked { display: inline-block; margin-left: .4em; font-size: .7em; font-weight: 400; vertical-align: .1em; }
.snippet { margin: .22em 0 0; font-size: .9em; color: var(--treatykit-muted, #3b4757); }
.terms { margin: .24em 0 0; font-size: .82em; color: var(--treatykit-muted, #566172); }
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
// The fields search() filters the embedded corpus by (besides yearFrom and yearTo).
const FILTER_FIELDS = ['kind', 'type', 'binding', 'theme', 'category', 'gcmObjective', 'publisher', 'year'];
const DEFAULT_PLACEHOLDER = 'Search treaties, rights, reports…';
const DEFAULT_LABEL = 'Search international mobility law';

/** The `<treatykit-search>` element. */
export class TreatykitSearchElement extends HTMLElement {
  static observedAttributes = ['placeholder', 'label', 'limit', 'filters', 'href', 'value'];

  #input;
  #label;
  #status;
  #live;
  #list;
  #ready = false;
  #frame = 0;
  #announceTimer = 0;
  #announced = '';
  #slowTimer = 0;
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
    this.#status = el('p', { class: 'status', part: 'status' }, 'Loading…');
    // The status line follows every keystroke; screen readers hear it once typing pauses, and
    // with the query it is for (as the app's live region does).
    this.#live = el('p', { class: 'vh', role: 'status', 'aria-live': 'polite' });
    this.#list = el('ol', { part: 'results', 'aria-label': 'Results', 'aria-busy': 'true' });
    // Defaults; attributeChangedCallback replaces them for each attribute the element has.
    this.#input.placeholder = DEFAULT_PLACEHOLDER;
    const label = el('label', { for: `q${n}` }, this.#label);
    root.append(el('div', { class: 'box', part: 'box' }, label, this.#input, this.#status, this.#live, this.#list));
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
      this.#say('Search needs WebAssembly, which this browser does not offer.', { now: true });
      this.#list.setAttribute('aria-busy', 'false');
      return;
    }
    // A download that stalls would otherwise show "Loading…" for good.
    clearTimeout(this.#slowTimer);
    if (!this.#ready) {
      this.#slowTimer = setTimeout(() => {
        if (!this.#ready && this.#list.getAttribute('aria-busy') === 'true') this.#say('Still loading: the connection seems slow.', { now: true });
      }, 15000);
    }
    start().then(() => {
      clearTimeout(this.#slowTimer);
      this.#ready = true;
      this.#list.setAttribute('aria-busy', 'false');
      this.#run();
      warmWhenIdle();
      this.dispatchEvent(new CustomEvent('treatykit-ready', { bubbles: true, composed: true }));
    }, (e) => {
      clearTimeout(this.#slowTimer);
      // Nothing more will load: the list is no longer busy.
      this.#list.setAttribute('aria-busy', 'false');
      this.#say(`Search is unavailable: ${e?.message ?? e}`, { now: true });
    });
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#announceTimer);
    clearTimeout(this.#slowTimer);
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
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
            this.#filters = parsed;
            // Said now, not only as a search error after the visitor's first keystroke.
            const wrong = Object.entries(parsed).filter(([k, v]) => (k === 'yearFrom' || k === 'yearTo'
              ? v !== null && !Number.isInteger(v) : !FILTER_FIELDS.includes(k))).map(([k]) => k);
            if (wrong.length) {
              console.warn(`<treatykit-search>: the filters attribute has ${wrong.map((k) => `\`${k}\``).join(', ')}, which search() refuses; `
                + `it takes ${FILTER_FIELDS.join(', ')} (lists of values) and yearFrom, yearTo (whole years)`);
            }
          } else console.warn('<treatykit-search>: the filters attribute must be a JSON object');
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

  /**
   * Shows `text` in the status line at once and announces `spoken` (default: the same) once
   * typing pauses; the same announcement twice in a row is not repeated.
   */
  #say(text, { spoken = text, now = false } = {}) {
    if (this.#status.textContent !== text) this.#status.textContent = text;
    clearTimeout(this.#announceTimer);
    if (!spoken) {
      // An empty box: the next answer is news again, even if it is the one before.
      this.#announced = '';
      this.#live.textContent = '';
      return;
    }
    if (spoken === this.#announced) return;
    const write = () => { this.#live.textContent = spoken; this.#announced = spoken; };
    if (now) write();
    else this.#announceTimer = setTimeout(write, 350);
  }

  #run() {
    if (!this.#ready) return;
    const q = this.#input.value;
    this.#list.replaceChildren();
    this.#hits = [];
    if (!q.trim()) {
      this.#say('');
      return;
    }
    // A query with nothing to search for ("?", "!!!", "—") would list every record in browse
    // order as if they matched it (the app sets such a query aside the same way).
    if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(q)) {
      this.#say(`“${q.trim()}” has no letters or digits to search for.`);
      return;
    }
    let result;
    try {
      result = search(q, { limit: this.#limit(), filters: this.#filters });
    } catch (e) {
      this.#say(e?.code === 'QUERY_TOO_LONG' ? 'That query is too long.' : `Search failed: ${e?.message ?? e}`);
      return;
    }
    learnLabels(result?.facets);
    this.#hits = Array.isArray(result?.hits) ? result.hits : [];
    const total = Number(result?.total ?? 0);
    const corrected = typeof result?.corrected === 'string' && result.corrected ? result.corrected : null;
    const plural = total === 1 ? '' : 's';
    if (!total) this.#say(`No results for “${q.trim()}”`);
    else if (result?.relaxed) {
      // No record holds every word: the hits are the closest ones, never passed off as matches.
      const closest = `${total} closest match${total === 1 ? '' : 'es'}`;
      this.#say(`No record has every word: ${closest}${corrected ? ` for “${corrected}”` : ''}`, {
        spoken: `No record has every word of “${q.trim()}”: ${closest}${corrected ? `, reading it as “${corrected}”` : ''}`,
      });
    } else {
      this.#say(`${total} result${plural}${corrected ? ` for “${corrected}”` : ''}`, {
        spoken: `${total} result${plural} for “${corrected ?? q.trim()}”`,
      });
    }
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
    // The default link is the hit's own URL: when no reviewed source gives it, it stays (it is
    // the official page as we know it) but says so, visibly and in the link's accessible name.
    const unchecked = Boolean(href) && !template && hit.urlChecked === false;
    const link = href
      ? el('a', { href, part: 'link', ...(template ? {} : { rel: 'noopener noreferrer', target: '_blank' }) }, title,
        unchecked ? el('span', { class: 'vh' }, ' (link not checked)') : null)
      : el('button', { type: 'button', class: 'link', part: 'link' }, title);
    link.addEventListener('click', select);
    const mark = unchecked
      ? el('span', {
        class: 'badge warn unchecked', part: 'unchecked', 'aria-hidden': 'true',
        title: 'No reviewed source gives this link: it is the official page as we know it, not checked',
      }, 'link not checked')
      : null;
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
    return el('li', { part: 'hit' }, meta, link, mark, snippet, terms);
  }
}

if (!customElements.get('treatykit-search')) customElements.define('treatykit-search', TreatykitSearchElement);
