// The record view: every fact of one record with where it comes from, uncertain facts marked as
// such (never shown as plain fact), links to related records, and "copy citation".
import { h, badge, externalLink, linkedText, count } from '../dom.js';
import { withState, noFilters } from '../state.js';
import { KIND_LABELS, GROUP_LABELS, kindBadge, statusBadge, flagBadge, articleRef, bindingRegions } from '../labels.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `"1951-07-28"` → `"28 July 1951"`; `"2021-11"` → `"November 2021"`; other text unchanged. */
export function humanDate(d) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(d ?? ''));
  if (!m) return String(d ?? '');
  const [, y, mo, day] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : null;
  if (mo && !month) return String(d);
  if (day) return `${Number(day)} ${month} ${y}`;
  return month ? `${month} ${y}` : y;
}

const LEVEL_TEXT = { unverified: 'Unverified', uncertain: 'Uncertain', low: 'Low confidence', assumed: 'Our assumption' };

/** Renders the record `state.record`. */
export function renderRecord(ctx) {
  const { api, state } = ctx;
  const back = withState(state, { record: null });
  const backLink = h('p', { class: 'record__back' },
    h('a', { href: ctx.href(back), 'data-nav': '', 'data-back': '', 'data-focus-key': 'back' },
      h('span', { 'aria-hidden': 'true' }, '← '), backLabel(state)));
  const answer = api.record(state.record);
  if (answer.error) {
    ctx.setTitle('Record not found');
    return h('article', { class: 'record', 'aria-labelledby': 'record-title' }, backLink,
      h('h1', { id: 'record-title', class: 'record__title', tabindex: '-1' }, 'Record not found'),
      h('p', { class: 'notice notice--error' }, answer.error.code === 'UNKNOWN_RECORD'
        ? ['No record has the id ', h('code', {}, state.record), '. It may have been renamed in a newer edition of the corpus.']
        : answer.error.message));
  }
  const r = answer.record;
  ctx.setTitle(r.title);
  const flagsByField = new Map();
  for (const f of r.flags ?? []) {
    if (!flagsByField.has(f.field)) flagsByField.set(f.field, []);
    flagsByField.get(f.field).push(f);
  }
  const rc = { ...ctx, r, flagsByField };
  const body = BUILDERS[r.kind]?.(rc) ?? { facts: [], sections: [] };
  return h('article', { class: ['record', `record--${r.kind}`], 'aria-labelledby': 'record-title' },
    backLink,
    h('header', { class: 'record__head' },
      h('div', { class: 'record__badges' }, kindBadge(r.kind), statusBadge(r, api.label), r.type?.label ? badge(r.type.label, 'plain') : null),
      h('h1', { id: 'record-title', class: 'record__title', tabindex: '-1' }, r.title),
      body.subtitle ? h('p', { class: 'record__subtitle' }, body.subtitle) : null,
    ),
    h('div', { class: 'record__grid' },
      h('div', { class: 'record__main' },
        flagCallout(r.flags),
        r.summary && r.summary !== r.title ? h('p', { class: 'record__summary' }, r.summary) : null,
        body.facts.length ? h('section', { 'aria-labelledby': 'facts-h' },
          h('h2', { id: 'facts-h', class: 'section-title' }, 'Facts'),
          h('dl', { class: 'facts' }, body.facts)) : null,
        body.sections,
      ),
      h('div', { class: 'record__side' }, citationBox(ctx, r), sourcesBox(r)),
    ),
  );
}

function backLabel(state) {
  if (state.view === 'rights') return 'Back to the rights explorer';
  if (state.view === 'compare') return 'Back to the comparison';
  if (state.view === 'matrix') return 'Back to the matrix';
  return state.q || state.filters && Object.values(state.filters).some((v) => (Array.isArray(v) ? v.length : v !== null))
    ? 'Back to results' : 'Back to search';
}

