/**
 * Notes on the map: maplibre markers whose text is set as text (drawn above
 * deck.gl's canvas: styles.css), a small form to write one where the
 * presenter clicked, and a delete button on each. The form lies above the
 * whole map and its tooltip, outside the map, so that its clicks never reach
 * the regions beneath.
 */
import * as maplibregl from 'maplibre-gl';
import type { Translator } from '../i18n';
import { MAX_NOTE_LENGTH, type Note } from '../state/notes';
import { el } from './dom';

export class NotesLayer {
  private markers = new Map<string, maplibregl.Marker>();
  private editor: HTMLElement | null = null;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly onDelete: (id: string) => void,
  ) {}

  render(notes: readonly Note[], t: Translator): void {
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
    for (const note of notes) {
      const remove = el('button', { type: 'button', class: 'note-delete', 'aria-label': t('present.deleteNote') }, [
        '×',
      ]);
      remove.addEventListener('click', (e) => {
        e.stopPropagation();
        this.onDelete(note.id);
      });
      const element = el('div', { class: 'note', 'data-testid': 'note', role: 'note' }, [
        el('span', { class: 'note-text' }, [note.text]),
        remove,
      ]);
      this.markers.set(
        note.id,
        new maplibregl.Marker({ element, anchor: 'bottom-left' }).setLngLat([note.lon, note.lat]).addTo(this.map),
      );
    }
  }

  /** Opens the form at a place; resolves with the text, or null if cancelled. */
  edit(lon: number, lat: number, t: Translator): Promise<string | null> {
    this.editor?.remove();
    return new Promise((resolve) => {
      const input = el('textarea', {
        maxlength: MAX_NOTE_LENGTH,
        rows: 3,
        placeholder: t('present.notePlaceholder'),
        'aria-label': t('present.notePlaceholder'),
        'data-testid': 'note-input',
      });
      const save = el('button', { type: 'button', 'data-testid': 'note-save' }, [t('present.saveNote')]);
      const cancel = el('button', { type: 'button' }, [t('present.cancel')]);
      const at = this.map.project([lon, lat]);
      const box = this.map.getContainer().getBoundingClientRect();
      const form = el('div', { class: 'note-editor', 'data-testid': 'note-editor', role: 'dialog' }, [
        input,
        el('div', {}, [save, cancel]),
      ]);
      // Placed at the click, kept inside the window.
      form.style.left = `${Math.max(8, Math.min(box.left + at.x, window.innerWidth - 260))}px`;
      form.style.top = `${Math.max(8, Math.min(box.top + at.y, window.innerHeight - 160))}px`;
      const done = (value: string | null) => {
        this.editor?.remove();
        this.editor = null;
        resolve(value);
      };
      save.addEventListener('click', () => done(input.value.trim() || null));
      cancel.addEventListener('click', () => done(null));
      input.addEventListener('keydown', (e) => {
        e.stopPropagation();
        if (e.key === 'Escape') done(null);
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          done(input.value.trim() || null);
        }
      });
      this.editor = form;
      document.body.append(form);
      input.focus();
    });
  }
}
