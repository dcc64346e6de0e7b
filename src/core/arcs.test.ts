import { describe, expect, it } from 'vitest';
import { readTableTexts } from '../../data/read-tables';
import { externalArcs, flowSet, flowSetFilter, internalArcs, type ArcRecord } from './arcs';
import { arcFilterRange, FILTER_SIZE, passingArcs, UNRANKED } from './flow-columns';
import { loadDataset } from './load';

const { model } = loadDataset(readTableTexts());
const positionOf = (code: string) => model.units.get(code)?.centre ?? model.anchors.get(code);

describe('internal arcs', () => {
  const { set, unplaced } = flowSet(internalArcs(model), positionOf);
  const buffers = set.prepared;
  /** The record of each prepared item (the prepared order is by year, then size). */
  const records = Array.from(buffers.rows, (row) => set.records[row]!);
  const passing = (values: Float32Array, range: [number, number][]) =>
    passingArcs(buffers, values, range[0]![0], range);

  it('places every flow at the centres of its two units', () => {
    expect(unplaced).toEqual([]);
    expect(buffers.length).toBe(2280);
    const i = records.findIndex((r) => r.year === 2024 && r.origin === 'KZ-10' && r.destination === 'KZ-71');
    expect([...buffers.sourcePositions.subarray(i * 2, i * 2 + 2)]).toEqual(model.units.get('KZ-10')!.centre);
    expect([...buffers.targetPositions.subarray(i * 2, i * 2 + 2)]).toEqual(model.units.get('KZ-71')!.centre);
  });

  it('keeps the records in table order, and each location once', () => {
    expect(set.records).toEqual(internalArcs(model));
    expect(new Set(set.codes).size).toBe(set.codes.length);
    set.codes.forEach((code, i) => expect([set.locations[i * 2], set.locations[i * 2 + 1]]).toEqual(positionOf(code)));
  });

  it('each year is one contiguous slice of its 380 arcs', () => {
    for (const year of model.flowYears) {
      const slice = buffers.slices.get(year)!;
      expect(slice.length).toBe(380);
      expect(records.slice(slice.offset, slice.offset + slice.length).every((r) => r.year === year)).toBe(true);
      expect(passing(buffers.filterValues, arcFilterRange(year, 0, null))).toHaveLength(380);
    }
    expect(buffers.slices.has(2013)).toBe(false);
    expect(passing(buffers.filterValues, arcFilterRange(2013, 0, null))).toEqual([]);
  });

  it('top N keeps the N largest flows of the year', () => {
    const ids = passing(buffers.filterValues, arcFilterRange(2024, 0, 10));
    expect(ids).toHaveLength(10);
    const counts = records
      .filter((r) => r.year === 2024)
      .map((r) => r.count)
      .sort((a, b) => b - a);
    expect(ids.map((i) => records[i]!.count).sort((a, b) => b - a)).toEqual(counts.slice(0, 10));
  });

  it('the minimum filter drops smaller flows', () => {
    const ids = passing(buffers.filterValues, arcFilterRange(2021, 5000, null));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((i) => records[i]!.count >= 5000)).toBe(true);
    const expected = records.filter((r) => r.year === 2021 && r.count >= 5000).length;
    expect(ids).toHaveLength(expected);
  });

  it('a selection isolates the flows into and out of its units and ranks among them', () => {
    const values = flowSetFilter(set, new Set(['KZ-10', 'KZ-63']));
    const ids = passing(values, arcFilterRange(2024, 0, null));
    expect(ids).toHaveLength(2 * 19 * 2 - 2); // 38 arcs each, minus the two between them counted twice
    expect(
      ids.every((i) => ['KZ-10', 'KZ-63'].some((u) => [records[i]!.origin, records[i]!.destination].includes(u))),
    ).toBe(true);
    const top3 = passing(values, arcFilterRange(2024, 0, 3));
    expect(top3).toHaveLength(3);
    // The top 3 of the selection are its three largest flows.
    const selected = ids.map((i) => records[i]!.count).sort((a, b) => b - a);
    expect(top3.map((i) => records[i]!.count)).toEqual(selected.slice(0, 3));
    // Arcs outside the selection are never ranked into a top N.
    expect(values[records.findIndex((r) => r.origin === 'KZ-71' && r.destination === 'KZ-75') * FILTER_SIZE + 2]).toBe(
      UNRANKED,
    );
  });

  it('without a selection, the filter values are the prepared ones', () => {
    expect(flowSetFilter(set, null)).toBe(buffers.filterValues);
  });
});

describe('external arcs', () => {
  const arcs = externalArcs(model);
  const find = (f: (r: ArcRecord) => boolean) => arcs.filter(f);

  it('are drawn only for full years, whole countries and comparable statistics', () => {
    expect(arcs.every((r) => r.period === 'Jan-Dec')).toBe(true);
    expect(
      arcs.some(
        (r) => ['ALL', 'CIS', 'non-CIS'].includes(r.origin) || ['ALL', 'CIS', 'non-CIS'].includes(r.destination),
      ),
    ).toBe(false);
    // Novosibirsk's 2024 programme count and Saratov's 2010 registrations are not migration statistics.
    expect(find((r) => r.origin === 'RU-NVS' || r.destination === 'RU-NVS').map((r) => r.year)).toEqual([2017]);
    expect(find((r) => r.destination === 'RU-SAR')).toEqual([]);
  });

  it('keep direction: immigrants come from the partner, emigrants go to it', () => {
    const ru2024 = find((r) => r.year === 2024 && (r.origin === 'RU' || r.destination === 'RU') && r.reporter === 'KZ');
    expect(ru2024.map((r) => [r.origin, r.destination, r.count])).toEqual([
      ['RU', 'KZ', 8000],
      ['KZ', 'RU', 8800],
    ]);
  });

  it('draw Russia’s stated net gain from Kazakhstan towards Russia and mark it as net', () => {
    const net = find((r) => r.measure === 'net');
    expect(net.map((r) => [r.year, r.origin, r.destination, r.count, r.reporter])).toEqual([
      [2018, 'KZ', 'RU', 26500, 'RU'],
    ]);
  });

  it('all have a position', () => {
    expect(flowSet(arcs, positionOf).unplaced).toEqual([]);
  });
});
