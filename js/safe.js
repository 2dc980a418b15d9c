// treatykit/safe.js — guards the wasm exports so that a broken instance says so.
//
// A Rust panic inside WebAssembly cannot be caught and resumed: it traps
// (`WebAssembly.RuntimeError`), and the instance's memory may be left half-updated, so every later
// call could answer wrongly or trap again. `guard()` wraps the exports of `treatykit.js` so that
// the first trap, and every call after it, throws a `TreatykitUnusableError` with
// `code: "TREATYKIT_UNUSABLE"` (the trap is its `cause`), and calls `onUnusable` once — instead of
// failing silently or with a bare "unreachable". Typed errors (`TypeError`, `RangeError`, `Error`
// with a `code`) pass through unchanged and the instance stays usable after them.
//
//   import * as treatykit from './treatykit.js';
//   import { guard } from './safe.js';
//   const tk = guard(treatykit, { onUnusable: (e) => showBanner(e.message) });
//   await tk.default();            // init, as usual
//   tk.search('refugee');          // same exports, same results

/** The `code` of the error thrown once the instance is unusable. */
export const UNUSABLE = 'TREATYKIT_UNUSABLE';

/** Thrown by every guarded call once the wasm instance has trapped. */
export class TreatykitUnusableError extends Error {
  constructor(cause) {
    super('treatykit stopped after an internal error and can no longer answer; reload the page to use it again '
      + '(please report this bug with the console output)', { cause });
    this.name = 'TreatykitUnusableError';
    this.code = UNUSABLE;
  }
}

/** Is `e` a trap of the wasm instance (a panic, or a stack overflow), rather than a typed error? */
export function isTrap(e) {
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
  // A stack overflow in wasm surfaces as the engine's RangeError; ours always carry a `code`.
  return e instanceof RangeError && !(e && 'code' in e) && /call stack/i.test(e.message);
}

const states = new WeakMap();

/** The error that made a guarded API unusable, or `null` while it works. */
export function unusableError(guarded) {
  return states.get(guarded)?.broken ?? null;
}

const isClass = (v) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));

/**
 * Wraps every exported function and class of a treatykit module namespace (or any object of
 * exports). Returns a plain object with the same names.
 * @param {object} api the module namespace of `treatykit.js`
 * @param {{ onUnusable?: (error: TreatykitUnusableError) => void }} [options]
 */
export function guard(api, { onUnusable } = {}) {
  const state = { broken: null };
  const classes = Object.values(api).filter(isClass);

  const fail = (cause) => {
    if (!state.broken) {
      state.broken = new TreatykitUnusableError(cause);
      try { onUnusable?.(state.broken); } catch { /* a failing listener must not hide the error */ }
    }
    return new TreatykitUnusableError(state.broken.cause);
  };
  const rethrow = (e) => { throw isTrap(e) ? fail(e) : e; };

  const wrapResult = (out) => {
    if (out instanceof Promise) return out.then(wrapResult, rethrow);
    if (out !== null && typeof out === 'object' && classes.some((C) => out instanceof C)) return wrapInstance(out);
    return out;
  };
  const call = (run) => {
    if (state.broken) throw new TreatykitUnusableError(state.broken.cause);
    let out;
    try { out = run(); } catch (e) { rethrow(e); }
    return wrapResult(out);
  };
  const wrapFunction = (fn, self) => function guarded(...args) {
    return call(() => Reflect.apply(fn, self ?? this, args));
  };
  const release = (fn, target) => () => {
    // Freeing memory of a broken instance could trap again: then there is nothing left to free.
    if (state.broken) return undefined;
    try { return Reflect.apply(fn, target, []); } catch (e) { return rethrow(e); }
  };
  function wrapInstance(obj) {
    return new Proxy(obj, {
      get(target, key) {
        const v = Reflect.get(target, key, target);
        if (typeof v !== 'function' || key === 'constructor') return v;
        if (key === 'free' || key === Symbol.dispose) return release(v, target);
        return wrapFunction(v, target);
      },
    });
  }
  const wrapClass = (C) => new Proxy(C, {
    construct(target, args) { return call(() => Reflect.construct(target, args)); },
    get(target, key) {
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' && key !== 'prototype' ? wrapFunction(v, target) : v;
    },
  });

  const out = {};
  for (const [name, v] of Object.entries(api)) {
    if (isClass(v)) out[name] = wrapClass(v);
    else if (typeof v === 'function') out[name] = wrapFunction(v, undefined);
    else out[name] = v;
  }
  states.set(out, state);
  return out;
}
