import { describe, expect, it } from 'vitest';
import { NotesStore, parseNotes, serializeNotes } from './notes';

/** An in-memory Storage. */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

describe('notes', () => {
  it('survive a new store on the same storage (a reload)', () => {
    const storage = memoryStorage();
    const a = new NotesStore(storage);
    a.add(71.4, 51.1, 'Astana doubles by 2050?');
    const b = new NotesStore(storage);
    expect(b.list().map((n) => n.text)).toEqual(['Astana doubles by 2050?']);
  });

  it('round-trip through an exported file', () => {
    const a = new NotesStore(memoryStorage());
    a.add(76.9, 43.2, 'Almaty');
    const b = new NotesStore(memoryStorage());
    expect(b.importText(a.exportText())).toMatchObject({ ok: true });
    expect(b.list()).toEqual(a.list());
  });

  it('a bad file changes nothing and says why', () => {
    const store = new NotesStore(memoryStorage());
    store.add(1, 2, 'keep me');
    for (const text of [
      'not json',
      '{"format":"x"}',
      serializeNotes([{ id: 'a', lon: 999, lat: 0, text: 't', created: '' }]),
    ]) {
      const result = store.importText(text);
      expect(result.ok).toBe(false);
      expect(store.list().map((n) => n.text)).toEqual(['keep me']);
    }
  });

  it('keeps hostile text as plain data', () => {
    const store = new NotesStore(memoryStorage());
    const note = store.add(0, 0, '<img src=x onerror=alert(1)>');
    expect(note.text).toBe('<img src=x onerror=alert(1)>');
    expect(parseNotes(JSON.parse(store.exportText()))).toMatchObject({ ok: true });
  });

  it('works on without storage (private browsing)', () => {
    const store = new NotesStore(null);
    store.add(0, 0, 'session only');
    expect(store.persistent).toBe(false);
    expect(store.list()).toHaveLength(1);
  });
});
