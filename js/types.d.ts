// Types of every value treatykit's functions take and return. scripts/finish-pkg.mjs puts the
// part above the `@signatures` line at the top of pkg/treatykit.d.ts, and uses the signatures
// below it in place of any wasm-bindgen signature that would otherwise say `any`.

/** Stable `code` of every error treatykit throws (`TypeError`, `RangeError` or `Error`). */
export type ErrorCode =
  | 'INVALID_ARGUMENT' // TypeError: wrong type or shape; RangeError: invalid value (NaN, fraction, out of range)
  | 'UNKNOWN_CATEGORY' // RangeError: no category has this id
  | 'UNKNOWN_RIGHT' // RangeError: no right has this id
  | 'UNKNOWN_RECORD' // RangeError: no record has this id
  | 'QUERY_TOO_LONG' // RangeError: over the query length or term limit
  | 'INVALID_RECORDS' // TypeError/RangeError: records for Index.fromRecords are malformed or over a limit
  | 'CORPUS_INVALID' // Error: a corpus binary is corrupt or of another format version
  | 'INDEX_FREED' // Error: a method of an Index after its free() (a second free() does nothing)
  | 'NOT_INITIALIZED' // Error: a function used before init() or initSync() has run
  | 'TREATYKIT_UNUSABLE'; // Error, only from treatykit/safe: the instance trapped (a bug) and cannot answer any more

/** Alias of {@link ErrorCode} (the name README's "Errors and limits" uses). */
export type TreatykitErrorCode = ErrorCode;

/** An error thrown by treatykit: test `error.code`, never the message. */
export interface TreatykitError extends Error {
  readonly code: ErrorCode;
}

/** Kinds of record in the embedded corpus. */
export type RecordKind =
  | 'resource'
  | 'instrument'
  | 'convention'
  | 'chapter'
  | 'article'
  | 'category'
  | 'right'
  | 'objective'
  | 'principle';

/** Normative force of a document. */
export type LegalStatus = 'binding' | 'non-binding' | 'non-normative';
/** How sure an identification or an article number is. */
export type Confidence = 'high' | 'medium' | 'low';
/** Kinds of right, in display order. */
export type RightGroup =
  | 'mobility'
  | 'civil'
  | 'economic'
  | 'social'
  | 'procedural'
  | 'protection'
  | 'state-right'
  | 'responsibility';
/** MIMC group or cross-cutting group of mobile people. */
export type CategoryGroup = 'mimc' | 'cross-cutting';

/** Facet fields that `search()` counts and filters on. */
export type FacetField = 'kind' | 'type' | 'theme' | 'category' | 'publisher' | 'gcmObjective' | 'binding' | 'year';

/**
 * One filter value. A number or a boolean selects the facet value `String()` makes of it (`7`
 * selects `"7"`, `4.5` selects `"4.5"`, `true` selects `"true"`).
 */
export type FilterValue = string | number | boolean;

/** What a filter field takes: one value, or a list meaning "any of them"; `null` or an empty list is no filter. */
export type FilterValues<V extends FilterValue = FilterValue> = V | readonly V[] | null | undefined;

/**
 * Filters of `search()` and `facets()` on the embedded corpus: a list of values means "any of
 * them"; fields combine with AND; any other field is refused with `INVALID_ARGUMENT`. Only
 * `gcmObjective` and `year` hold numbers, and only `binding` takes booleans (`true` for
 * `"binding"`, `false` for `"non-binding"` or `"non-normative"`, as an instrument hit's
 * `binding` reads); a boolean anywhere else, which would select nothing, is a compile error
 * here. An `Index` takes {@link IndexFilters}.
 */
