import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Store } from './store';
import { DEFAULT_VIEW, readUrlState, type ViewState } from './url-state';
import { URL_WRITE_DELAY_MS, UrlSync } from './url-sync';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the URL follows the view', () => {
  it('writes once, a moment after the last of several changes, what a link restores', () => {
    const store = new Store<ViewState & { playing: boolean }>({ ...DEFAULT_VIEW, playing: false });
    const written: string[] = [];
    const sync = new UrlSync(store, (q) => written.push(q));
    store.set({ year: 2020 });
    store.set({ year: 2021, measure: 'density' });
    expect(sync.pending).toBe(true);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS - 1);
    expect(written).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(written).toHaveLength(1);
    expect(sync.pending).toBe(false);
    const back = readUrlState(written[0]!, {
      yearRange: [2000, 2026],
      stories: new Set(),
      selectable: new Set(),
      defaults: DEFAULT_VIEW,
    });
    expect(back.rejected).toEqual([]);
    expect(back.state).toEqual({ ...DEFAULT_VIEW, year: 2021, measure: 'density' });
  });

  it('ignores what a link does not hold, and stops when disposed', () => {
    const store = new Store<ViewState & { playing: boolean }>({ ...DEFAULT_VIEW, playing: false });
    const written: string[] = [];
    const sync = new UrlSync(store, (q) => written.push(q));
    store.set({ playing: true });
    expect(sync.pending).toBe(false);
    sync.writeSoon();
    vi.runAllTimers();
    expect(written).toHaveLength(1);
    sync.dispose();
    store.set({ year: 2001 });
    vi.runAllTimers();
    expect(written).toHaveLength(1);
  });
});
