/**
 * The web app manifests, one per language (see src/offline/manifest.ts for
 * why): the same app (one id, start URL and icons) under the name of the
 * language the page shows when it is installed.
 */
import { BOOT_LANGS, manifestFileName, type BootLang } from '../src/boot/language.js';
import { BOOT_MESSAGES } from '../src/boot/messages.js';
import { BACKGROUND_COLOUR, THEME_COLOUR, type IconFile } from './icons.js';

/** Short names: what a home screen shows under the icon (about 12 characters fit). */
const SHORT_NAME: Record<BootLang, string> = { en: 'KZ migration', ru: 'Миграция KZ', kk: 'Көші-қон KZ' };

const DESCRIPTION: Record<BootLang, string> = {
  en: 'Interactive, offline map of migration within Kazakhstan and across its borders, on official statistics.',
  ru: 'Интерактивная офлайн-карта миграции внутри Казахстана и через его границы по официальной статистике.',
  kk: 'Қазақстан ішіндегі және оның шекаралары арқылы көші-қонның ресми статистикаға негізделген интерактивті офлайн картасы.',
};

export interface ManifestFile {
  fileName: string;
  source: string;
}

export function webManifests(icons: IconFile[]): ManifestFile[] {
  const installable = icons.filter((icon) => icon.purpose !== undefined || icon.type === 'image/svg+xml');
  return BOOT_LANGS.map((lang) => ({
    fileName: manifestFileName(lang),
    source: JSON.stringify(
      {
        // One app whatever the language it was installed in: the id, start URL and scope are shared.
        id: './',
        start_url: './',
        scope: './',
        lang,
        dir: 'ltr',
        name: BOOT_MESSAGES[lang].title,
        short_name: SHORT_NAME[lang],
        description: DESCRIPTION[lang],
        display: 'standalone',
        orientation: 'any',
        background_color: BACKGROUND_COLOUR,
        theme_color: THEME_COLOUR,
        categories: ['education'],
        icons: installable.map((icon) => ({
          src: `./${icon.fileName}`,
          sizes: icon.sizes,
          type: icon.type,
          ...(icon.purpose ? { purpose: icon.purpose } : {}),
        })),
      },
      null,
      2,
    ),
  }));
}
