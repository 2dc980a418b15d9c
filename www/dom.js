// DOM helpers. Every piece of corpus or query text enters the page as a text node or an
// attribute value set through the DOM: nothing here (or anywhere in the app) parses HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === '') continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.append(child);
    else parent.append(document.createTextNode(String(child)));
  }
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'innerHTML' || key === 'outerHTML' || key === 'srcdoc') {
      throw new Error(`dom.js never sets ${key}`);
    }
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'style') throw new Error('inline styles break the Content-Security-Policy: use a class');
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
}

/** Builds an HTML element: `h('a', { href, class: 'x' }, 'text', child, [more])`. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

/** Builds an SVG element with attributes (presentation attributes, never `style`). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, attrs);
  append(el, children);
  return el;
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * `text` with the `[start, end)` ranges (UTF-16 code units, the unit of JS string indices)
 * wrapped in `<mark>`. Ranges that overlap, run backwards or fall outside the text are clipped
 * or dropped, so a malformed answer can never throw or duplicate text.
 */
export function highlighted(text, ranges) {
  const frag = document.createDocumentFragment();
  const str = String(text ?? '');
  const clean = (Array.isArray(ranges) ? ranges : [])
    .filter((r) => Array.isArray(r) && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(([a, b]) => [Math.max(0, a), Math.min(str.length, b)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  let at = 0;
  for (const [a, b] of clean) {
    const start = Math.max(a, at);
    if (start >= b) continue;
    if (start > at) frag.append(document.createTextNode(str.slice(at, start)));
    const mark = document.createElement('mark');
    mark.textContent = str.slice(start, b);
    frag.append(mark);
    at = b;
  }
  if (at < str.length) frag.append(document.createTextNode(str.slice(at)));
  return frag;
}

/** The URL when it is an absolute `http(s)` URL; `null` for anything else (e.g. `javascript:`). */
export function safeHref(url) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname ? u.href : null;
  } catch {
    return null;
  }
}

/** A link that leaves the app: opens in a new tab without giving the page a handle on us. */
export function externalLink(url, label, props = {}) {
  const href = safeHref(url);
  if (!href) return h('span', { class: 'source-text' }, label ?? url);
  return h('a', { href, rel: 'noopener noreferrer external', target: '_blank', ...props }, label ?? url,
    h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}

/**
 * `text` with every http(s) URL in it made an external link (the rest stays text), e.g. a source
 * note "Wikipedia, via https://…; https://…". Punctuation that ends a sentence is left out of a URL.
 */
export function linkedText(text) {
  const str = String(text ?? '');
  const out = [];
  let at = 0;
  for (const m of str.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    let url = m[0];
    // A trailing ")" belongs to the URL only when the URL opened one ("…/Foo_(bar)").
    while (/[.,;:!?)\]]$/.test(url) && !(url.endsWith(')') && url.split('(').length > url.split(')').length - 1)) url = url.slice(0, -1);
    if (!safeHref(url)) continue;
    out.push(str.slice(at, m.index), externalLink(url));
    at = m.index + url.length;
  }
  out.push(str.slice(at));
  return out.filter((x) => x !== '');
}

/** A small pill. `tone` picks its colours (see app.css `.badge--*`). */
export function badge(text, tone = 'neutral', props = {}) {
  return h('span', { class: ['badge', `badge--${tone}`, props.class], title: props.title }, text);
}

/** Plural-aware count, e.g. `count(1, 'result')` → `"1 result"`. */
export function count(n, one, many = `${one}s`) {
  return `${Number(n).toLocaleString('en')} ${n === 1 ? one : many}`;
}
