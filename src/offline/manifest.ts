/**
 * One web app manifest per language (build/manifests.ts writes them): a
 * manifest holds one name, and the name a teacher sees on the installed
 * app should be in the language the class uses. The page links the one of
 * its language, and follows the visitor's switches (the browser reads the
 * linked manifest when it offers installation).
 */
import { manifestFileName, pageLanguage, type BootLang } from '../boot/language';

/** Points <link rel="manifest"> at the manifest of `lang`. */
export function linkManifest(lang: BootLang): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (link && link.getAttribute('href') !== `./${manifestFileName(lang)}`)
    link.setAttribute('href', `./${manifestFileName(lang)}`);
}

/** Keeps the manifest link in the page's language as it changes. */
export function followLanguage(): void {
  linkManifest(pageLanguage());
  new MutationObserver(() => linkManifest(pageLanguage())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
  });
}