export interface SearchFilters {
  kind?: FilterValues<string>;
  type?: FilterValues<string>;
  theme?: FilterValues<string>;
  category?: FilterValues<string>;
  publisher?: FilterValues<string>;
  /** GCM objective numbers: `7` or `"7"`. */
  gcmObjective?: FilterValues<string | number>;
  /** Legal force: `"binding"`, `"non-binding"` or `"non-normative"`; `true` is `"binding"`, `false` either of the others. */
  binding?: FilterValues<string | boolean>;
  /** Years of publication or adoption: `1951` or `"1951"`. */
  year?: FilterValues<string | number>;
  /** Earliest year, inclusive. */
  yearFrom?: number | null;
  /** Latest year, inclusive. */
  yearTo?: number | null;
}

/**
 * Filters of `Index.search()` and `Index.facets()`: any facet field of the index (a field that
 * is not one of its facets is refused with `INVALID_ARGUMENT` when searching). A list of values
 * means "any of them"; fields combine with AND. `yearFrom`/`yearTo` need a `year` facet.
 */
export interface IndexFilters {
  /** Earliest year, inclusive (only on an index with a `year` facet). */
  yearFrom?: number | null;
  /** Latest year, inclusive (only on an index with a `year` facet). */
  yearTo?: number | null;
  [field: string]: FilterValues;
}

/** Options of `search()` and `Index.search()` other than the filters. */
export interface SearchOptionsBase {
  /** Hits to return: 1 to 100, default 10. */
  limit?: number;
  /** Hits to skip (paging): a safe integer of at least 0, default 0. */
  offset?: number;
  /** Tolerate typos (default true). */
  fuzzy?: boolean;
}

/** Options of `search()`. */
export interface SearchOptions extends SearchOptionsBase {
  filters?: SearchFilters;
}

/** Options of `Index.search()`. */
export interface IndexSearchOptions extends SearchOptionsBase {
  filters?: IndexFilters;
}

/** A `[start, end)` range in UTF-16 code units (JavaScript string indices). */
export type Range = [start: number, end: number];

/** What every hit has, from the embedded corpus or from an `Index`. */
export interface HitBase {
  id: string;
  kind: string;
  title: string;
  /** Relevance, higher is better; only comparable within one answer. */
  score: number;
  /** A short passage of the record around the match. */
  snippet: string;
  /** Matched parts of `snippet`. */
  highlights: Range[];
  /** Matched parts of `title`. */
  titleHighlights: Range[];
  /**
   * The record's search terms the hit was found by — everyday words its corpus gives it that
   * its text lacks (`["pension"]` for the right to social security) — present only when a
   * query word is found in the record nowhere else (never on an `Index` of your records).
   */
  searchTerms?: string[];
}

/**
 * One ranked hit of the embedded corpus, with the summary fields of its record. Hits carry the
 * `snippet`, not the record's full summary text: `record(id)` has it.
 */
export interface Hit extends HitBase {
  kind: RecordKind | 'record';
  publisher?: string;
  year?: number;
  /** Type id, e.g. `"treaty"` (its label is in `facets.type`). */
  type?: string;
  legalStatus?: LegalStatus;
  binding?: boolean;
  confidence?: Confidence;
  confidenceNote?: string;
  /** False when the title describes an item that was not identified. */
  titleIdentified?: boolean;
  /** False when no source shows the title (MIMC chapters): it is our description; `certaintyNote` says why. */
  titleCertain?: boolean;
  certaintyNote?: string;
  shortName?: string;
  /** The record's link: a resource's first link, an instrument's official text or depositary page. */
  url?: string;
  /**
   * `false` when no reviewed source gives `url` (an instrument's official page as we know it,
   * not checked): show any link made from it as not checked. Absent when the link is checked.
   */
  urlChecked?: false;
  /** GCM objective numbers as strings, e.g. `["7", "15"]`. */
  gcmObjectives?: string[];
  /** Kind of right (right hits). */
  group?: string;
  /** Every category holding the right, directly or by inheritance (right hits). */
  heldBy?: string[];
  /** The ids of `heldBy` whose hold rests on an inheritance link that is an assumption (right hits). */
  heldByAssumed?: string[];
  /** `"regional"` when only regional treaties make the right binding, `"global"` when a global one does; absent when it is not binding (right hits). */
  bindingScope?: 'global' | 'regional';
  /** Other summary fields of the record. */
  [field: string]: unknown;
}

