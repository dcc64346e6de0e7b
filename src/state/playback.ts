/**
 * Playback of the timeline as a model of its own (frame, speed, loop), apart
 * from the slider that shows it. Time comes from an injected scheduler so the
 * model is testable without a browser.
 */

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

export class Playback {
  private state: PlaybackState;
  private timer: unknown = null;
  private readonly listeners = new Set<(s: PlaybackState) => void>();

  constructor(
    readonly years: readonly number[],
    year: number,
    private readonly scheduler: Scheduler = browserScheduler,
  ) {
    if (years.length === 0) throw new Error('Playback needs at least one year');
    this.state = { year: this.clampYear(year), playing: false, speedIndex: 1, loop: true };
  }

  get current(): Readonly<PlaybackState> {
    return this.state;
  }

  subscribe(listener: (s: PlaybackState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves to a year (snapped to the nearest year of the timeline). */
  seek(year: number): void {
    this.update({ year: this.clampYear(year) });
  }

  step(delta: number): void {
    const i = this.years.indexOf(this.state.year) + delta;
    this.seek(this.years[Math.max(0, Math.min(this.years.length - 1, i))]!);
  }

  first(): void {
    this.seek(this.years[0]!);
  }

  last(): void {
    this.seek(this.years[this.years.length - 1]!);
  }

  play(): void {
    if (this.state.playing) return;
    // Playing from the last year starts over, as a user expects.
    if (this.state.year === this.years[this.years.length - 1]) this.update({ year: this.years[0]!, playing: true });
    else this.update({ playing: true });
    this.schedule();
  }

  pause(): void {
    if (!this.state.playing) return;
    this.scheduler.clear(this.timer);
    this.timer = null;
    this.update({ playing: false });
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  setSpeed(index: number): void {
    this.update({ speedIndex: Math.max(0, Math.min(SPEEDS.length - 1, index)) });
  }

  setLoop(loop: boolean): void {
    this.update({ loop });
  }

  dispose(): void {
    this.scheduler.clear(this.timer);
    this.listeners.clear();
  }

  private schedule(): void {
    this.timer = this.scheduler.set(() => this.tick(), SPEEDS[this.state.speedIndex]!);
  }

  private tick(): void {
    if (!this.state.playing) return;
    const i = this.years.indexOf(this.state.year);
    if (i < this.years.length - 1) this.update({ year: this.years[i + 1]! });
    else if (this.state.loop) this.update({ year: this.years[0]! });
    else {
      this.update({ playing: false });
      return;
    }
    // A listener may have paused on the new year: no timer then, or a later play() would run two.
    if (this.state.playing) this.schedule();
  }

  private clampYear(year: number): number {
    let best = this.years[0]!;
    for (const y of this.years) if (Math.abs(y - year) < Math.abs(best - year)) best = y;
    return best;
  }

  private update(patch: Partial<PlaybackState>): void {
    const next = { ...this.state, ...patch };
    if (Object.entries(patch).every(([k, v]) => this.state[k as keyof PlaybackState] === v)) return;
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}
