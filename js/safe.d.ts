// Types of js/safe.js: guards treatykit's exports against a trapped (unusable) wasm instance.

/** The `code` of the error thrown once the instance is unusable. */
export declare const UNUSABLE: 'TREATYKIT_UNUSABLE';

/** Thrown by every guarded call once the wasm instance has trapped; `cause` is the trap. */
export declare class TreatykitUnusableError extends Error {
  readonly code: 'TREATYKIT_UNUSABLE';
  readonly cause: unknown;
}

/** Is `e` a trap of the wasm instance (a panic or a stack overflow) rather than a typed error? */
export declare function isTrap(e: unknown): boolean;

/** Wraps every exported function and class of `api`; returns an object with the same names. */
export declare function guard<T extends object>(
  api: T,
  options?: { onUnusable?: (error: TreatykitUnusableError) => void },
): T;

/** The error that made a guarded API unusable, or `null` while it works. */
export declare function unusableError(guarded: object): TreatykitUnusableError | null;
