/** Entry point: fonts, styles, then the app. */
// Only the subsets the three languages need: Latin, Cyrillic, and Cyrillic
// Extended for the Kazakh letters (ә ғ қ ң ө ұ ү һ і).
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/cyrillic-400.css';
import '@fontsource/noto-sans/cyrillic-600.css';
import '@fontsource/noto-sans/cyrillic-ext-400.css';
import '@fontsource/noto-sans/cyrillic-ext-600.css';
import './styles.css';
import { startApp } from './app';
import { bootDone, bootFailed, bootProgress } from './boot';
import { startOffline } from './offline';

async function main(): Promise<void> {
  bootProgress();
  const root = document.getElementById('app')!;
  const mapContainer = document.getElementById('map')!;
  // deck.gl draws labels into its own font atlas: the font (with the Kazakh
  // letters of the cyrillic-ext subset) must be loaded before the labels are
  // drawn. It loads while the map starts; the labels follow the first frame.
  const fontsReady = Promise.all([
    document.fonts.load('600 16px "Noto Sans"', 'Aa Қазақстан Ұлытау Жетісу Өңір Һ'),
    document.fonts.load('400 16px "Noto Sans"', 'Aa Қазақстан Ұлытау Жетісу Өңір Һ'),
  ]);
  const app = await startApp(root, mapContainer, fontsReady);
  document.body.classList.remove('loading');
  bootDone();
  startOffline();
  // Exposed for end-to-end tests and the benchmark.
  (window as unknown as { __app: typeof app }).__app = app;
}

main().catch(bootFailed);
