import { describe, expect, it } from 'vitest';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';

const catalogues: Record<string, Record<string, string>> = { en, ru, kk };
const translations: Record<string, Record<string, string>> = { ru, kk };
const english: Record<string, string> = en;

/** The {placeholders} of a template, as `translate` in index.ts finds them. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** What is left of a template once its placeholders are taken out. */
function words(text: string): string {
  return text.replace(/\{\w+\}/g, '').trim();
}

const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/g;

describe('interface texts', () => {
  for (const [a, one] of Object.entries(catalogues))
    for (const [b, other] of Object.entries(catalogues)) {
      if (a === b) continue;
      it(`${b} has every key of ${a}`, () => {
        const missing = Object.keys(one).filter((k) => !(k in other));
        expect(missing, `keys of ${a} missing from ${b}`).toEqual([]);
      });
    }

  for (const [lang, messages] of Object.entries(translations)) {
    it(`${lang} keeps every {placeholder} of the English text, and adds none`, () => {
      const wrong = Object.keys(english)
        .filter((k) => k in messages)
        .filter((k) => placeholders(messages[k]!).join() !== placeholders(english[k]!).join())
        .map(
          (k) =>
            `${k}: en {${placeholders(english[k]!).join('} {')}} vs ${lang} {${placeholders(messages[k]!).join('} {')}}`,
        );
      expect(wrong).toEqual([]);
    });

    it(`${lang} has text wherever the English has text`, () => {
      const empty = Object.keys(english)
        .filter((k) => k in messages)
        .filter(
          (k) =>
            messages[k]!.trim() === '' || (/\p{L}/u.test(words(english[k]!)) && !/\p{L}/u.test(words(messages[k]!))),
        );
      expect(empty).toEqual([]);
    });

    it(`${lang} keeps balanced « » quotes`, () => {
      const unbalanced = Object.entries(messages).filter(
        ([, v]) => (v.match(/«/g) ?? []).length !== (v.match(/»/g) ?? []).length,
      );
      expect(unbalanced).toEqual([]);
    });
  }

  it('Kazakh is written with Kazakh letters', () => {
    const text = Object.values(kk).join('\n');
    const found = new Set((text.match(KAZAKH_LETTERS) ?? []).map((c) => c.toLowerCase()));
    // Sanity, not spelling: most Kazakh texts of any length use ә, і, қ, ң, ө, ұ, ү or ғ.
    expect(found.size).toBeGreaterThanOrEqual(6);
    const long = Object.values(kk).filter((v) => words(v).length >= 20);
    const withKazakh = long.filter((v) => (v.match(KAZAKH_LETTERS) ?? []).length > 0);
    expect(withKazakh.length / long.length).toBeGreaterThan(0.9);
  });

  it('Russian and Kazakh use no Latin-script words other than names of formats and sources', () => {
    // Catches an English text pasted in place of a translation.
    // Formats, sources, key names (Page Up, P) and the name of English itself.
    const allowed =
      /^(WebGL|WebM|PNG|CSV|GeoJSON|TopoJSON|MediaRecorder|Natural|Earth|GeoNames|geokz|OCHA|COD|AB|CC|BY|CABAR|asia|Page|Up|Down|English|[A-Z])$/;
    for (const [lang, messages] of Object.entries(translations)) {
      const stray = Object.entries(messages).flatMap(([k, v]) =>
        (words(v).match(/[A-Za-z]+/g) ?? []).filter((w) => !allowed.test(w)).map((w) => `${k}: ${w}`),
      );
      expect(stray, lang).toEqual([]);
    }
  });
});
