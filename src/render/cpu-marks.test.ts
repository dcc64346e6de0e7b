import { afterEach, describe, expect, it } from 'vitest';
import { CPU_SECTION_END, CPU_SECTION_START, cpuSection, markCpuSections } from './cpu-marks';

const names = () => performance.getEntriesByType('mark').map((m) => m.name);

describe('cpuSection', () => {
  afterEach(() => {
    markCpuSections(false);
    performance.clearMarks();
  });

  it('marks nothing unless turned on, and returns the work’s result either way', () => {
    performance.clearMarks();
    expect(cpuSection(() => 42)).toBe(42);
    expect(names()).toEqual([]);
  });

  it('marks a section inside another as part of the outer one (its time is counted once)', () => {
    performance.clearMarks();
    markCpuSections(true);
    cpuSection(() => cpuSection(() => cpuSection(() => undefined)));
    cpuSection(() => undefined);
    expect(names()).toEqual([CPU_SECTION_START, CPU_SECTION_END, CPU_SECTION_START, CPU_SECTION_END]);
  });

  it('closes its section when the work throws', () => {
    performance.clearMarks();
    markCpuSections(true);
    expect(() =>
      cpuSection(() => {
        throw new Error('bad layer');
      }),
    ).toThrow('bad layer');
    cpuSection(() => undefined);
    expect(names()).toEqual([CPU_SECTION_START, CPU_SECTION_END, CPU_SECTION_START, CPU_SECTION_END]);
  });
});
