/**
 * What the page says before the app runs, or when it cannot: the loading
 * screen, and the problems found at start-up, each with what to do instead.
 * Short on purpose: these texts are built into the start-up script of the
 * page itself (build/boot.ts), which must be small.
 */
import type { BootLang } from './language';

export interface BootMessages {
  title: string;
  loading: string;
  drawing: string;
  /** Shown when loading takes long (a slow link). */
  slow: string;
  /** The normal build opened from a folder (file://), where browsers refuse its module scripts. */
  fileTitle: string;
  fileBody: string;
  /** No WebGL 2: the map cannot be drawn; the tables and panels still work. */
  noWebgl: string;
  /** The app's code did not arrive. */
  loadFailed: string;
  /** The app's code arrived but could not start; {reason} is the error, as text. */
  startFailed: string;
  reload: string;
  close: string;
}

/** The single file's name, as `npm run build:single` writes it (named in the file:// message). */
export const SINGLE_FILE_NAME = 'kazakhstan-migration-map.html';

export const BOOT_MESSAGES: Record<BootLang, BootMessages> = {
  en: {
    title: 'Kazakhstan migration map',
    loading: 'Loading the map…',
    drawing: 'Drawing the map…',
    slow: 'On a slow connection the first visit takes a while. After it, the map opens in this browser even without internet.',
    fileTitle: 'This copy of the map cannot be opened from a folder',
    fileBody: `Browsers do not run this version from a file on disk. Open the single-file version (${SINGLE_FILE_NAME}) instead: it opens by double-click, without internet. Or open the map from its web address.`,
    noWebgl:
      'This browser cannot draw the map: it has no WebGL 2, or it is switched off. Open the map in a recent Chrome, Edge, Firefox or Safari with hardware acceleration on. The tables still work.',
    loadFailed: 'The map could not load. Check the connection and reload the page.',
    startFailed:
      'The map could not start ({reason}). Reload the page; if this happens again, try another browser or the single-file version.',
    reload: 'Reload',
    close: 'Close',
  },
  ru: {
    title: 'Карта миграции Казахстана',
    loading: 'Загружается карта…',
    drawing: 'Карта отрисовывается…',
    slow: 'При медленном соединении первое открытие занимает время. После него карта открывается в этом браузере даже без интернета.',
    fileTitle: 'Эту копию карты нельзя открыть из папки',
    fileBody: `Браузеры не запускают эту версию из файла на диске. Откройте вместо неё однофайловую версию (${SINGLE_FILE_NAME}): она открывается двойным щелчком, без интернета. Или откройте карту по её веб-адресу.`,
    noWebgl:
      'Этот браузер не может нарисовать карту: в нём нет WebGL 2 или он отключён. Откройте карту в свежей версии Chrome, Edge, Firefox или Safari с включённым аппаратным ускорением. Таблицы продолжают работать.',
    loadFailed: 'Не удалось загрузить карту. Проверьте соединение и перезагрузите страницу.',
    startFailed:
      'Карта не смогла запуститься ({reason}). Перезагрузите страницу; если это повторится, попробуйте другой браузер или однофайловую версию.',
    reload: 'Перезагрузить',
    close: 'Закрыть',
  },
  kk: {
    title: 'Қазақстанның көші-қон картасы',
    loading: 'Карта жүктелуде…',
    drawing: 'Карта салынуда…',
    slow: 'Байланыс баяу болса, алғашқы ашылу біраз уақыт алады. Одан кейін карта осы браузерде интернетсіз де ашылады.',
    fileTitle: 'Картаның бұл көшірмесін қалтадан ашуға болмайды',
    fileBody: `Браузерлер бұл нұсқаны дискідегі файлдан іске қоспайды. Оның орнына бір файлдық нұсқаны (${SINGLE_FILE_NAME}) ашыңыз: ол екі рет басқанда интернетсіз ашылады. Немесе картаны веб-мекенжайы арқылы ашыңыз.`,
    noWebgl:
      'Бұл браузер картаны сала алмайды: онда WebGL 2 жоқ немесе ол өшірулі. Картаны аппараттық жеделдету қосулы Chrome, Edge, Firefox немесе Safari-дің жаңа нұсқасында ашыңыз. Кестелер жұмыс істей береді.',
    loadFailed: 'Картаны жүктеу мүмкін болмады. Байланысты тексеріп, бетті қайта жүктеңіз.',
    startFailed:
      'Карта іске қосылмады ({reason}). Бетті қайта жүктеңіз; бұл қайталанса, басқа браузерді немесе бір файлдық нұсқаны қолданып көріңіз.',
    reload: 'Қайта жүктеу',
    close: 'Жабу',
  },
};
