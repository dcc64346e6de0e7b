/**
 * The bundled Noto Sans: only the subsets the three languages need (Latin,
 * Cyrillic, and Cyrillic Extended for the Kazakh letters ә ғ қ ң ө ұ ү һ і).
 * A chunk of its own with its stylesheet, loaded by src/main.ts once
 * deck.gl's code has arrived: on a slow link its 86 kB would otherwise share
 * the line with the page's script and deck.gl's; until then the loading
 * screen covers the panels, which use the system's sans-serif.
 */
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/cyrillic-400.css';
import '@fontsource/noto-sans/cyrillic-600.css';
import '@fontsource/noto-sans/cyrillic-ext-400.css';
import '@fontsource/noto-sans/cyrillic-ext-600.css';

/** Loads the two weights with the letters the labels use; resolves when they are ready (or failed). */
export async function loadFonts(): Promise<void> {
  await Promise.allSettled([
    document.fonts.load('600 16px "Noto Sans"', 'Aa Қазақстан Ұлытау Жетісу Өңір Һ'),
    document.fonts.load('400 16px "Noto Sans"', 'Aa Қазақстан Ұлытау Жетісу Өңір Һ'),
  ]);
}