/** A facet value and how many matching records carry it. */
export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** Facet counts by field (the fields above; for an `Index`, the facets of its schema). */
export type Facets = { [F in FacetField]?: FacetCount[] } & { [field: string]: FacetCount[] | undefined };

/** The answer to `search()`. */
export interface SearchResult {
  /** Number of matching records (all pages). */
  total: number;
  /** The requested page, best first. */
  hits: Hit[];
  /** Counts of each facet value among the matches. */
  facets: Facets;
  /**
   * True when no record had every word as typed: records matching some of them are shown, or
   * records matching once a correctly spelled word is read as a near one ("chapter" as "charter").
   * With `total` 0, the filters leave out every such closest match and `facets` count them.
   */
  relaxed: boolean;
  /**
   * The query as the first hit answers it, present only when that reads some word as another:
   * a misspelt word as a word of the index (`'refoulement'` for `'refoulment'`), a run-together
   * word split (`'health care'` for `'healthcare'`). Folded words; phrases stay quoted and
   * exclusions are kept. The same on every page of a query.
   */
  corrected?: string;
}

/**
 * One ranked hit of an `Index`: the core fields, and the record's facet and stored fields: a
 * string, number or boolean as the record holds it, an array with each item as a string (as
 * `String()` writes it; `null` items left out). Check before use.
 */
export interface IndexHit extends HitBase {
  kind: 'record';
  /** The record's facet and stored fields (`schema.facets`, `schema.store`). */
  [field: string]: unknown;
}

/** The answer to `Index.search()`: as {@link SearchResult}, with {@link IndexHit}s. */
export interface IndexSearchResult {
  /** Number of matching records (all pages). */
  total: number;
  /** The requested page, best first. */
  hits: IndexHit[];
  /** Counts of each value of the index's facets among the matches. */
  facets: Facets;
  /** As `SearchResult.relaxed`. */
  relaxed: boolean;
  /** As `SearchResult.corrected`. */
  corrected?: string;
}

/** A category of mobile person, as `categories()` lists it. */
export interface Category {
  id: string;
  label: string;
  definition: string;
  /** Where the legal definition comes from, with citations. */
  definitionSource: string;
  group: CategoryGroup;
  /** MIMC chapter numeral, e.g. `"IV"`, or `null` when the category is not placed in one. */
  mimcChapter: string | null;
  /** False when the chapter placement is an assumption. */
  mimcChapterCertain: boolean;
  /** Categories whose rights this one also holds (direct links). */
  inherits: string[];
  /** False when some of those links are an assumption, not sourced. */
  inheritsEstablished: boolean;
  /** The links of `inherits` that are assumptions (empty when all are established). */
  inheritsAssumed: string[];
  /** Why the links are or are not established. */
  inheritsNote?: string;
}

/** What an entry of the rights catalogue is: a right of the person, a State power over them, or their duty. */
export type HolderRole = 'right' | 'state-power' | 'duty';

/** Where existing law backs a right. */
export interface RightAnchor {
  instrumentId: string;
  instrumentShortName: string;
  /** Article as cited, e.g. `"33(1)"`, `"Protocol No. 4, art. 4"`. */
  article: string;
  /** True when the instrument binds its parties. */
  binding: boolean;
  /** The instrument's reach: `global`, or `regional` (binding, if at all, only on the States of `region`). */
  scope: 'global' | 'regional' | string;
  /** The region of a regional instrument, e.g. `"Africa"`. */
  region?: string;
  /** How sure the article reference is. */
  confidence: Confidence;
  /** True when the article was checked against a source. */
  verified: boolean;
}

