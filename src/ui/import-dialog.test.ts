// @vitest-environment happy-dom
/** The import dialog's mapping and summary steps, on real previews (the worker's code, run here). */
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { previewTable } from '../import/import-core';
import { toMatchableUnits } from '../import/region-matcher';
import { builtInData } from '../core/view/test-data';
import { ImportDialog, type MappingChoice, type PreviewChange } from './import-dialog';
import type { SummaryView } from './import-summary';

const t = translator('en');
const units = toMatchableUnits(builtInData().dataset.model.unitList);

function dialog() {
  const d = new ImportDialog(() => {});
  document.body.append(d.dialog.element);
  const q = <E extends Element>(testid: string) => d.dialog.element.querySelector<E>(`[data-testid="${testid}"]`);
  return { d, q };
}

function change(select: HTMLSelectElement | HTMLInputElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event(select instanceof HTMLInputElement ? 'input' : 'change'));
}

describe('the mapping step', () => {
  it('offers the year from the file name, the layout recognised, and reads with them', async () => {
    const preview = await previewTable(
      new Blob(['region,arrivals,departures,net\nAstana,100,40,60\nPavlodar Region,30,50,-20\n']),
      'internal_migration_2023.csv',
      20,
      { units },
    );
    const { d, q } = dialog();
    const reads: MappingChoice[] = [];
    const previews: PreviewChange[] = [];
    d.showMapping(preview, t, 'en', { read: (c) => reads.push(c), preview: (c) => previews.push(c) });
    expect(q<HTMLInputElement>('import-year')!.value).toBe('2023');
    expect(q('import-year-source')!.textContent).toBe('taken from the file name');
    expect(q<HTMLSelectElement>('import-layout')!.value).toBe('measures');
    expect(q('import-spread')!.textContent).toBe('Columns read as values: arrivals, departures, net');
    // The value columns are the layout's: no select for them; the kind follows the layout.
    expect(q('map-value')).toBeNull();
    expect(q<HTMLSelectElement>('import-kind')!.disabled).toBe(true);
    q<HTMLButtonElement>('import-start')!.click();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ kind: 'figures', year: 2023, borders: 'by_year', headerRow: 1 });
    expect(reads[0]!.layout?.spread.map((s) => s.role)).toEqual(['arrivals', 'departures', 'net']);

    // A typed year is not "from the file name"; changing the layout asks for a new preview.
    change(q<HTMLInputElement>('import-year')!, '2022');
    expect(q('import-year-source')!.textContent).toBe('');
    change(q<HTMLSelectElement>('import-layout')!, 'long');
    expect(previews).toEqual([{ sheet: undefined, headerRow: 1, layout: 'long' }]);
    d.dialog.close();
  });

  it('lists the title rows above the header and lets the header move', async () => {
    const text = 'Migration of the population in 2023\n(persons)\nregion,year,value\nAstana,2023,5\n';
    const preview = await previewTable(new Blob([text]), 'titled.csv', 20, { units });
    const { d, q } = dialog();
    const previews: PreviewChange[] = [];
    d.showMapping(preview, t, 'en', { read: () => {}, preview: (c) => previews.push(c) });
    const header = q<HTMLSelectElement>('import-header-row')!;
    expect(header.value).toBe('3');
    expect([...header.options].map((o) => o.textContent)).toEqual([
      '1: Migration of the population in 2023',
      '2: (persons)',
      '3: region · year · value',
      '4: Astana · 2023 · 5',
    ]);
    expect(q('import-titles')!.textContent).toContain('Rows above the header (not read): 2');
    change(header, '2');
    expect(previews).toEqual([{ sheet: undefined, headerRow: 2 }]);
    d.dialog.close();
  });

  it('asks for the year when there is no year column and none is given', async () => {
    const preview = await previewTable(new Blob(['from,to,count\nAstana,Almaty city,5\n']), 'flows.csv', 20, { units }); // prettier-ignore
    const { d, q } = dialog();
    const reads: MappingChoice[] = [];
    d.showMapping(preview, t, 'en', { read: (c) => reads.push(c), preview: () => {} });
    q<HTMLButtonElement>('import-start')!.click();
    expect(reads).toEqual([]);
    expect(q('import-problem')!.textContent).toBe('Choose a column for: Year.');
    change(q<HTMLInputElement>('import-year')!, '2021');
    q<HTMLButtonElement>('import-start')!.click();
    expect(reads[0]).toMatchObject({ kind: 'flows', year: 2021, mapping: { origin: 0, destination: 1, count: 2 } });
    d.dialog.close();
  });
});

