/**
 * What the page says about working offline, in the three languages: a new
 * version waits (offered, never forced: reloading keeps the view, which is
 * in the link), the map is saved for use without internet, and what the
 * single file cannot do.
 */
import type { BootLang } from '../boot/language';

export interface OfflineMessages {
  updateReady: string;
  updateKeeps: string;
  reload: string;
  later: string;
  offlineReady: string;
  singleFile: string;
  close: string;
}

export const OFFLINE_MESSAGES: Record<BootLang, OfflineMessages> = {
  en: {
    updateReady: 'A new version of the map is ready.',
    updateKeeps: 'Reloading keeps this view and story step.',
    reload: 'Reload',
    later: 'Later',
    offlineReady: 'The map is saved in this browser: it now opens without internet.',
    singleFile:
      'This is the single-file copy of the map. It works without internet, but it cannot be installed and does not update itself: for a newer version, copy the newer file or open the map’s web address.',
    close: 'Close',
  },
  ru: {
    updateReady: 'Готова новая версия карты.',
    updateKeeps: 'После перезагрузки этот вид и шаг истории сохранятся.',
    reload: 'Перезагрузить',
    later: 'Позже',
    offlineReady: 'Карта сохранена в этом браузере: теперь она открывается без интернета.',
    singleFile:
      'Это однофайловая копия карты. Она работает без интернета, но её нельзя установить, и она не обновляется сама: для новой версии скопируйте новый файл или откройте веб-адрес карты.',
    close: 'Закрыть',
  },
  kk: {
    updateReady: 'Картаның жаңа нұсқасы дайын.',
    updateKeeps: 'Қайта жүктегенде осы көрініс пен оқиға қадамы сақталады.',
    reload: 'Қайта жүктеу',
    later: 'Кейінірек',
    offlineReady: 'Карта осы браузерде сақталды: енді ол интернетсіз ашылады.',
    singleFile:
      'Бұл картаның бір файлдық көшірмесі. Ол интернетсіз жұмыс істейді, бірақ оны орнатуға болмайды және ол өздігінен жаңармайды: жаңа нұсқа үшін жаңа файлды көшіріңіз немесе картаның веб-мекенжайын ашыңыз.',
    close: 'Жабу',
  },
};
