/**
 * Notes pinned to places: "Add note" waits for a click on the map, a small
 * form takes the text, and the notes are kept (src/state/notes.ts), shown as
 * markers, exported and imported as a file.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { translatorOf, type AppStore } from '../state/app-state';
import { NotesStore } from '../state/notes';
import { download } from '../ui/download';
import type { NoticeArea } from '../ui/notice';
import { NotesLayer } from '../ui/notes-ui';

export class NotePins {
  readonly notes = new NotesStore();
  private layer: NotesLayer | null = null;
  private placing = false;
  /** Takes the "click the map" hint away: there is one at a time, gone once the note is placed. */
  private closeHint: (() => void) | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly notices: NoticeArea,
    /** Called when the number of notes changes (the panel shows it). */
    private readonly onChange: () => void,
  ) {
    store.subscribe(
      (s) => s.lang,
      () => this.render(),
    );
  }

  /** Called once the map exists: notes become markers. */
  attach(map: MapLibreMap): void {
    this.layer = new NotesLayer(map, (id) => {
      this.notes.remove(id);
      this.render();
    });
    this.render();
  }

  start(): void {
    const t = translatorOf(this.store.get());
    this.placing = true;
    document.body.classList.add('placing-note');
    this.closeHint?.();
    this.closeHint = this.notices.show(t('present.addNoteHint'), t('notice.dismiss'));
  }

  /** A map click while placing a note pins it there. Returns true if the click was used. */
  onMapClick(lon: number, lat: number): boolean {
    if (!this.placing || !this.layer) return false;
    this.placing = false;
    document.body.classList.remove('placing-note');
    this.closeHint?.();
    this.closeHint = null;
    const t = translatorOf(this.store.get());
    void this.layer.edit(lon, lat, t).then((text) => {
      if (!text) return;
      this.notes.add(lon, lat, text);
      if (!this.notes.persistent) this.notices.show(t('present.notesNotSaved'), t('notice.dismiss'), 'warning');
      this.render();
    });
    return true;
  }

  exportFile(): void {
    download(new Blob([this.notes.exportText()], { type: 'application/json' }), 'map-notes.json');
  }

  async importFile(file: File): Promise<void> {
    const t = translatorOf(this.store.get());
    const result = this.notes.importText(await file.text());
    if (result.ok) this.notices.show(t('present.notesImported', { n: result.notes.length }), t('notice.dismiss'));
    else
      this.notices.show(
        t('present.notesInvalid', { file: file.name, error: result.error }),
        t('notice.dismiss'),
        'warning',
      );
    this.render();
  }

  private render(): void {
    this.layer?.render(this.notes.list(), translatorOf(this.store.get()));
    this.onChange();
  }
}
