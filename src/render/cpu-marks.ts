/**
 * Marks around the main thread's work on the map's layers (making them, and
 * deck.gl's updates of them), for the benchmark's CPU part of a step in
 * thread time. A trace of Chrome's `blink.user_timing` gives each mark the
 * thread's CPU clock beside the wall clock, so the time the system gave other
 * threads in the middle of a section (the basemap's tile workers, the software
 * rasteriser of the GPU process: two cores here) is not counted as the
 * section's. Off unless the benchmark turns them on: marks pile up in the
 * page's performance timeline until cleared.
 */

/** The names of the marks opening and closing a section. */
export const CPU_SECTION_START = 'kz-cpu-start';
export const CPU_SECTION_END = 'kz-cpu-end';

let marking = false;
/** Sections open now: a section inside another (a render that updates deck.gl at once) is the outer one's. */
let depth = 0;

/** Turns the marks on or off (the benchmark's testing API). */
export function markCpuSections(on: boolean): void {
  marking = on;
}

/** Runs `work` as a section of the main thread's layer work, marked when the marks are on. */
export function cpuSection<T>(work: () => T): T {
  if (!marking) return work();
  if (depth++ === 0) performance.mark(CPU_SECTION_START);
  try {
    return work();
  } finally {
    if (--depth === 0) performance.mark(CPU_SECTION_END);
  }
}
