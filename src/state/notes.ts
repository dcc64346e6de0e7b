/**
 * Presenter notes pinned to places on the map, kept in the browser
 * (localStorage) so they survive a reload, and exported/imported as a JSON
 * file. An imported file is validated whole: a bad file changes nothing.
 */

export const NOTES_FORMAT = 'kz-migration-notes';
export const NOTES_VERSION = 1;
const STORAGE_KEY = 'kz-migration-map.notes.v1';
const MAX_NOTES = 500;
export const MAX_NOTE_LENGTH = 280;

export interface Note {
  id: string;
  lon: number;
  lat: number;
  text: string;
  created: string;
}

export type NotesResult = { ok: true; notes: Note[] } | { ok: false; error: string };

/** Validates untrusted notes (a parsed file or stored JSON). */
export function parseNotes(input: unknown): NotesResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: 'not a notes file' };
  const o = input as Record<string, unknown>;
  if (o.format !== NOTES_FORMAT || o.version !== NOTES_VERSION)
    return { ok: false, error: `not a notes file (format "${NOTES_FORMAT}", version ${NOTES_VERSION})` };
  if (!Array.isArray(o.notes) || o.notes.length > MAX_NOTES)
    return { ok: false, error: `"notes" must be a list of at most ${MAX_NOTES} notes` };
  const notes: Note[] = [];
  for (const [i, raw] of o.notes.entries()) {
    const n = raw as Record<string, unknown>;
    const ok =
      typeof n === 'object' &&
      n !== null &&
      typeof n.id === 'string' &&
      n.id.length > 0 &&
      n.id.length <= 64 &&
      typeof n.lon === 'number' &&
      Math.abs(n.lon) <= 180 &&
      typeof n.lat === 'number' &&
      Math.abs(n.lat) <= 85 &&
      typeof n.text === 'string' &&
      n.text.trim() !== '' &&
      n.text.length <= MAX_NOTE_LENGTH &&
      typeof n.created === 'string';
    if (!ok)
      return {
        ok: false,
        error: `note ${i + 1} is malformed (needs id, lon, lat, text up to ${MAX_NOTE_LENGTH} characters, created)`,
      };
    notes.push({
      id: n.id as string,
      lon: n.lon as number,
      lat: n.lat as number,
      text: n.text as string,
      created: n.created as string,
    });
  }
  return { ok: true, notes };
}

export function serializeNotes(notes: readonly Note[]): string {
  return JSON.stringify({ format: NOTES_FORMAT, version: NOTES_VERSION, notes }, null, 2);
}

export class NotesStore {
  private notes: Note[] = [];
  /** False when the browser refuses storage (private mode, quota); notes then live for the session only. */
  persistent = true;

  constructor(private readonly storage: Storage | null = safeLocalStorage()) {
    const raw = this.storage?.getItem(STORAGE_KEY);
    if (raw) {
      try {
        const parsed = parseNotes(JSON.parse(raw));
        if (parsed.ok) this.notes = parsed.notes;
      } catch {
        /* unreadable storage: start empty, never throw at start-up */
      }
    }
    if (!this.storage) this.persistent = false;
  }

  list(): readonly Note[] {
    return this.notes;
  }

  add(lon: number, lat: number, text: string): Note {
    const note: Note = {
      id: `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      lon,
      lat,
      text: text.trim().slice(0, MAX_NOTE_LENGTH),
      created: new Date().toISOString(),
    };
    this.notes = [...this.notes, note];
    this.save();
    return note;
  }

  remove(id: string): void {
    this.notes = this.notes.filter((n) => n.id !== id);
    this.save();
  }

  /** Replaces the notes with a validated file's; returns the error and keeps the notes if it is bad. */
  importText(text: string): NotesResult {
    let parsed: NotesResult;
    try {
      parsed = parseNotes(JSON.parse(text));
    } catch {
      parsed = { ok: false, error: 'the file is not JSON' };
    }
    if (parsed.ok) {
      // Merge by id: an imported note replaces one with the same id, others are kept.
      const ids = new Set(parsed.notes.map((n) => n.id));
      this.notes = [...this.notes.filter((n) => !ids.has(n.id)), ...parsed.notes];
      this.save();
    }
    return parsed;
  }

  exportText(): string {
    return serializeNotes(this.notes);
  }

  private save(): void {
    try {
      this.storage?.setItem(STORAGE_KEY, serializeNotes(this.notes));
    } catch {
      this.persistent = false;
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    s.setItem('kz-migration-map.probe', '1');
    s.removeItem('kz-migration-map.probe');
    return s;
  } catch {
    return null;
  }
}
