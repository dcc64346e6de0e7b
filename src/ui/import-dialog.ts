/**
 * The import dialog: column mapping with the guesses filled in, progress with
 * a cancel button, then a summary that names file, line and reason of every
 * problem, lets the user map unmatched names by hand, and imports the valid
 * rows only when asked. It shows what it is given and reports choices; the
 * import itself runs in a worker (src/import/import-client.ts).
 */
import type { ColumnGuess } from '../import/columns';
import type { ImportProgress, TablePreview } from '../import/import-core';
import type { NameCount } from '../import/validate-rows';
import type { MessageKey } from '../i18n';
import { Dialog } from './dialog';
import { el } from './dom';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface MappingChoice {
  kind: 'flows' | 'figures';
  /** field -> column index */
  mapping: Record<string, number>;
  measureName: string;
  additive: boolean;
}

export interface SummaryView {
  file: string;
  rowsRead: number;
  rowsValid: number;
  issueCount: number;
  /** "file:line: reason" lines, first ones only. */
  issues: string[];
  unmatched: (NameCount & { candidates: string[] })[];
  fatal: string | null;
  /** Units the user can map a name to: code and name. */
  units: { code: string; name: string }[];
}

export interface BoundaryChoiceView {
  file: string;
  features: number;
  candidates: { property: string; matched: number; sample: string[] }[];
  issues: string[];
}

const FLOW_FIELDS = ['origin', 'destination', 'year', 'count', 'period', 'source', 'note'] as const;
const FIGURE_FIELDS = ['region', 'year', 'value', 'measure', 'unit'] as const;
const REQUIRED: Record<string, boolean> = {
  origin: true,
  destination: true,
  year: true,
  count: true,
  region: true,
  value: true,
};
const MAX_ISSUES_SHOWN = 50;

export class ImportDialog {
  readonly dialog: Dialog;

  /** `onClose`: the dialog was closed (Escape, ×, Cancel); whatever runs is cancelled. */
  constructor(onClose: () => void) {
    this.dialog = new Dialog('import', 'import-dialog', onClose);
  }

