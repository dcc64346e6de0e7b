// @vitest-environment happy-dom
/** The page side of the dataset store: what the user is told when storage fails, in their language. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { builtInData } from '../core/view/test-data';
import { testStore } from '../ui/test-store';
import { NoticeArea } from '../ui/notice';
import { DataManager } from './data-manager';
import { createMemoryDatasetStore, type DatasetStore } from './dataset-store';

/** A store whose every operation fails as a broken IndexedDB does. */
function failingStore(): DatasetStore {
  const fail = () => Promise.reject(new DOMException('The transaction was aborted.', 'UnknownError'));
  const memory = createMemoryDatasetStore();
  return {
    ...memory,
    list: fail,
    get: fail,
    getSetting: fail,
    putSetting: fail,
    rename: fail,
    remove: fail,
    restore: fail,
  };
}

const notices = (area: NoticeArea) =>
  [...area.element.querySelectorAll('[data-testid="notice"] span')].map((s) => s.textContent);

// Each failure is also logged for developers; the test reads what the user is told.
beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));

describe('storage failures', () => {
  it('are said in the notice area in the user’s language, once per kind, and the map works on', async () => {
    const store = testStore({ lang: 'ru', dataset: 'user-kept-1' });
    const area = new NoticeArea();
    const data = new DataManager(store, builtInData(), area, async () => failingStore());
    await data.start();
    expect(await data.savedSettings()).toBeUndefined();
    await data.savedSettings();
    expect(notices(area)).toEqual([
      'Хранилище браузера не смогло прочитать сопоставления регионов; карта работает и без него.',
      'Хранилище браузера не смогло получить список наборов данных; карта работает и без него.',
      'Хранилище браузера не смогло прочитать набор данных; карта работает и без него.',
      'Ссылка ведёт к набору данных «user-kept-1», которого нет в этом браузере. Показаны встроенные данные.',
      'Хранилище браузера не смогло прочитать сохранённые настройки; карта работает и без него.',
    ]);
    // The built-in data is shown.
    expect(store.get().dataset).toBeNull();
  });

  it('of a settings write are said in Kazakh too', async () => {
    const store = testStore({ lang: 'kk' });
    const area = new NoticeArea();
    const data = new DataManager(store, builtInData(), area, async () => failingStore());
    await data.start();
    data.keepSettings((s) => s.topN, String);
    store.set({ topN: 10 });
    await new Promise((r) => setTimeout(r));
    expect(notices(area)).toContain('Браузер қоймасы баптауларды сақтай алмады; карта онсыз да жұмыс істей береді.');
  });
});

describe('changes made before the store opens', () => {
  it('are written once it has opened, not lost in between (the map draws before it opens)', async () => {
    const store = testStore({ lang: 'en' });
    const kept = createMemoryDatasetStore();
    let open!: (s: DatasetStore) => void;
    const opening = new Promise<DatasetStore>((resolve) => (open = resolve));
    const data = new DataManager(store, builtInData(), new NoticeArea(), () => opening);
    data.keepSettings((s) => s.topN, String);
    const started = data.start();
    store.set({ topN: 10 });
    await new Promise((r) => setTimeout(r));
    expect(await kept.getSetting('view')).toBeUndefined();
    open(kept);
    await started;
    await new Promise((r) => setTimeout(r));
    expect(await data.savedSettings()).toBe('10');
  });
});
