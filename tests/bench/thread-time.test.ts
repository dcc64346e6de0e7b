import { describe, expect, it } from 'vitest';
import { CPU_SECTION_END, CPU_SECTION_START } from '../../src/render/cpu-marks';
import { STEP_SHOWN, STEP_START, stepSections, type MarkEvent } from './thread-time';

const MAIN = 1;
const mark = (name: string, ts: number, tts?: number, tid = MAIN): MarkEvent => ({ name, ts: ts * 1000, tts: tts === undefined ? undefined : tts * 1000, tid }); // prettier-ignore

describe('stepSections', () => {
  it("sums the thread time of the sections between the step's marks, not their wall time", () => {
    const events = [
      // Before the step: not counted.
      mark(CPU_SECTION_START, 0, 0),
      mark(CPU_SECTION_END, 5, 5),
      mark(STEP_START, 10, 8),
      // 12 ms of wall, 4 of them on the CPU (the rest another thread's).
      mark(CPU_SECTION_START, 11, 9),
      mark(CPU_SECTION_END, 23, 13),
      // Another thread's marks (a worker's) are not the main thread's sections.
      mark(CPU_SECTION_START, 24, 100, 2),
      mark(CPU_SECTION_END, 40, 130, 2),
      mark(CPU_SECTION_START, 30, 14),
      mark(CPU_SECTION_END, 33, 17),
      mark(STEP_SHOWN, 35, 18),
      // After the frame that showed the step: the other years' layers, not counted.
      mark(CPU_SECTION_START, 36, 19),
      mark(CPU_SECTION_END, 50, 30),
    ];
    // The trace delivers events in chunks, not in time order.
    const shuffled = [...events].reverse();
    expect(stepSections(shuffled)).toEqual({ threadMs: 7, wallMs: 15, sections: 2 });
  });

  it('throws rather than report 0 ms when the step left no marks or the marks carry no thread clock', () => {
    expect(() => stepSections([mark(CPU_SECTION_START, 1, 1), mark(CPU_SECTION_END, 2, 2)])).toThrow(/marks are missing/); // prettier-ignore
    expect(() =>
      stepSections([
        mark(STEP_START, 0, 0),
        mark(CPU_SECTION_START, 1),
        mark(CPU_SECTION_END, 2),
        mark(STEP_SHOWN, 3, 3),
      ]),
    ).toThrow(/thread clock/);
  });
});
