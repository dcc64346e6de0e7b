// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FramePacer } from './frame-pacer';

/** A loop like luma.gl's: each frame runs, maybe draws, and asks for the next one. */
function loop(pacer: FramePacer, draws: () => boolean) {
  const times: number[] = [];
  const frame = () => {
    times.push(performance.now());
    if (draws()) pacer.drawn();
    pacer.provider.requestAnimationFrame(frame);
  };
  pacer.provider.requestAnimationFrame(frame);
  return times;
}

describe('FramePacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'],
    });
  });
  afterEach(() => vi.useRealTimers());

  it('runs at the display rate while frames draw', () => {
    const pacer = new FramePacer(30, 250);
    const times = loop(pacer, () => true);
    vi.advanceTimersByTime(1000);
    expect(times.length).toBeGreaterThanOrEqual(58);
    expect(pacer.idle).toBe(false);
  });

  it('slows to four frames a second once 30 frames have drawn nothing, and a wake restores the rate at once', () => {
    const pacer = new FramePacer(30, 250);
    const times = loop(pacer, () => false);
    vi.advanceTimersByTime(1000);
    expect(pacer.idle).toBe(true);
    const before = times.length;
    vi.advanceTimersByTime(1000);
    expect(times.length - before).toBe(4);
    pacer.wake();
    expect(pacer.idle).toBe(false);
    const woken = times.length;
    vi.advanceTimersByTime(20);
    expect(times.length - woken).toBeGreaterThanOrEqual(1);
    vi.advanceTimersByTime(200);
    expect(times.length - woken).toBeGreaterThanOrEqual(12);
  });

  it('stops when the loop cancels its frame', () => {
    const pacer = new FramePacer(30, 250);
    const times = loop(pacer, () => false);
    vi.advanceTimersByTime(2000);
    pacer.provider.cancelAnimationFrame();
    const stopped = times.length;
    vi.advanceTimersByTime(2000);
    pacer.wake();
    vi.advanceTimersByTime(2000);
    expect(times.length).toBe(stopped);
  });
});
