import { describe, expect, it } from 'vitest';
import { Playback, SPEEDS, type PlaybackState, type Scheduler } from './playback';
import { Store } from './store';

/** A scheduler whose time advances only when the test says so. */
function fakeScheduler() {
  let pending: { cb: () => void; ms: number } | null = null;
  const scheduler: Scheduler = {
    set: (cb, ms) => (pending = { cb, ms }),
    clear: () => (pending = null),
  };
  return {
    scheduler,
    tick() {
      const p = pending;
      pending = null;
      p?.cb();
      return p?.ms;
    },
    get pending() {
      return pending;
    },
  };
}

const years = [2020, 2021, 2022, 2023];

/** Playback over a store that holds only the playback fields. */
const playback = (year: number, scheduler: Scheduler) =>
  new Playback(new Store<PlaybackState>({ year, playing: false, speedIndex: 1, loop: true }), () => years, scheduler);

describe('Playback', () => {
  it('plays forward one year per tick at the chosen speed', () => {
    const clock = fakeScheduler();
    const p = playback(2020, clock.scheduler);
    const seen: number[] = [];
    p.subscribe((s) => {
      if (s.year !== seen[seen.length - 1]) seen.push(s.year);
    });
    expect(p.msPerYear).toBe(SPEEDS[1]);
    p.setSpeed(3);
    expect(p.msPerYear).toBe(SPEEDS[3]);
    p.play();
    expect(clock.tick()).toBe(SPEEDS[3]);
    clock.tick();
    expect(seen).toEqual([2020, 2021, 2022]);
  });

  it('loops to the first year when looping, stops at the end otherwise', () => {
    const clock = fakeScheduler();
    const p = playback(2022, clock.scheduler);
    p.play();
    clock.tick();
    clock.tick();
    expect(p.current.year).toBe(2020);
    p.setLoop(false);
    p.seek(2022);
    clock.tick();
    clock.tick();
    expect(p.current).toMatchObject({ year: 2023, playing: false });
    expect(clock.pending).toBeNull();
  });

  it('playing from the last year starts over', () => {
    const clock = fakeScheduler();
    const p = playback(2023, clock.scheduler);
    p.play();
    expect(p.current.year).toBe(2020);
  });

  it('pausing cancels the next step', () => {
    const clock = fakeScheduler();
    const p = playback(2020, clock.scheduler);
    p.play();
    p.pause();
    expect(clock.pending).toBeNull();
    expect(p.current.playing).toBe(false);
  });

  it('a listener that pauses on a year leaves no step pending', () => {
    const clock = fakeScheduler();
    const p = playback(2020, clock.scheduler);
    p.subscribe((s) => {
      if (s.year === 2021 && s.playing) p.pause();
    });
    p.play();
    clock.tick();
    expect(p.current).toMatchObject({ year: 2021, playing: false });
    expect(clock.pending).toBeNull();
  });

  it('steps and seeks stay within the years and snap to the nearest', () => {
    const p = playback(2021, fakeScheduler().scheduler);
    p.step(-5);
    expect(p.current.year).toBe(2020);
    p.last();
    p.step(1);
    expect(p.current.year).toBe(2023);
    p.seek(2021.4);
    expect(p.current.year).toBe(2021);
  });
});

describe('Playback on the store', () => {
  it('starts and stops with the store, whoever sets it, and leaves the year to the store', () => {
    const clock = fakeScheduler();
    const store = new Store<PlaybackState>({ year: 2020, playing: false, speedIndex: 2, loop: true });
    const p = new Playback(store, () => years, clock.scheduler);
    store.set({ playing: true });
    expect(clock.pending?.ms).toBe(SPEEDS[2]);
    clock.tick();
    expect(store.get().year).toBe(2021);
    store.set({ year: 2023 });
    expect(p.current.year).toBe(2023);
    store.set({ playing: false });
    expect(clock.pending).toBeNull();
    p.dispose();
    store.set({ playing: true });
    expect(clock.pending).toBeNull();
  });
});