function flagCallout(flags) {
  if (!flags?.length) return null;
  return h('section', { class: 'callout callout--warn', 'aria-labelledby': 'flags-h' },
    h('h2', { id: 'flags-h', class: 'callout__title' }, 'Read with care'),
    h('ul', { class: 'callout__list' }, flags.map((f) => h('li', {},
      flagBadge(LEVEL_TEXT[f.level] ?? 'Uncertain'), ' ', f.message))));
}

/** A fact row; `flags` (from the record's flag list) mark the value as not certain. */
function fact(label, value, flags = []) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  return [h('dt', {}, label), h('dd', {}, value,
    flags.map((f) => [' ', flagBadge(LEVEL_TEXT[f.level] ?? 'Uncertain', f.message)]))];
}

function recordLink(ctx, ref, text) {
  return h('a', { href: ctx.href(withState(ctx.state, { record: ref.id })), 'data-nav': '' }, text ?? ref.title ?? ref.id);
}

function list(items, cls = 'plain-list') {
  return items.length ? h('ul', { class: cls }, items.map((x) => h('li', {}, x))) : null;
}

function inline(items) {
  const out = [];
  items.forEach((x, i) => { if (i) out.push(', '); out.push(x); });
  return out;
}

function termSearch(ctx, field, term) {
  return h('a', { href: ctx.href({ view: 'search', q: '', filters: { ...noFilters(), [field]: [term.value] } }), 'data-nav': '' }, term.label);
}

function categoryLinks(ctx, terms) {
  return inline(terms.map((t) => h('a', {
    href: ctx.href({ ...ctx.state, view: 'rights', cat: t.value ?? t.id, record: null }), 'data-nav': '',
  }, t.label ?? t.title)));
}

function objectives(ctx, objs) {
  return list((objs ?? []).map((o) => [
    h('span', { class: 'objective-n' }, String(o.number)), ' ',
    recordLink(ctx, { id: o.id }, o.label),
  ]), 'objective-list');
}

function section(id, title, ...children) {
  const content = children.flat().filter(Boolean);
  if (!content.length) return null;
  return h('section', { class: 'record__section', 'aria-labelledby': id }, h('h2', { id, class: 'section-title' }, title), content);
}

function links(urls) {
  return list((urls ?? []).map((u) => externalLink(u.url, u.text)));
}

function confidenceText(c) {
  return { high: 'High: title, year and publisher confirmed', medium: 'Medium: a detail is not confirmed', low: 'Low: the exact item could not be pinned down' }[c] ?? c;
}

function partiesBlock(p) {
  if (!p) return null;
  const figure = p.count !== undefined && p.count !== null
    ? h('p', { class: 'parties__figure' },
      h('span', { class: ['parties__count', !p.verified && 'is-unverified'] }, String(p.count)), ' ',
      count(p.count, 'party', 'parties').replace(/^[\d,]+ /, ''),
      // A date is a <time>; an approximate one ("c. 2023") or a range ("2024–2025") is text.
      p.asOf ? [' as of ', /^\d{4}(-\d{2}){0,2}$/.test(p.asOf) ? h('time', { datetime: p.asOf }, humanDate(p.asOf)) : p.asOf]
        : ' (the source gives no date)')
    : h('p', { class: 'muted' }, 'No party count is known.');
  return h('div', { class: ['parties', !p.verified && 'parties--unverified'] },
    figure,
    h('p', { class: 'parties__status' },
      p.verified ? badge('Verified', 'ok', { title: 'Checked against a dated source' })
        : flagBadge('Unverified', 'Not checked against a dated source: do not rely on this figure'),
      ' Source: ', p.source?.url ? externalLink(p.source.url, p.source.text) : p.source?.text ? linkedText(p.source.text) : 'not given'),
    p.note ? h('p', { class: 'parties__note' }, p.note) : null);
}

