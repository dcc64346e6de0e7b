import { describe, expect, it } from 'vitest';
import { OFFLINE_MESSAGES } from '../offline/messages';
import { BOOT_LANGS } from './language';
import { BOOT_MESSAGES, SINGLE_FILE_NAME } from './messages';

describe('start-up and offline messages', () => {
  for (const [name, catalogue] of [
    ['start-up', BOOT_MESSAGES],
    ['offline', OFFLINE_MESSAGES],
  ] as const)
    it(`${name}: every language has every text, translated`, () => {
      const keys = Object.keys(catalogue.en).sort();
      for (const lang of BOOT_LANGS) {
        const texts = catalogue[lang] as unknown as Record<string, string>;
        expect(Object.keys(texts).sort(), lang).toEqual(keys);
        for (const key of keys) expect(texts[key]!.trim().length, `${lang}.${key}`).toBeGreaterThan(1);
        // Russian and Kazakh are written in Cyrillic (names such as WebGL or Chrome aside).
        if (lang !== 'en') for (const key of keys) expect(texts[key], `${lang}.${key}`).toMatch(/[\u0400-\u04ff]/);
      }
    });

  it('say what to do instead: the folder message names the single file, in every language', () => {
    for (const lang of BOOT_LANGS) {
      expect(BOOT_MESSAGES[lang].fileBody).toContain(SINGLE_FILE_NAME);
      expect(BOOT_MESSAGES[lang].startFailed.split('{reason}')).toHaveLength(2);
    }
  });
});
