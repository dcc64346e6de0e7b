/**
 * The datasets: the built-in data and the user's imports, which one is shown,
 * rename, delete (with undo), export as CSV, and the way in: a file picker and
 * dropping a file anywhere on the page.
 */
import type { MessageKey, Translator } from '../i18n';
import { el, replace } from './dom';

export interface DatasetItem {
  id: string;
  name: string;
  kind: 'flows' | 'figures' | 'boundaries' | 'places';
  rowCount: number;
  created: string;
}

export interface DataActions {
  choose(id: string | null): void;
  importFile(file: File): void;
  rename(id: string, name: string): void;
  remove(id: string): void;
  exportCsv(id: string): void;
}

export class DataPanel {
  readonly element = el('details', { class: 'data-panel panel', 'data-testid': 'data-panel' });
  private readonly dropZone: HTMLElement;
  /** The dataset whose name is being edited in place. */
  private renaming: string | null = null;
  private last: { items: DatasetItem[]; active: string | null; persistent: boolean; t: Translator } | null = null;

  constructor(private readonly actions: DataActions) {
    // Dropping a file anywhere on the page imports it; the overlay says where it will go.
    this.dropZone = el('div', { class: 'drop-zone', hidden: true, 'data-testid': 'drop-zone' });
    document.body.append(this.dropZone);
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    document.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      depth++;
      this.dropZone.hidden = false;
    });
    document.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.dropZone.hidden = true;
    });
    document.addEventListener('dragover', (e) => {
      if (hasFiles(e)) e.preventDefault();
    });
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      this.dropZone.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (file) this.actions.importFile(file);
    });
  }

  render(items: DatasetItem[], active: string | null, persistent: boolean, t: Translator): void {
    this.last = { items, active, persistent, t };
    const open = this.element.open;
    this.dropZone.textContent = t('data.drop');
    const input = el('input', {
      type: 'file',
      accept: '.csv,.tsv,.txt,.json,.geojson,.topojson,text/csv,application/json',
      class: 'visually-hidden',
      tabindex: -1,
      'data-testid': 'data-file',
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) this.actions.importFile(file);
    });
    const pick = el('button', { type: 'button', 'data-testid': 'data-import' }, [t('data.import')]);
    pick.addEventListener('click', () => input.click());
    const row = (item: DatasetItem | null) => {
      const id = item?.id ?? null;
      const isActive = id === active;
      const show = el(
        'button',
        { type: 'button', 'aria-pressed': String(isActive), 'data-testid': `dataset-${id ?? 'builtin'}` },
        [item ? item.name : t('data.builtIn')],
      );
      show.addEventListener('click', () => this.actions.choose(id));
      if (!item) return el('li', {}, [show]);
      if (this.renaming === item.id) {
        const input = el('input', {
          type: 'text',
          value: item.name,
          'aria-label': t('data.renamePrompt'),
          'data-testid': `rename-input-${id}`,
        });
        const done = (save: boolean) => {
          this.renaming = null;
          if (save && input.value.trim() && input.value.trim() !== item.name)
            this.actions.rename(item.id, input.value.trim());
          else this.rerender();
        };
        input.addEventListener('keydown', (e) => {
          e.stopPropagation();
          if (e.key === 'Enter') done(true);
          if (e.key === 'Escape') done(false);
        });
        input.addEventListener('blur', () => this.renaming === item.id && done(true));
        queueMicrotask(() => input.focus());
        return el('li', {}, [input]);
      }
      const rename = el(
        'button',
        { type: 'button', 'aria-label': t('data.rename', { name: item.name }), 'data-testid': `rename-${id}` },
        ['✎'],
      );
      rename.addEventListener('click', () => {
        this.renaming = item.id;
        this.rerender();
      });
      const exportCsv = el(
        'button',
        { type: 'button', 'aria-label': t('data.export', { name: item.name }), 'data-testid': `export-${id}` },
        ['⇩'],
      );
      exportCsv.addEventListener('click', () => this.actions.exportCsv(item.id));
      const remove = el(
        'button',
        { type: 'button', 'aria-label': t('data.delete', { name: item.name }), 'data-testid': `delete-${id}` },
        ['×'],
      );
      remove.addEventListener('click', () => this.actions.remove(item.id));
      return el('li', {}, [
        show,
        el('span', { class: 'dataset-meta' }, [
          t(`data.kind.${item.kind}` as MessageKey),
          ` · ${item.rowCount.toLocaleString()}`,
        ]),
        el('span', { class: 'dataset-actions' }, [rename, exportCsv, remove]),
      ]);
    };
    replace(this.element, [
      el('summary', {}, [t('data.title')]),
      el('ul', { class: 'dataset-list', 'data-testid': 'dataset-list' }, [row(null), ...items.map(row)]),
      el('span', { class: 'file-button' }, [pick, input]),
      el('p', { class: 'panel-note' }, [t('data.hint')]),
      !persistent && el('p', { class: 'panel-note warn', 'data-testid': 'storage-off' }, [t('data.notSaved')]),
    ]);
    this.element.open = open;
  }

  private rerender(): void {
    if (this.last) this.render(this.last.items, this.last.active, this.last.persistent, this.last.t);
  }
}
