/**
 * The loading screen's parts that the build writes into the page: the
 * start-up script (src/boot/boot-script.ts, bundled into one classic
 * script), its styles (src/boot/boot.css) and Kazakhstan's outline as SVG.
 */
import { readFileSync } from 'node:fs';
import { rolldown } from 'rolldown';
import type { Outline } from './outline.js';

/** The start-up script as one small classic script (an IIFE), for old browsers too. */
export async function bootScript(root: string): Promise<string> {
  const bundle = await rolldown({
    input: `${root}/src/boot/boot-script.ts`,
    platform: 'browser',
    // Old browsers must still run it, to say that they cannot run the app.
    transform: { target: 'es2017' },
    logLevel: 'warn',
  });
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true });
    const code = output[0].code.trim();
    if (/<\/script|<!--/i.test(code)) throw new Error('the start-up script holds text that would end its <script>');
    return code;
  } finally {
    await bundle.close();
  }
}

/** The loading screen's styles, without comments and indentation. */
export function bootStyles(root: string): string {
  return readFileSync(`${root}/src/boot/boot.css`, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '')
    .replace(/\s*([{}:;,])\s*/g, '$1');
}

/** The outline as inline SVG, laid out as the map lays out its home view (meet: whole, centred). */
export function outlineSvg(outline: Outline): string {
  return `<svg class="boot-outline" viewBox="${outline.viewBox.join(' ')}" preserveAspectRatio="xMidYMid meet" aria-hidden="true"><path d="${outline.path}"/></svg>`;
}
