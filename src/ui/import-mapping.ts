/**
 * The mapping step of the import dialog: the sheet of a workbook, the header
 * row (the rows above it are titles, listed), the layout recognised (and the
 * others that fit), the columns, a year for the whole file (offered from the
 * file name, changeable), the borders the years are read in. Changing the
 * sheet, the header row or the layout asks the worker for a new preview; the
 * rest is the choice given to "Read the file". The preview table scrolls
 * inside itself so the controls stay in view.
 */
import type { ColumnGuess } from '../import/columns';
import type { TablePreview } from '../import/import-types';
import type { Layout, LayoutKind, SpreadColumn } from '../import/layouts';
import type { Borders } from '../import/resolve';
import { formatImportProblem, importUiText, layoutName, roleName, type ImportLang } from '../i18n/import-messages';
import type { MessageKey } from '../i18n';
import { el } from './dom';

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface MappingChoice {
  kind: 'flows' | 'figures';
  /** field -> column index */
  mapping: Record<string, number>;
  measureName: string;
  additive: boolean;
  /** The wide layout read (its key mapping as the user left it); null: rows as they are. */
  layout: Layout | null;
  /** The year of every row, when no column holds it. */
  year?: number;
  borders: Borders;
  sheet?: string;
  headerRow: number;
}

/** What the worker is asked for again when the sheet, header row or layout changes. */
export interface PreviewChange {
  sheet?: string;
  headerRow?: number;
  layout?: LayoutKind;
}

export interface MappingActions {
  read(choice: MappingChoice): void;
  preview(change: PreviewChange, kept: Partial<MappingChoice>): void;
  cancel(): void;
}

const FLOW_FIELDS = ['origin', 'destination', 'year', 'count', 'period', 'source', 'note'] as const;
const FIGURE_FIELDS = ['region', 'year', 'value', 'period', 'measure', 'unit'] as const;
const REQUIRED: Record<string, boolean> = { origin: true, destination: true, year: true, count: true, region: true, value: true }; // prettier-ignore
/** The fields a wide layout fills from its spread columns, so they are not mapped. */
const SPREAD_FIELDS: Record<LayoutKind, string[]> = {
  long: [],
  matrix: ['destination', 'count'],
  years: ['year', 'count', 'value'],
  months: ['period', 'count', 'value'],
  measures: ['count', 'value', 'measure'],
};
const SAMPLE_ROWS = 8;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** What a spread column stands for: "2023", "Jan", "arrivals", "→ Astana". */
function spreadLabel(s: SpreadColumn, lang: ImportLang): string {
  const what = s.role ? roleName(s.role, lang) : (s.year ?? s.period ?? s.destination ?? s.measure ?? '');
  return String(what) === s.header.trim() ? s.header : `${s.header} (${what})`;
}

/** The year typed, or undefined when the box is empty or not a whole year. */
function typedYear(input: HTMLInputElement): number | undefined {
  const y = Number(input.value.trim());
  return input.value.trim() !== '' && Number.isInteger(y) ? y : undefined;
}