function anchorRow(ctx, a) {
  const force = () => (a.binding
    ? badge(a.scope === 'regional' ? `Binding in ${a.region ?? 'its region'}` : 'Binding', 'binding')
    : badge('Non-binding', 'non-binding'));
  const checked = () => (a.verified ? badge('Checked', 'ok', { title: 'Article checked against the text' })
    : flagBadge('Unverified', 'Article number not checked against the text'));
  return h('tr', {},
    h('th', { scope: 'row' }, recordLink(ctx, { id: a.instrumentId }, a.instrumentShortName),
      a.instrumentTitle && a.instrumentTitle !== a.instrumentShortName ? h('span', { class: 'anchor__title' }, a.instrumentTitle) : null),
    h('td', {}, articleRef(a.article), a.confidence && a.confidence !== 'high' ? [' ', flagBadge(`${a.confidence} confidence`, 'The article number is not certain')] : null,
      // On a narrow screen the last two columns would be cut off: their badges come here instead
      // (the columns are then hidden, so each badge is read once).
      h('span', { class: 'anchors__narrow' }, force(), checked())),
    h('td', { class: 'anchors__wide' }, force()),
    h('td', { class: 'anchors__wide' }, checked()));
}

/** Natural order of article references: "2" < "10" < "10(2)" < "II". */
function articleOrder(a, b) {
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

function anchoredRights(ctx, rights) {
  if (!rights.length) return null;
  const sorted = [...rights].sort((a, b) => articleOrder(a.article, b.article));
  const unverified = sorted.filter((a) => !a.verified).length;
  return [
    unverified ? h('p', { class: 'muted small' }, unverified === sorted.length
      ? `None of these ${sorted.length} article references has been checked against the text yet: each is marked “unverified”.`
      : `${unverified} of ${sorted.length} article references are not yet checked against the text: they are marked “unverified”.`) : null,
    h('ul', { class: 'anchored' }, sorted.map((a) => h('li', { class: 'anchored__item' },
      h('span', { class: 'article-ref' }, articleRef(a.article)),
      h('span', { class: 'anchored__right' }, recordLink(ctx, { id: a.id }, a.name),
        a.verified ? null : h('span', { class: 'anchor__flag', title: 'Article not checked against the text' }, ' unverified'),
        a.confidence !== 'high' ? h('span', { class: 'anchor__flag', title: 'The article number is not certain' }, ` ${a.confidence} confidence`) : null)))),
  ];
}

/** Every category holding right `r`, its own or inherited (from the rights API). */
function heldBy(ctx, r) {
  const holders = ctx.api.whoHolds(r.id);
  if (!holders.length) return null;
  return section('held-h', `Held by ${count(holders.length, 'category', 'categories')}`,
    h('ul', { class: 'holders' }, holders.map((c) => h('li', {},
      h('a', { href: ctx.href({ ...ctx.state, view: 'rights', cat: c.id, record: null }), 'data-nav': '' }, c.label),
      c.own ? badge('own layer', 'own')
        : c.inheritanceEstablished === false
          ? flagBadge(`via ${holders.find((x) => x.id === c.grantedTo)?.label ?? c.grantedTo} (link assumed)`, 'The inheritance link is our assumption, not sourced')
          : badge(`via ${holders.find((x) => x.id === c.grantedTo)?.label ?? c.grantedTo}`, 'layer')))));
}

function anchorsTable(ctx, anchors) {
  if (!anchors?.length) return null;
  return h('div', { class: 'table-wrap' }, h('table', { class: 'anchors' },
    h('caption', { class: 'visually-hidden' }, 'Where existing law backs this right'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Instrument'), h('th', { scope: 'col' }, 'Article'),
      h('th', { scope: 'col', class: 'anchors__wide' }, 'Force'), h('th', { scope: 'col', class: 'anchors__wide' }, 'Checked'))),
    h('tbody', {}, anchors.map((a) => anchorRow(ctx, a)))));
}

