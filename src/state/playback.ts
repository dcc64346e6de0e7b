/**
 * Playback of the timeline (frame, speed, loop): a controller that acts on the
 * store, where the year and the playback settings live. Time comes from an
 * injected scheduler so that it is testable without a browser.
 */
import type { StateStore } from './store';

export interface Scheduler {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserScheduler: Scheduler = {
  set: (cb, ms) => setTimeout(cb, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Milliseconds per year at each speed step. */
export const SPEEDS = [2000, 1200, 700, 400] as const;

export interface PlaybackState {
  year: number;
  playing: boolean;
  speedIndex: number;
  loop: boolean;
}

const playbackOf = ({ year, playing, speedIndex, loop }: PlaybackState): PlaybackState => ({
  year,
  playing,
  speedIndex,
  loop,
});

export class Playback {
  private timer: unknown = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: StateStore<PlaybackState>,
    /** The timeline's years (they change with the dataset). */
    private readonly yearsOf: (state: PlaybackState) => readonly number[],
    private readonly scheduler: Scheduler = browserScheduler,
  ) {
    // Whoever starts or stops playback (a button, a key, a test), the timer follows.
    this.unsubscribe = store.subscribe(
      (s) => s.playing,
      (playing) => {
        this.clearTimer();
        if (playing) this.schedule();
      },
    );
  }

  get years(): readonly number[] {
    return this.yearsOf(this.store.get());
  }

  /** True while a step of playback waits to move the year. */
  get ticking(): boolean {
    return this.timer !== null;
  }

  get current(): Readonly<PlaybackState> {
    return playbackOf(this.store.get());
  }

  subscribe(listener: (s: PlaybackState) => void): () => void {
    return this.store.subscribe(playbackOf, listener);
  }

  /** Moves to a year (snapped to the nearest year of the timeline). */
  seek(year: number): void {
    this.set({ year: this.clampYear(year) });
  }

  step(delta: number): void {
    const ys = this.years;
    const i = ys.indexOf(this.current.year) + delta;
    this.seek(ys[Math.max(0, Math.min(ys.length - 1, i))]!);
  }

  first(): void {
    this.seek(this.years[0]!);
  }

  last(): void {
    this.seek(this.years[this.years.length - 1]!);
  }

  play(): void {
    if (this.current.playing) return;
    const ys = this.years;
    // Playing from the last year starts over, as a user expects.
    if (this.current.year === ys[ys.length - 1]) this.set({ year: ys[0]!, playing: true });
    else this.set({ playing: true });
  }

  pause(): void {
    this.set({ playing: false });
  }

  toggle(): void {
    if (this.current.playing) this.pause();
    else this.play();
  }

  /** How long each year is shown at the chosen speed (playback, and the recorded video). */
  get msPerYear(): number {
    return SPEEDS[this.current.speedIndex]!;
  }

  setSpeed(index: number): void {
    this.set({ speedIndex: Math.max(0, Math.min(SPEEDS.length - 1, index)) });
  }

  setLoop(loop: boolean): void {
    this.set({ loop });
  }

  dispose(): void {
    this.clearTimer();
    this.unsubscribe();
  }

  private set(patch: Partial<PlaybackState>): void {
    this.store.set(patch);
  }

  private schedule(): void {
    this.timer = this.scheduler.set(() => this.tick(), this.msPerYear);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
  }

  private tick(): void {
    this.timer = null;
    const { playing, year, loop } = this.current;
    if (!playing) return;
    const ys = this.years;
    const i = ys.indexOf(year);
    if (i < ys.length - 1) this.set({ year: ys[i + 1]! });
    else if (loop) this.set({ year: ys[0]! });
    else {
      this.pause();
      return;
    }
    // A listener may have paused on the new year (then there is no timer to add).
    if (this.current.playing && this.timer === null) this.schedule();
  }

  private clampYear(year: number): number {
    const ys = this.years;
    let best = ys[0]!;
    for (const y of ys) if (Math.abs(y - year) < Math.abs(best - year)) best = y;
    return best;
  }
}