/** What every answer about one right says of it. */
export interface RightSummary {
  id: string;
  name: string;
  description: string;
  group: RightGroup;
  holderRole: HolderRole;
  /** What `holderRole` means, for people. */
  holderRoleLabel: string;
  note?: string;
  /** True when at least one anchor is in a binding instrument. */
  binding: boolean;
  /**
   * `"global"` when a binding anchor is in a global instrument; `"regional"` when every binding
   * anchor is regional, so the right binds only the States of those regions (show that);
   * `null` when no anchor is binding.
   */
  bindingScope: 'global' | 'regional' | null;
}

/** How a category comes to hold a right. */
export interface Inheritance {
  /** True when the category holds it directly. */
  own: boolean;
  /** The category that holds it directly. */
  grantedTo: string;
  /** `[category]` for an own right, `[category, parent, …, grantedTo]` for an inherited one. */
  inheritedVia: string[];
  /** False when a link of `inheritedVia` is an assumption. */
  inheritanceEstablished: boolean;
}

/** A right as held by the asked category (`rights()`). */
export interface HeldRight extends RightSummary, Inheritance {
  /** In data order. */
  anchors: RightAnchor[];
}

/** Options of `rights()`. */
export interface RightsOptions {
  /** Only rights of this kind. */
  group?: RightGroup;
  /** Only rights with at least one anchor in a binding instrument. */
  bindingOnly?: boolean;
}

/** The answer to `rights()`: the category and its cumulative rights, by kind then data order. */
export interface RightsResult {
  category: Category;
  rights: HeldRight[];
}

/** A right named in a comparison. */
export interface RightRef {
  id: string;
  name: string;
  group: RightGroup;
  holderRole: HolderRole;
  /**
   * Present when `a` holds the right (`onlyA`, `both`): false when `a` reaches it only through
   * an inheritance link that is an assumption (`inheritanceEstablished` of `rights(a)`).
   */
  establishedA?: boolean;
  /** Present when `b` holds the right (`onlyB`, `both`): the same for `b`. */
  establishedB?: boolean;
}

/** The answer to `compareRights(a, b)`. */
export interface RightsComparison {
  a: string;
  b: string;
  /** Rights `a` holds and `b` does not, in the order of `rights(a)`. */
  onlyA: RightRef[];
  /** Rights `b` holds and `a` does not, in the order of `rights(b)`. */
  onlyB: RightRef[];
  /** Rights both hold, in the order of `rights(a)`. */
  both: RightRef[];
}

/** A category holding a right (`whoHolds()`). */
export interface Holder extends Inheritance {
  id: string;
  label: string;
  group: CategoryGroup;
}

/** A party count of an anchor's instrument: dated, and flagged unless checked. */
export interface PartyCount {
  count: number | null;
  /**
   * When the count holds, no more precisely than the source says: `YYYY-MM-DD`, `YYYY-MM`,
   * `YYYY`, approximate (`"c. 2023"`) or a range of years (`"2024–2025"`, `"c. 2019–2024"`);
   * `null` when the source is undated (the count is then unverified and `note` says so).
   */
  asOf: string | null;
  source: string;
  verified: boolean;
  note?: string;
}

/** An anchor with its instrument's facts (`right()`). */
export interface AnchorDetail extends RightAnchor {
  instrumentTitle: string;
  parties: PartyCount | null;
}

/** The answer to `right(id)`. */
export interface RightDetail extends RightSummary {
  /** Categories holding it directly. */
  holders: string[];
  /** Every category holding it, directly or by inheritance, in `categories()` order. */
  heldBy: string[];
  /** The ids of `heldBy` whose hold rests on an inheritance link that is an assumption. */
  heldByAssumed: string[];
  anchors: AnchorDetail[];
}

/**
 * A value a website's record may carry: a text field takes a string, a number or an array of
 * them; a facet or stored field also takes booleans. `null` items of an array are skipped.
 */
export type RecordValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean | null | undefined)[];

/**
 * A record a website indexes with `Index.fromRecords`, if you want a type for yours: the method
 * takes any object (an `interface` type too), and reads only the fields its schema names.
 */
