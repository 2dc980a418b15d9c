// Types of the <treatykit-search> custom element (treatykit/widget).
import type { Hit } from './treatykit.js';

/** Detail of the `treatykit-select` event, fired when a visitor chooses a hit (cancelable). */
export interface TreatykitSelectDetail {
  id: string;
  hit: Hit;
}

/**
 * `<treatykit-search placeholder limit filters href label value>`: a search box over the embedded
 * corpus in a shadow root. Attributes: `placeholder`; `label` (accessible name); `limit` (1–50,
 * default 8); `filters` (JSON, as `search()` takes them); `href` (link template with `{id}`);
 * `value` (sets the query when the element starts and whenever the attribute changes, over what
 * the visitor typed too; removing it leaves the query). Themed with `--treatykit-*` custom
 * properties and `::part()`; sized from the element's own `font-size` (default `medium`, never
 * the page's root font size).
 */
export declare class TreatykitSearchElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * The current query; setting it searches. A value set before widget.js defines the element
   * (by a framework, or when the script loads lazily) is kept and searched once it starts.
   */
  value: string;
  /** The hits on show. */
  readonly hits: Hit[];
  focus(options?: FocusOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'treatykit-search': TreatykitSearchElement;
  }
  interface HTMLElementEventMap {
    'treatykit-select': CustomEvent<TreatykitSelectDetail>;
    'treatykit-ready': CustomEvent<undefined>;
  }
}