export function mappingView(
  preview: TablePreview,
  t: T,
  lang: ImportLang,
  actions: MappingActions,
  initial: Partial<MappingChoice> = {},
): (Node | false)[] {
  const ui = (key: Parameters<typeof importUiText>[0]) => importUiText(key, lang);
  const layout = preview.layout;
  let kind: 'flows' | 'figures' = layout?.table ?? initial.kind ?? preview.kind ?? 'flows';
  const sheet = preview.sheet ?? undefined;

  const sheetSelect =
    preview.sheets.length > 1 &&
    el(
      'select',
      { id: 'import-sheet', 'data-testid': 'import-sheet' },
      preview.sheets.map((s) =>
        el('option', { value: s.name }, [s.hidden ? `${s.name} ${ui('hiddenSheet')}` : s.name]),
      ),
    );
  const headerSelect = el(
    'select',
    { id: 'import-header-row', 'data-testid': 'import-header-row' },
    preview.records.map((r) =>
      el('option', { value: r.line }, [`${r.line}: ${clip(r.cells.filter((c) => c.trim()).join(' · '), 60)}`]),
    ),
  );
  headerSelect.value = String(preview.headerRow);
  const layoutKinds = [...new Set<LayoutKind>(['long', ...preview.layouts, ...(layout ? [layout.kind] : [])])];
  const layoutSelect = el(
    'select',
    { id: 'import-layout', 'data-testid': 'import-layout' },
    layoutKinds.map((k) => el('option', { value: k }, [layoutName(k, lang)])),
  );
  layoutSelect.value = layout?.kind ?? 'long';
  const yearFromName = preview.yearFromName;
  const year = el('input', {
    id: 'import-year',
    type: 'number',
    inputmode: 'numeric',
    min: 1990,
    max: 2100,
    value: initial.year ?? yearFromName ?? '',
    'data-testid': 'import-year',
  });
  const yearNote = el('span', { class: 'panel-note', 'data-testid': 'import-year-source' });
  const noteYear = () =>
    (yearNote.textContent = yearFromName !== null && typedYear(year) === yearFromName ? ui('yearFromName') : '');
  year.addEventListener('input', noteYear);
  noteYear();
  const borders = el('select', { id: 'import-borders', 'data-testid': 'import-borders' }, [
    el('option', { value: 'by_year' }, [ui('bordersByYear')]),
    el('option', { value: 'current' }, [ui('bordersCurrent')]),
  ]);
  borders.value = initial.borders ?? 'by_year';
  const measureName = el('input', {
    id: 'import-measure',
    type: 'text',
    value: initial.measureName ?? preview.measureName,
    'data-testid': 'import-measure',
  });
  const additive = el('input', { id: 'import-additive', type: 'checkbox', 'data-testid': 'import-additive' });
  additive.checked = initial.additive ?? true;

  const kept = (): Partial<MappingChoice> => ({
    year: typedYear(year),
    borders: borders.value as Borders,
    measureName: measureName.value,
    additive: additive.checked,
  });
  if (sheetSelect) {
    sheetSelect.value = sheet ?? '';
    sheetSelect.addEventListener('change', () => actions.preview({ sheet: sheetSelect.value }, kept()));
  }
  headerSelect.addEventListener('change', () =>
    actions.preview({ sheet, headerRow: Number(headerSelect.value) }, kept()),
  );
  layoutSelect.addEventListener('change', () =>
    actions.preview({ sheet, headerRow: preview.headerRow, layout: layoutSelect.value as LayoutKind }, kept()),
  );

  const kindSelect = el('select', { id: 'import-kind', 'data-testid': 'import-kind', disabled: layout !== null }, [
    el('option', { value: 'flows' }, [t('import.kindFlows')]),
    el('option', { value: 'figures' }, [t('import.kindFigures')]),
  ]);
  kindSelect.value = kind;
  const fieldset = el('fieldset', { class: 'import-mapping' });
  const measureRow = el('div', { class: 'import-measure' });
  let selects: { field: string; select: HTMLSelectElement }[] = [];
  const renderFields = () => {
    const guess = (kind === 'flows' ? preview.guesses.flows : preview.guesses.figures) as ColumnGuess<string>;
    const spread = SPREAD_FIELDS[layout?.kind ?? 'long'];
    const fields = (kind === 'flows' ? FLOW_FIELDS : FIGURE_FIELDS).filter((f) => !spread.includes(f));
    const chosen: Record<string, number | undefined> = layout
      ? (layout.mapping as Record<string, number>)
      : initial.kind === kind && initial.mapping
        ? initial.mapping
        : guess.mapping;
    selects = fields.map((field) => {
      const select = el('select', { id: `map-${field}`, 'data-testid': `map-${field}` }, [
        el('option', { value: '' }, [t('import.none')]),
        ...preview.header.map((h, i) => el('option', { value: i }, [h || `#${i + 1}`])),
      ]);
      select.value = chosen[field] === undefined ? '' : String(chosen[field]);
      return { field, select };
    });
    fieldset.replaceChildren(
      el('legend', {}, [t('import.columns')]),
      ...selects.flatMap(({ field, select }) => [
        el('label', { for: `map-${field}` }, [
          t(`import.field.${field}` as MessageKey),
          REQUIRED[field] && !(field === 'year' && layout) ? ' *' : '',
        ]),
        select,
      ]),
    );
    measureRow.replaceChildren(
      ...(kind === 'figures' && layout?.kind !== 'measures'
        ? [el('label', { for: 'import-measure' }, [t('import.measureName')]), measureName]
        : []),
      ...(kind === 'figures' ? [el('label', { class: 'check' }, [additive, ' ', t('import.additive')])] : []),
    );
  };
  kindSelect.addEventListener('change', () => {
    kind = kindSelect.value as 'flows' | 'figures';
    renderFields();
  });
  renderFields();

  const problem = el('p', { class: 'import-problem', role: 'alert', 'data-testid': 'import-problem' });
  const go = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-start' }, [t('import.start')]);
  go.addEventListener('click', () => {
    const mapping: Record<string, number> = {};
    for (const { field, select } of selects) if (select.value !== '') mapping[field] = Number(select.value);
    const yearGiven = typedYear(year);
    const missing = selects
      .filter(({ field, select }) => REQUIRED[field] && select.value === '')
      .filter(({ field }) => !(field === 'year' && (yearGiven !== undefined || layout !== null)))
      .map((s) => t(`import.field.${s.field}` as MessageKey));
    if (missing.length) {
      problem.textContent = t('import.missingColumns', { columns: missing.join(', ') });
      return;
    }
    actions.read({
      kind,
      mapping,
      measureName: measureName.value.trim() || preview.measureName,
      additive: additive.checked,
      layout: layout ? { ...layout, mapping } : null,
      ...(mapping.year === undefined && yearGiven !== undefined ? { year: yearGiven } : {}),
      borders: borders.value as Borders,
      ...(sheet !== undefined ? { sheet } : {}),
      headerRow: preview.headerRow,
    });
  });
  const cancel = el('button', { type: 'button' }, [t('present.cancel')]);
  cancel.addEventListener('click', actions.cancel);

  const labelled = (id: string, label: string, control: HTMLElement, extra?: Node) =>
    el('div', { class: 'import-control' }, [el('label', { for: id }, [label]), control, extra ?? null]);
  return [
    el('p', { class: 'panel-note', 'data-testid': 'import-detected' }, [
      preview.format === 'text'
        ? t('import.detected', {
            delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter,
            encoding: preview.encoding,
          })
        : `Excel (.${preview.format})`,
    ]),
    preview.notes.length > 0 &&
      el(
        'ul',
        { class: 'import-notes', 'aria-label': ui('workbookNotes'), 'data-testid': 'import-workbook-notes' },
        preview.notes.map((n) => el('li', {}, [formatImportProblem(n, lang)])),
      ),
    el('div', { class: 'import-controls' }, [
      sheetSelect ? labelled('import-sheet', ui('sheet'), sheetSelect) : null,
      labelled('import-header-row', ui('headerRow'), headerSelect),
      labelled('import-layout', ui('layout'), layoutSelect),
      labelled('import-kind', t('import.kind'), kindSelect),
      labelled('import-year', ui('yearForFile'), year, yearNote),
      labelled('import-borders', ui('borders'), borders),
    ]),
    preview.titles.length > 0 &&
      el('details', { class: 'import-titles', 'data-testid': 'import-titles' }, [
        el('summary', {}, [`${ui('titles')}: ${preview.titles.length}`]),
        el(
          'ul',
          {},
          preview.titles.map((r) => el('li', {}, [`${r.line}: ${r.text}`])),
        ),
      ]),
    layout !== null &&
      el('p', { class: 'panel-note', 'data-testid': 'import-spread' }, [
        `${ui('layoutSpread')}: ${layout.spread.map((s) => spreadLabel(s, lang)).join(', ')}`,
      ]),
    el('div', { class: 'import-preview', tabindex: 0, 'data-testid': 'import-preview' }, [
      el('table', { class: 'data-table import-sample' }, [
        el('thead', {}, [
          el(
            'tr',
            {},
            preview.header.map((h) => el('th', { scope: 'col' }, [h])),
          ),
        ]),
        el(
          'tbody',
          {},
          preview.rows.slice(0, SAMPLE_ROWS).map((row) =>
            el(
              'tr',
              {},
              row.map((c) => el('td', {}, [c])),
            ),
          ),
        ),
      ]),
    ]),
    fieldset,
    measureRow,
    problem,
    el('div', { class: 'dialog-buttons' }, [go, cancel]),
  ];
}