export type IndexRecord = { readonly [key: string]: RecordValue };

/**
 * How `Index.fromRecords` reads records. Every key may be a dotted path into nested objects
 * (`"meta.title"`), read when the record has no key of that whole name (the first part the
 * record has is followed, through at most 4 parts); hits and filters use the key as written.
 */
export interface IndexSchema {
  /** Key of the record id (default `"id"`): a non-empty string or a safe integer. */
  id?: string;
  /** Key of the hit title (default `"title"`): a string or a number in each record. */
  title?: string;
  /**
   * Searchable text fields, with optional boosts (default 1, above 0 and at most 1000; a boost
   * below 1e-30 counts as 1e-30, so no boost switches its field off). A record's value may be
   * a string, a number or an array of them (one item per line, `null` items skipped). When
   * records are given but none holds a value in any of these fields (a misspelt key), the
   * schema is refused with INVALID_ARGUMENT naming the fields and the first record's keys.
   * An array of names, `['title', 'body']`, gives every field boost 1.
   */
  fields: { [name: string]: { boost?: number } } | string[];
  /**
   * Fields to filter and count on (a `year` facet of integers enables yearFrom/yearTo, which
   * an index without one refuses with INVALID_ARGUMENT; its integer values, numbers or strings
   * of digits, must be from 0 to 9999, others are refused with INVALID_RECORDS). Not the name
   * of a hit key (`id`, `kind`, `title`, `score`, `snippet`, `highlights`, `titleHighlights`).
   */
  facets?: string[];
  /** Extra fields copied onto hits (not named like a hit key either). */
  store?: string[];
}

/** `corpusInfo()`. */
export interface CorpusInfo {
  formatVersion: number;
  /** Date the facts were last reviewed, `YYYY-MM-DD`. */
  corpusDate: string;
  /** Number of records of each kind. */
  counts: Record<RecordKind, number>;
}

/** A source: its text, and `url` only when it is a safe http(s) link. */
export interface SourceRef {
  text: string;
  url?: string;
  /**
   * `false` when no reviewed source gives the link (an instrument's official page as we know
   * it, listed by the rights it backs): show it as not checked. Absent when it is checked.
   */
  checked?: false;
}

/** A link to another record. */
export interface RecordRef {
  id: string;
  kind: RecordKind;
  title: string;
}

/** A vocabulary value with its label. */
export interface Term {
  value: string;
  label: string;
}

/** A GCM objective a record relates to. */
export interface ObjectiveRef {
  number: number;
  id: string;
  label: string;
  shortLabel: string;
}

/** A fact that must not be shown as certain. */
export interface Flag {
  field: string;
  level: 'unverified' | 'uncertain' | 'low' | 'assumed';
  message: string;
}

/** What every record view has. */
export interface RecordBase {
  id: string;
  kind: RecordKind;
  kindLabel: string;
  title: string;
  summary: string;
  /**
   * A plain reference string, with what is not certain marked in brackets (a copied citation
   * travels without `flags`): e.g. `"UDHR art. 14(1) [unverified]"`, `"art. III [unverified, low
   * confidence]"`, `"[link not checked]"`, `"[a detail not confirmed]"`.
   */
  citation: string;
  /** Where the facts come from; a right lists each cited instrument's official text (`checked: false` when that link is unchecked). */
  sources: SourceRef[];
  /** Unverified, uncertain or assumed facts; empty when all are confirmed. */
  flags: Flag[];
  /** `YYYY-MM-DD`, or `""` when unknown. */
  corpusDate: string;
}

export interface ResourceRecord extends RecordBase {
  kind: 'resource';
  seed: number;
  titleIdentified: boolean;
  publisher: string;
  year?: number;
  type: Term;
  legalStatus: LegalStatus;
  themes: Term[];
  categories: Term[];
  gcmObjectives: ObjectiveRef[];
  instrument?: RecordRef;
  urls: SourceRef[];
  confidence: Confidence;
  confidenceNote?: string;
}

