// Words the interface shows for the engine's stable values (kinds, legal force, right groups,
// confidence), and the badges built from them. The engine's own facet labels win where it has one.
import { badge } from './dom.js';

export const KIND_LABELS = {
  resource: 'Resource',
  instrument: 'Instrument',
  convention: 'Model convention',
  chapter: 'MIMC chapter',
  article: 'MIMC article',
  category: 'Category',
  right: 'Right',
  objective: 'GCM objective',
  principle: 'GCM principle',
  record: 'Record',
};

export const KIND_PLURALS = {
  resource: 'Resources',
  instrument: 'Instruments',
  convention: 'Model conventions',
  chapter: 'MIMC chapters',
  article: 'MIMC articles',
  category: 'Categories of person',
  right: 'Rights',
  objective: 'GCM objectives',
  principle: 'GCM principles',
  record: 'Records',
};

export const FIELD_LABELS = {
  kind: 'Kind of record',
  type: 'Type',
  theme: 'Theme',
  category: 'Migrant category',
  gcmObjective: 'GCM objective',
  binding: 'Legal force',
  publisher: 'Publisher',
  year: 'Year',
};


export const GROUP_LABELS = {
  mobility: 'Mobility',
  civil: 'Civil and political',
  economic: 'Work and economic life',
  social: 'Social',
  procedural: 'Procedural safeguards',
  protection: 'Special protection',
  'state-right': 'State powers',
  responsibility: 'Responsibilities',
};
export const GROUP_ORDER = Object.keys(GROUP_LABELS);

/** The legal force of a hit or record: `'binding'`, `'non-binding'`, `'non-normative'` or `null`. */
export function legalStatus(item) {
  if (typeof item?.legalStatus === 'string') return item.legalStatus;
  if (typeof item?.binding === 'boolean') return item.binding ? 'binding' : 'non-binding';
  return null;
}

/** Kind badge. */
export function kindBadge(kind) {
  return badge(KIND_LABELS[kind] ?? 'Record', 'kind');
}

/**
 * Legal-force badge, or `null` when the item has none. `label(field, value)` is the engine's facet
 * label (`api.label`), so the badge says what the "Legal force" facet says.
 */
export function statusBadge(item, label) {
  const s = legalStatus(item);
  if (!s) return null;
  const title = {
    binding: 'A treaty binding on the States that are party to it',
    'non-binding': 'A political commitment, declaration or guideline: not binding',
    'non-normative': 'Research or commentary: not a norm',
  }[s];
  return badge(label?.('binding', s) ?? s, s, { title });
}

/** A warning pill for facts that must not be read as certain. */
export function flagBadge(text, title) {
  return badge(text, 'warn', { title, class: 'badge--flag' });
}

/** The regions of a right's binding anchors that are regional treaties, each once. */
export function bindingRegions(anchors) {
  return [...new Set((anchors ?? []).filter((a) => a.binding && a.region).map((a) => a.region))];
}

/**
 * The flag of a right that only regional treaties make binding (`bindingScope: 'regional'`),
 * naming their `regions` when known.
 */
export function regionalOnlyBadge(regions = []) {
  return flagBadge(`Binding only regionally${regions.length ? ` (${regions.join(', ')})` : ''}`,
    'Every binding anchor of this right is a regional treaty: it binds only the States of that region; elsewhere only non-binding texts back it');
}

/**
 * An article reference as cited after an instrument's name: bare numbers get "art."
 * (`"33(1)"` → `"art. 33(1)"`, `"II(3)"` → `"art. II(3)"`); references naming their own unit
 * (`"Protocol No. 4, art. 4"`, `"para. 29 (objective 13)"`, `"Guideline 3"`) stay as they are.
 */
export function articleRef(article) {
  const a = String(article ?? '').trim();
  const first = a.split(/[( ,]/)[0];
  return first && (/^\d/.test(first) || /^[IVXLC]+$/.test(first)) ? `art. ${a}` : a;
}
