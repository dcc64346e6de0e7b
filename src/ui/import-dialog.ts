/**
 * The import dialog: the mapping step (import-mapping.ts), progress with a
 * cancel button, the summary (import-summary.ts), and the boundary join. It
 * shows what it is given and reports choices; the import itself runs in a
 * worker (src/import/import-client.ts).
 */
import type { TablePreview } from '../import/import-types';
import type { ImportProgress } from '../import/import-types';
import type { ImportLang } from '../i18n/import-messages';
import { Dialog } from './dialog';
import { el } from './dom';
import { mappingView, type MappingActions, type MappingChoice, type T } from './import-mapping';
import { summaryView, type SummaryActions, type SummaryView } from './import-summary';

export type { MappingChoice, PreviewChange } from './import-mapping';
export type { SummaryView } from './import-summary';

export interface BoundaryChoiceView {
  file: string;
  features: number;
  candidates: { property: string; matched: number; sample: string[] }[];
  issues: string[];
}

const MAX_ISSUES_SHOWN = 50;

export class ImportDialog {
  readonly dialog: Dialog;

  /** `onClose`: the dialog was closed (Escape, ×, Cancel); whatever runs is cancelled. */
  constructor(onClose: () => void) {
    this.dialog = new Dialog('import', 'import-dialog', onClose);
    // Sized for a projector's 1280×720 and a phone: the preview and lists scroll inside (styles.css).
    this.dialog.element.classList.add('import-dialog');
  }

  showMapping(
    preview: TablePreview,
    t: T,
    lang: ImportLang,
    actions: Omit<MappingActions, 'cancel'>,
    initial?: Partial<MappingChoice>,
  ): void {
    const content = mappingView(preview, t, lang, { ...actions, cancel: () => this.dialog.close() }, initial);
    this.dialog.set(t('import.title', { file: preview.fileName }), t('panel.close'), content);
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

  showSummary(view: SummaryView, t: T, lang: ImportLang, actions: SummaryActions): void {
    this.dialog.set(
      t('import.summaryTitle', { file: view.file }),
      t('panel.close'),
      summaryView(view, t, lang, actions),
    );
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