/** A party count: dated, and flagged unless checked. */
export interface Parties {
  count?: number;
  /** As `PartyCount.asOf`: a date, `"c. 2023"` or `"2024–2025"`; absent for an undated source. */
  asOf?: string;
  source: SourceRef;
  verified: boolean;
  note?: string;
}

export interface InstrumentRecord extends RecordBase {
  kind: 'instrument';
  shortName: string;
  aliases: string[];
  adopted: string;
  inForce?: string;
  body: string;
  publisher: string;
  binding: boolean;
  legalStatus: LegalStatus;
  type: Term;
  scope: string;
  region?: string;
  themes: Term[];
  categories: Term[];
  gcmObjectives: ObjectiveRef[];
  url?: string;
  parties?: Parties;
  keyArticles: { article: string; label: string }[];
  anchoredRights: { id: string; name: string; article: string; confidence: Confidence; verified: boolean }[];
  resources: RecordRef[];
}

export interface ConventionRecord extends RecordBase {
  kind: 'convention';
  shortName: string;
  version: string;
  year: number;
  articleCount: number;
  chapterCount: number;
  draftedBy: string;
  publication: string;
  versionNote?: string;
  urls: SourceRef[];
  chapters: RecordRef[];
}

export interface ChapterRecord extends RecordBase {
  kind: 'chapter';
  number: number;
  numeral: string;
  titleCertain: boolean;
  certaintyNote?: string;
  categories: Term[];
  convention?: RecordRef;
}

export interface ArticleRecord extends RecordBase {
  kind: 'article';
  number: number;
  heading: string;
  chapter?: RecordRef;
}

export interface CategoryRecord extends RecordBase {
  kind: 'category';
  group: CategoryGroup;
  definition: string;
  definitionSource: string;
  mimcChapter?: string;
  mimcChapterCertain: boolean;
  chapter?: RecordRef;
  inherits: RecordRef[];
  inheritsEstablished: boolean;
  /** Ids of the `inherits` links that are assumptions (empty when all are established). */
  inheritsAssumed: string[];
  inheritsNote?: string;
  inheritedBy: RecordRef[];
}

export interface RightRecord extends RecordBase {
  kind: 'right';
  name: string;
  description: string;
  group: RightGroup;
  groupLabel: string;
  holders: RecordRef[];
  note?: string;
  anchors: (RightAnchor & { instrumentTitle: string })[];
  binding: boolean;
  /** As `RightSummary.bindingScope`. */
  bindingScope: 'global' | 'regional' | null;
}

export interface ObjectiveRecord extends RecordBase {
  kind: 'objective';
  number: number;
  label: string;
  shortLabel: string;
  related: RecordRef[];
}

export interface PrincipleRecord extends RecordBase {
  kind: 'principle';
  label: string;
  description: string;
}

/** `record(id)`: one record of any kind; switch on `kind`. */
export type RecordView =
  | ResourceRecord
  | InstrumentRecord
  | ConventionRecord
  | ChapterRecord
  | ArticleRecord
  | CategoryRecord
  | RightRecord
  | ObjectiveRecord
  | PrincipleRecord;

// @signatures — each replaces the wasm-bindgen declaration of the same name when that one says `any`.
export function corpusInfo(): CorpusInfo;
export function search(query: string, options?: SearchOptions): SearchResult;
export function facets(filters?: SearchFilters): Facets;
export function record(id: string): RecordView;
export function categories(): Category[];
export function rights(categoryId: string, options?: RightsOptions): RightsResult;
export function compareRights(a: string, b: string): RightsComparison;
export function whoHolds(rightId: string): Holder[];
export function right(rightId: string): RightDetail;
export class Index {
  facets(filters?: IndexFilters): Facets;
  static fromRecords(records: readonly object[], schema: IndexSchema): Index;
  search(query: string, options?: IndexSearchOptions): IndexSearchResult;
}