const UNITS = [
  { code: 'KZ-19', name: 'Almaty Region' },
  { code: 'KZ-75', name: 'Almaty (city)' },
  { code: 'KZ-59', name: 'North Kazakhstan Region' },
];
const view = (over: Partial<SummaryView>): SummaryView => ({
  file: 'f.csv',
  rowsRead: 3,
  rowsValid: 2,
  issueCount: 1,
  issues: [],
  unmatched: [],
  decisions: [],
  borders: [],
  notes: [],
  fatal: null,
  units: UNITS,
  ...over,
});

describe('the summary step', () => {
  it('shows context decisions as changeable; a changed one is an answer for this file only', () => {
    const { d, q } = dialog();
    const answers: unknown[] = [];
    d.showSummary(
      view({
        decisions: [{ text: 'Almaty', sentence: '“Almaty” is read as Almaty Region', code: 'KZ-19', alternatives: ['KZ-75'] }], // prettier-ignore
      }),
      t,
      'en',
      { importValid: () => {}, remap: (a) => answers.push(a), cancel: () => {} },
    );
    expect(q('decision-text')!.textContent).toBe('“Almaty” is read as Almaty Region');
    const select = q<HTMLSelectElement>('decision-select')!;
    expect(select.value).toBe('KZ-19');
    q<HTMLButtonElement>('import-remap')!.click();
    change(select, 'KZ-75');
    q<HTMLButtonElement>('import-remap')!.click();
    expect(answers).toEqual([
      { file: {}, remember: {} },
      { file: { Almaty: 'KZ-75' }, remember: {} },
    ]);
    d.dialog.close();
  });

  it('asks a question without a default; a suggestion is applied only when confirmed, and remembered', () => {
    const { d, q } = dialog();
    const answers: unknown[] = [];
    d.showSummary(
      view({
        unmatched: [
          { text: 'Almaty', count: 2, candidates: ['KZ-19', 'KZ-75'], question: 'which?', suggestions: [] },
          { text: 'North_Kaz', count: 1, candidates: [], question: null, suggestions: [{ code: 'KZ-59', text: 'short for North Kazakhstan Region?' }] }, // prettier-ignore
        ],
      }),
      t,
      'en',
      { importValid: () => {}, remap: (a) => answers.push(a), cancel: () => {} },
    );
    const selects = d.dialog.element.querySelectorAll<HTMLSelectElement>('[data-testid="unmatched-select"]');
    expect([...selects].map((s) => s.value)).toEqual(['', '']);
    // The question's candidates come first.
    expect([...selects[0]!.options].slice(1, 3).map((o) => o.value)).toEqual(['KZ-19', 'KZ-75']);
    expect(q('import-question')!.textContent).toBe('which?');
    q<HTMLButtonElement>('import-remap')!.click();
    q<HTMLButtonElement>('suggestion-confirm')!.click();
    change(selects[0]!, 'KZ-75');
    q<HTMLButtonElement>('import-remap')!.click();
    expect(answers).toEqual([
      { file: {}, remember: {} },
      { file: { Almaty: 'KZ-75' }, remember: { North_Kaz: 'KZ-59' } },
    ]);
    d.dialog.close();
  });

  it('a fatal problem disables the import and offers the way back', () => {
    const { d, q } = dialog();
    let back = 0;
    d.showSummary(view({ fatal: 'No column holds the year.', rowsValid: 0 }), t, 'en', {
      importValid: () => {},
      remap: () => {},
      back: () => back++,
      cancel: () => {},
    });
    expect(q('import-fatal')!.textContent).toBe('No column holds the year.');
    expect(q<HTMLButtonElement>('import-valid')!.disabled).toBe(true);
    q<HTMLButtonElement>('import-back')!.click();
    expect(back).toBe(1);
    d.dialog.close();
  });
});