const BUILDERS = {
  resource(rc) {
    const { r, flagsByField: F } = rc;
    return {
      facts: [
        fact('Publisher', r.publisher),
        fact('Year', r.year !== undefined ? String(r.year) : 'Not given by any source', F.get('year')),
        fact('Type', r.type?.label),
        fact('Legal force', r.legalStatus ? rc.api.label('binding', r.legalStatus) : null),
        fact('Identification', confidenceText(r.confidence), F.get('identification')),
        fact('Themes', inline((r.themes ?? []).map((t) => termSearch(rc, 'theme', t)))),
        fact('Concerns', categoryLinks(rc, r.categories ?? [])),
        fact('This is', r.instrument ? recordLink(rc, r.instrument) : null),
        fact('Library entry', `No. ${r.seed} of the Migration Network Hub list`),
      ],
      sections: [
        section('objectives-h', 'GCM objectives', objectives(rc, r.gcmObjectives)),
        section('links-h', 'Read it', links(r.urls)),
      ],
    };
  },
  instrument(rc) {
    const { r, flagsByField: F } = rc;
    const status = r.parties ? partiesBlock(r.parties) : null;
    return {
      subtitle: [r.shortName, ...(r.aliases ?? [])].filter((x) => x && x !== r.title).join(' · ') || null,
      facts: [
        fact('Adopted', h('time', { datetime: r.adopted }, humanDate(r.adopted))),
        // A treaty without a date may well be in force: the reviewed facts just do not say when.
        fact('In force', r.inForce ? h('time', { datetime: r.inForce }, humanDate(r.inForce))
          : r.binding ? 'Date not given by the reviewed facts' : 'Does not enter into force'),
        fact('Body and depositary', r.body),
        fact('Legal force', r.binding ? 'Binding on its parties' : 'Not binding'),
        fact('Scope', r.region ? `${r.scope} (${r.region})` : r.scope),
        fact('Themes', inline((r.themes ?? []).map((t) => termSearch(rc, 'theme', t)))),
        fact('Concerns', categoryLinks(rc, r.categories ?? [])),
        fact('Official text', r.url ? externalLink(r.url, new URL(r.url).hostname) : null, F.get('url')),
      ],
      sections: [
        section('parties-h', 'Parties', status),
        section('articles-h', 'Key articles', r.keyArticles?.length ? h('ul', { class: 'anchored' }, r.keyArticles.map((a) => h('li', { class: 'anchored__item' },
          h('span', { class: 'article-ref' }, articleRef(a.article)), h('span', {}, a.label)))) : null),
        section('rights-h', `Rights it backs${r.anchoredRights?.length ? ` (${r.anchoredRights.length})` : ''}`,
          anchoredRights(rc, r.anchoredRights ?? [])),
        section('objectives-h', 'GCM objectives', objectives(rc, r.gcmObjectives)),
        section('resources-h', 'In the library', list((r.resources ?? []).map((x) => recordLink(rc, x)))),
      ],
    };
  },
  convention(rc) {
    const { r, flagsByField: F } = rc;
    return {
      subtitle: `${r.shortName} · ${r.version}`,
      facts: [
        fact('Text', `${r.version}: ${count(r.articleCount, 'article')} in ${count(r.chapterCount, 'chapter')}`, F.get('version')),
        fact('Drafted by', r.draftedBy),
        fact('Published in', r.publication),
        fact('Legal force', 'A model: not a treaty, binding on no one'),
      ],
      sections: [
        section('chapters-h', 'Chapters', list((r.chapters ?? []).map((c) => recordLink(rc, c)))),
        section('links-h', 'Read it', links(r.urls)),
      ],
    };
  },
  chapter(rc) {
    const { r, flagsByField: F } = rc;
    return {
      facts: [
        fact('Chapter', r.numeral),
        fact('Title', r.titleCertain ? 'As printed' : 'Our description (not seen in a source)', F.get('title')),
        fact('About', categoryLinks(rc, r.categories ?? [])),
        fact('Part of', r.convention ? recordLink(rc, r.convention) : null),
        fact('Not certain', r.certaintyNote),
      ],
      sections: [],
    };
  },
  article(rc) {
    const { r } = rc;
    return {
      facts: [fact('Article', String(r.number)), fact('Heading', r.heading), fact('Chapter', r.chapter ? recordLink(rc, r.chapter) : null)],
      sections: [],
    };
  },
  category(rc) {
    const { r, flagsByField: F } = rc;
    return {
      facts: [
        fact('Group', r.group === 'mimc' ? 'A group of the MIMC' : 'Cross-cutting: defined by other law'),
        fact('Legal basis', r.definitionSource),
        fact('MIMC chapter', r.mimcChapter ? (r.chapter ? recordLink(rc, r.chapter) : r.mimcChapter) : null, F.get('mimcChapter')),
        fact('Also holds the rights of', r.inherits?.length
          ? inline(r.inherits.map((c) => (r.inheritsAssumed?.includes(c.id) ? [recordLink(rc, c), ' (assumed)'] : recordLink(rc, c))))
          : 'No other category: this is a floor', F.get('inherits')),
        fact('Why', r.inheritsNote),
        fact('Passed on to', inline((r.inheritedBy ?? []).map((c) => recordLink(rc, c)))),
      ],
      sections: [
        rc.api.has.rights ? h('p', { class: 'record__action' }, h('a', {
          class: 'button', href: rc.href({ ...rc.state, view: 'rights', cat: r.id, record: null }), 'data-nav': '',
        }, `See every right of this category →`)) : null,
      ],
    };
  },
  right(rc) {
    const { r } = rc;
    return {
      facts: [
        fact('Kind', r.groupLabel ?? GROUP_LABELS[r.group]),
        fact('Held directly by', r.holders?.length ? [inline(r.holders.map((c) => recordLink(rc, c))),
          h('span', { class: 'muted' }, ' and every category that inherits their rights')] : null),
        fact('Backed by binding law', !r.binding ? 'No binding anchor in the corpus'
          : r.bindingScope === 'regional'
            ? [`Only regionally (${bindingRegions(r.anchors).join(', ')}): `,
              'its binding anchors are regional treaties, which bind only States of their region']
            : 'Yes'),
        fact('Note', r.note),
      ],
      sections: [
        section('anchors-h', `Where the law says so (${(r.anchors ?? []).length})`, anchorsTable(rc, r.anchors)),
        heldBy(rc, r),
      ],
    };
  },
  objective(rc) {
    const { r } = rc;
    return {
      subtitle: r.shortLabel ? `Short label: ${r.shortLabel}` : null,
      facts: [fact('Objective', `${r.number} of 23`)],
      sections: [section('related-h', `Related records (${(r.related ?? []).length})`,
        list((r.related ?? []).map((x) => [recordLink(rc, x), ' ', badge(KIND_LABELS[x.kind] ?? x.kind, 'kind')]), 'plain-list compact'))],
    };
  },
  principle() {
    return { facts: [], sections: [] };
  },
};