  showMapping(
    preview: TablePreview,
    t: T,
    onImport: (choice: MappingChoice) => void,
    initial?: Partial<MappingChoice>,
  ): void {
    let kind: 'flows' | 'figures' = initial?.kind ?? preview.kind ?? 'flows';
    const render = () => {
      const guess = (kind === 'flows' ? preview.guesses.flows : preview.guesses.figures) as ColumnGuess<string>;
      const fields = kind === 'flows' ? FLOW_FIELDS : FIGURE_FIELDS;
      const selects = fields.map((field) => {
        const select = el('select', { id: `map-${field}`, 'data-testid': `map-${field}` }, [
          el('option', { value: '' }, [t('import.none')]),
          ...preview.header.map((h, i) => el('option', { value: i }, [h || `#${i + 1}`])),
        ]);
        const chosen = initial?.kind === kind ? initial.mapping?.[field] : guess.mapping[field];
        select.value = chosen === undefined ? '' : String(chosen);
        return { field, select };
      });
      const kindSelect = el('select', { id: 'import-kind', 'data-testid': 'import-kind' }, [
        el('option', { value: 'flows' }, [t('import.kindFlows')]),
        el('option', { value: 'figures' }, [t('import.kindFigures')]),
      ]);
      kindSelect.value = kind;
      kindSelect.addEventListener('change', () => {
        kind = kindSelect.value as 'flows' | 'figures';
        render();
      });
      const measureName = el('input', {
        id: 'import-measure',
        type: 'text',
        value: initial?.measureName ?? preview.fileName.replace(/\.[^.]+$/, ''),
        'data-testid': 'import-measure',
      });
      const additive = el('input', { id: 'import-additive', type: 'checkbox', 'data-testid': 'import-additive' });
      additive.checked = initial?.additive ?? true;
      const problem = el('p', { class: 'import-problem', role: 'alert', 'data-testid': 'import-problem' });
      const go = el('button', { type: 'button', class: 'primary', 'data-testid': 'import-start' }, [t('import.start')]);
      go.addEventListener('click', () => {
        const mapping: Record<string, number> = {};
        for (const { field, select } of selects) if (select.value !== '') mapping[field] = Number(select.value);
        const missing = selects
          .filter(({ field, select }) => REQUIRED[field] && select.value === '')
          .map((s) => t(`import.field.${s.field}` as MessageKey));
        if (missing.length) {
          problem.textContent = t('import.missingColumns', { columns: missing.join(', ') });
          return;
        }
        onImport({
          kind,
          mapping,
          measureName: measureName.value.trim() || preview.fileName,
          additive: additive.checked,
        });
      });
      const cancel = el('button', { type: 'button' }, [t('present.cancel')]);
      cancel.addEventListener('click', () => this.dialog.close());
      this.dialog.set(t('import.title', { file: preview.fileName }), t('panel.close'), [
        el('p', { class: 'panel-note' }, [
          t('import.detected', {
            delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter,
            encoding: preview.encoding,
          }),
        ]),
        el('label', { for: 'import-kind' }, [t('import.kind')]),
        kindSelect,
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
            preview.rows.slice(0, 5).map((row) =>
              el(
                'tr',
                {},
                row.map((c) => el('td', {}, [c])),
              ),
            ),
          ),
        ]),
        el('fieldset', { class: 'import-mapping' }, [
          el('legend', {}, [t('import.columns')]),
          ...selects.flatMap(({ field, select }) => [
            el('label', { for: `map-${field}` }, [
              t(`import.field.${field}` as MessageKey),
              REQUIRED[field] ? ' *' : '',
            ]),
            select,
          ]),
        ]),
        kind === 'figures' && el('label', { for: 'import-measure' }, [t('import.measureName')]),
        kind === 'figures' && measureName,
        kind === 'figures' && el('label', { class: 'check' }, [additive, ' ', t('import.additive')]),
        problem,
        el('div', { class: 'dialog-buttons' }, [go, cancel]),
      ]);
    };
    render();
    if (!this.dialog.isOpen) this.dialog.open();
  }

  showProgress(file: string, t: T, onCancel: () => void): (p: ImportProgress) => void {
    const bar = el('progress', {
      max: 1,
      value: 0,
      'data-testid': 'import-progress',
      'aria-label': t('import.reading'),
    });
    const rows = el('p', { 'data-testid': 'import-rows', 'aria-live': 'polite' }, [t('import.rowsRead', { rows: 0 })]);
    const cancel = el('button', { type: 'button', 'data-testid': 'import-cancel' }, [t('present.cancel')]);
    cancel.addEventListener('click', onCancel);
    this.dialog.set(t('import.reading'), t('panel.close'), [el('p', {}, [file]), bar, rows, cancel]);
    if (!this.dialog.isOpen) this.dialog.open();
    cancel.focus();
    return (p) => {
      if (p.fraction !== null) bar.value = p.fraction;
      else bar.removeAttribute('value');
      rows.textContent = t('import.rowsRead', { rows: p.rowsRead.toLocaleString() });
    };
  }

  showSummary(
    view: SummaryView,
    t: T,
    actions: { importValid(): void; remap(manual: Record<string, string>): void; cancel(): void },
  ): void {
    const button = (label: string, action: () => void, testid: string, disabled = false) => {
      const b = el('button', { type: 'button', 'data-testid': testid, ...(disabled ? { disabled: true } : {}) }, [
        label,
      ]);
      b.addEventListener('click', action);
      return b;
    };
    const mappers = view.unmatched.slice(0, 30).map((name, i) => {
      const select = el('select', { id: `unmatched-${i}`, 'data-testid': 'unmatched-select' }, [
        el('option', { value: '' }, [t('import.leaveUnmatched')]),
        ...view.units.map((u) => el('option', { value: u.code }, [`${u.name} (${u.code})`])),
      ]);
      if (name.candidates.length === 1) select.value = name.candidates[0]!;
      return { name, select, i };
    });
    const valid = view.rowsValid;
    this.dialog.set(t('import.summaryTitle', { file: view.file }), t('panel.close'), [
      view.fatal
        ? el('p', { class: 'import-problem', role: 'alert', 'data-testid': 'import-fatal' }, [view.fatal])
        : el('p', { 'data-testid': 'import-summary' }, [
            t('import.summary', {
              read: view.rowsRead,
              valid,
              invalid: view.rowsRead - valid,
              issues: view.issueCount,
            }),
          ]),
      view.issues.length > 0 && el('h3', {}, [t('import.problems')]),
      view.issues.length > 0 &&
        el(
          'ul',
          { class: 'import-issues', 'data-testid': 'import-issues' },
          view.issues.slice(0, MAX_ISSUES_SHOWN).map((line) => el('li', {}, [line])),
        ),
      view.issueCount > Math.min(view.issues.length, MAX_ISSUES_SHOWN) &&
        el('p', { class: 'panel-note' }, [
          t('import.moreProblems', { n: view.issueCount - Math.min(view.issues.length, MAX_ISSUES_SHOWN) }),
        ]),
      mappers.length > 0 && el('h3', {}, [t('import.unmatched')]),
      mappers.length > 0 &&
        el(
          'div',
          { class: 'import-unmatched' },
          mappers.flatMap(({ name, select, i }) => [
            el('label', { for: `unmatched-${i}`, 'data-testid': 'unmatched-name' }, [`${name.text} (${name.count})`]),
            select,
          ]),
        ),
      el('div', { class: 'dialog-buttons' }, [
        mappers.length > 0 &&
          button(
            t('import.remap'),
            () => {
              const manual: Record<string, string> = {};
              for (const { name, select } of mappers) if (select.value) manual[name.text] = select.value;
              actions.remap(manual);
            },
            'import-remap',
          ),
        button(
          t('import.importValid', { n: valid }),
          actions.importValid,
          'import-valid',
          valid === 0 || view.fatal !== null,
        ),
        button(t('import.fixFile'), actions.cancel, 'import-discard'),
      ]),
    ]);
    if (!this.dialog.isOpen) this.dialog.open();
  }

  showBoundaryChoice(view: BoundaryChoiceView, t: T, onJoin: (property: string) => void): void {
    const select = el(
      'select',
      { id: 'join-property', 'data-testid': 'join-property' },
      view.candidates.map((c) =>
        el('option', { value: c.property }, [
          `${c.property} — ${t('import.joinMatched', { n: c.matched, of: view.features })}: ${c.sample.slice(0, 3).join(', ')}`,
        ]),
      ),
    );
    const go = el(
      'button',
      { type: 'button', 'data-testid': 'join-start', ...(view.candidates.length ? {} : { disabled: true }) },
      [t('import.join')],
    );
    go.addEventListener('click', () => onJoin(select.value));
    const cancel = el('button', { type: 'button' }, [t('present.cancel')]);
    cancel.addEventListener('click', () => this.dialog.close());
    this.dialog.set(t('import.title', { file: view.file }), t('panel.close'), [
      el('p', {}, [t('import.boundaryFeatures', { n: view.features })]),
      view.candidates.length
        ? el('label', { for: 'join-property' }, [t('import.joinBy')])
        : el('p', { class: 'import-problem', role: 'alert' }, [t('import.noJoinProperty')]),
      view.candidates.length > 0 && select,
      view.issues.length > 0 &&
        el(
          'ul',
          { class: 'import-issues' },
          view.issues.slice(0, MAX_ISSUES_SHOWN).map((l) => el('li', {}, [l])),
        ),
      el('div', { class: 'dialog-buttons' }, [go, cancel]),
    ]);
    if (!this.dialog.isOpen) this.dialog.open();
  }

  showError(message: string, t: T): void {
    const close = el('button', { type: 'button' }, [t('panel.close')]);
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.set(t('import.failed'), t('panel.close'), [
      el('p', { class: 'import-problem', role: 'alert', 'data-testid': 'import-error' }, [message]),
      close,
    ]);
    if (!this.dialog.isOpen) this.dialog.open();
  }
}
