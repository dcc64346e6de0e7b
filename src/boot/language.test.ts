import { describe, expect, it } from 'vitest';
import { browserLanguage } from '../i18n';
import { chooseLanguage, manifestFileName } from './language';

describe('the start-up language', () => {
  it('takes the link first, then the remembered choice, then the browser, else English', () => {
    expect(chooseLanguage('?lang=kk', 'ru', ['en-GB'])).toBe('kk');
    expect(chooseLanguage('?lang=de', 'ru', ['kk-KZ'])).toBe('ru');
    expect(chooseLanguage('', 'fr', ['de-DE', 'kk-KZ', 'ru'])).toBe('kk');
    expect(chooseLanguage('?year=2020', null, ['de-DE', 'fr'])).toBe('en');
    expect(chooseLanguage('', null, [])).toBe('en');
  });

  it('reads the browser as the app does (src/i18n)', () => {
    for (const languages of [['ru-RU'], ['kk'], ['KK-kz', 'en'], ['de', 'ru-UA'], ['uz-UZ'], ['en-US', 'kk'], []])
      expect(chooseLanguage('', null, languages), languages.join(',')).toBe(browserLanguage(languages));
  });

  it('names one manifest per language', () => {
    expect(['en', 'ru', 'kk'].map((l) => manifestFileName(l as 'en'))).toEqual([
      'manifest.en.webmanifest',
      'manifest.ru.webmanifest',
      'manifest.kk.webmanifest',
    ]);
  });
});