function citationBox(ctx, r) {
  const text = h('p', { class: 'citation__text', id: 'citation-text' }, r.citation);
  const status = h('span', { class: 'citation__status', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'button', 'data-focus-key': 'copy-citation',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(r.citation);
        status.textContent = 'Copied to the clipboard.';
      } catch {
        getSelection()?.selectAllChildren(text);
        status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
      }
    },
  }, 'Copy citation');
  return h('section', { class: 'panel citation', 'aria-labelledby': 'citation-h' },
    h('h2', { id: 'citation-h', class: 'panel__title' }, 'Cite'),
    text, h('div', { class: 'citation__actions' }, button, status),
    r.corpusDate ? h('p', { class: 'muted small' }, `Facts as reviewed on ${humanDate(r.corpusDate)}.`) : null);
}

function sourcesBox(r) {
  if (!r.sources?.length) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'sources-h' },
    h('h2', { id: 'sources-h', class: 'panel__title' }, 'Sources'),
    h('ul', { class: 'sources' }, r.sources.map((s) => h('li', { class: s.checked === false ? 'source--unchecked' : null },
      s.url ? externalLink(s.url, s.text) : s.text,
      // A link no reviewed source gives (an instrument's official page as we know it): kept,
      // and marked in words, not only by the record's flag.
      s.checked === false ? [' ', flagBadge('Link not checked', 'No reviewed source gives this link: it is the official page as we know it')] : null))));
}
