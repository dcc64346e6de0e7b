/**
 * The thread time of a step's CPU sections (src/render/cpu-marks.ts), read
 * from a trace of the page's user timing marks: each mark carries the main
 * thread's CPU clock (`tts`) beside the wall clock (`ts`), so a section's
 * thread time leaves out what the system gave other threads while it ran (on
 * two cores: the basemap's tile workers, the GPU process's software
 * rasteriser), which its wall time counts.
 */
import type { CDPSession } from 'playwright-core';
import { CPU_SECTION_END, CPU_SECTION_START } from '../../src/render/cpu-marks';

/** The marks a step sets in the page around itself: before its change, and when the frame showing it is drawn. */
export const STEP_START = 'kz-step-start';
export const STEP_SHOWN = 'kz-step-shown';

export interface MarkEvent {
  name: string;
  /** Wall clock, µs. */
  ts: number;
  /** The marking thread's CPU clock, µs. */
  tts?: number;
  tid: number;
}

/** Traces the page's user timing marks until the returned function is called, which gives them. */
export async function traceMarks(cdp: CDPSession): Promise<() => Promise<MarkEvent[]>> {
  const events: MarkEvent[] = [];
  // The protocol types events as string maps; trace events hold numbers too.
  const collect = (e: { value: object[] }) => void events.push(...(e.value as MarkEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['blink.user_timing'] },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
    return events;
  };
}

export interface SectionTimes {
  /** Thread (CPU) time of the CPU sections between the step's marks, ms. */
  threadMs: number;
  /** Their wall time, ms (what performance.now() around them counts). */
  wallMs: number;
  sections: number;
}

/**
 * Sums the CPU sections that open after the step's start mark and close
 * before its shown mark. Throws when a mark the step needs is missing or
 * carries no thread clock: a step without its measure must not pass as 0 ms.
 */
export function stepSections(events: readonly MarkEvent[]): SectionTimes {
  const marks = events
    .filter((e) => [CPU_SECTION_START, CPU_SECTION_END, STEP_START, STEP_SHOWN].includes(e.name))
    .sort((a, b) => a.ts - b.ts);
  const start = marks.find((e) => e.name === STEP_START);
  const shown = marks.find((e) => e.name === STEP_SHOWN && start && e.ts >= start.ts);
  if (!start || !shown) throw new Error(`the step's marks are missing (${marks.map((m) => m.name).join(', ')})`);
  let threadMs = 0;
  let wallMs = 0;
  let sections = 0;
  let open: MarkEvent | null = null;
  for (const e of marks) {
    if (e.ts < start.ts || e.ts > shown.ts || e.tid !== start.tid) continue;
    if (e.name === CPU_SECTION_START) open = e;
    else if (e.name === CPU_SECTION_END && open) {
      if (open.tts === undefined || e.tts === undefined) throw new Error('a CPU section mark has no thread clock');
      threadMs += (e.tts - open.tts) / 1000;
      wallMs += (e.ts - open.ts) / 1000;
      sections++;
      open = null;
    }
  }
  return { threadMs, wallMs, sections };
}
