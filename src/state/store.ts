/**
 * One owner for a state object. Every change goes through `set`; parts of the
 * app subscribe to what they read (a selector) and hear only when that part
 * changed. A listener may itself call `set`: the change is applied at once and
 * every subscriber whose selection it changes hears of it in the same round,
 * in subscription order, each once per value.
 */

export type Listener<T> = (value: T, previous: T) => void;
export type Equals<T> = (a: T, b: T) => boolean;

interface Subscription<S, T> {
  select: (state: S) => T;
  listener: Listener<T>;
  equals: Equals<T>;
  last: T;
}

/** Equal if identical, or plain objects / arrays whose entries are identical. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What a part that reads and changes some fields of a larger state needs of the store. */
export interface StateStore<S> {
  get(): Readonly<S>;
  set(patch: Partial<S>): void;
  subscribe<T>(
    selector: (state: S) => T,
    listener: Listener<T>,
    opts?: { equals?: Equals<T>; immediate?: boolean },
  ): () => void;
}

/** Rounds of notification before a loop of listeners setting each other is reported. */
const MAX_ROUNDS = 100;

export class Store<S extends object> implements StateStore<S> {
  private state: S;
  private readonly subscriptions: Subscription<S, unknown>[] = [];
  private notifying = false;
  private dirty = false;

  constructor(initial: S) {
    this.state = initial;
  }

  get(): Readonly<S> {
    return this.state;
  }

  /** Applies a patch (fields left out keep their value) and tells the subscribers whose selection changed. */
  set(patch: Partial<S>): void {
    if (Object.entries(patch).every(([k, v]) => Object.is(this.state[k as keyof S], v))) return;
    this.state = { ...this.state, ...patch };
    this.dirty = true;
    if (this.notifying) return;
    this.notifying = true;
    try {
      for (let round = 0; this.dirty; round++) {
        if (round === MAX_ROUNDS) throw new Error('store: listeners keep changing the state');
        this.dirty = false;
        for (const sub of [...this.subscriptions]) {
          if (!this.subscriptions.includes(sub)) continue;
          const value = sub.select(this.state);
          if (sub.equals(value, sub.last)) continue;
          const previous = sub.last;
          sub.last = value;
          sub.listener(value, previous);
        }
      }
    } finally {
      this.notifying = false;
    }
  }

  /**
   * Calls `listener` whenever `selector`'s value changes (compared with
   * `equals`, shallow by default), and once at once if `immediate`. Returns
   * the unsubscribe function.
   */
  subscribe<T>(
    selector: (state: S) => T,
    listener: Listener<T>,
    opts: { equals?: Equals<T>; immediate?: boolean } = {},
  ): () => void {
    const last = selector(this.state);
    const sub: Subscription<S, T> = { select: selector, listener, equals: opts.equals ?? shallowEqual, last };
    this.subscriptions.push(sub as Subscription<S, unknown>);
    if (opts.immediate) listener(last, last);
    return () => {
      const i = this.subscriptions.indexOf(sub as Subscription<S, unknown>);
      if (i >= 0) this.subscriptions.splice(i, 1);
    };
  }
}
