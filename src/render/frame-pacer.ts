/**
 * deck.gl's frame loop asks the browser for a frame at every display refresh,
 * whether it draws or not: an idle map kept about a tenth of a core busy
 * (measured here: 1.4 s of CPU in 10 s, 0.26 s without it), a phone's
 * battery and a classroom PC's fan. This paces the loop (as luma.gl's
 * animation-frame provider): at the display's rate while the map draws or is
 * touched, four times a second once it has drawn nothing for a while, so that
 * anything deck.gl still has to do (a layer's late update) is done within a
 * quarter of a second. A change or the pointer wakes it at once (`wake`).
 */
export class FramePacer {
  private framesWithoutDrawing = 0;
  private drew = false;
  private pending: FrameRequestCallback | null = null;
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** Frames without drawing before the loop slows down (half a second at 60 Hz). */
    private readonly idleAfterFrames = 30,
    private readonly idleIntervalMs = 250,
  ) {}

  /** Called after each frame the loop drew. */
  drawn(): void {
    this.drew = true;
  }

  /** The map is about to change or is touched: the next frame comes at the display's rate. */
  wake(): void {
    this.framesWithoutDrawing = 0;
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.frame = requestAnimationFrame((t) => this.run(t));
  }

  get idle(): boolean {
    return this.framesWithoutDrawing >= this.idleAfterFrames;
  }

  /** luma.gl's animation-frame provider. */
  readonly provider = {
    requestAnimationFrame: (callback: FrameRequestCallback): number => {
      this.pending = callback;
      this.framesWithoutDrawing = this.drew ? 0 : this.framesWithoutDrawing + 1;
      this.drew = false;
      if (this.idle) this.timer = setTimeout(() => this.run(performance.now()), this.idleIntervalMs);
      else this.frame = requestAnimationFrame((t) => this.run(t));
      return 1;
    },
    cancelAnimationFrame: (): void => {
      this.pending = null;
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      if (this.timer !== null) clearTimeout(this.timer);
      this.frame = this.timer = null;
    },
  };

  private run(time: number): void {
    this.frame = this.timer = null;
    const callback = this.pending;
    this.pending = null;
    callback?.(time);
  }
}
