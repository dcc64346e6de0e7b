/**
 * Screenshots for people to look at (not a test: `npm run shots` after `npm run build`).
 * Writes test-results/shots/: the default view at each screen size users have
 * (a 390×844 touch phone, a 768×1024 tablet, 1280×720 and 1920×1080 projectors,
 * a 1440×900 laptop), then every story step at 1280×720 and in the projector
 * view at 1920×1080. A query given as the first argument is added to each link
 * (`npm run shots -- '&lang=kk&year=2019'`); a second argument keeps only the
 * sizes whose name holds it (`npm run shots -- '' phone`).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../data/read-tables';
import { CHROMIUM, CHROMIUM_ARGS, serveDist } from '../e2e/harness';

const OUT = `${REPO_ROOT}/test-results/shots`;
const SIZES = [
  { name: 'phone-390x844', width: 390, height: 844, touch: true },
  { name: 'tablet-768x1024', width: 768, height: 1024, touch: true },
  { name: 'projector-1280x720', width: 1280, height: 720, touch: false },
  { name: 'laptop-1440x900', width: 1440, height: 900, touch: false },
  { name: 'projector-1920x1080', width: 1920, height: 1080, touch: false },
] as const;
const extra = process.argv[2] ?? '';
// `npm run shots -- '' phone` takes only the sizes whose name holds "phone".
const only = process.argv[3] ?? '';

const drawn = (page: Page) =>
  page.waitForFunction(() => window.__app?.isDrawn() ?? false, null, { timeout: 120_000, polling: 100 });

mkdirSync(OUT, { recursive: true });
const served = await serveDist();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  for (const size of SIZES.filter((s) => s.name.includes(only))) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      hasTouch: size.touch,
      isMobile: size.touch,
      reducedMotion: 'reduce',
    });
    await context.addInitScript(() => (window.__KZ_TEST_API__ = true));
    const page = await context.newPage();
    await page.goto(`${served.url}?v=1${extra}`);
    await drawn(page);
    await page.screenshot({ path: `${OUT}/${size.name}.png` });
    // On narrow screens, each sheet open in turn (the map refitted into what is left).
    for (const sheet of await page.locator('[data-testid^="sheet-"]:visible').all()) {
      const name = (await sheet.getAttribute('data-testid'))!;
      if (name === 'sheet-bar') continue;
      await sheet.click();
      await page.waitForFunction(() => !window.__app!.isMoving(), null, { timeout: 10_000 });
      await drawn(page);
      await page.screenshot({ path: `${OUT}/${size.name}-${name}.png` });
      await sheet.click();
    }
    if (size.name === 'projector-1280x720' || size.name === 'projector-1920x1080') {
      const projector = size.name === 'projector-1920x1080' ? '&view=projector' : '';
      await page.goto(`${served.url}?v=1&story=north-south&step=1${projector}${extra}`);
      await drawn(page);
      // Steps on until the last (where Page Down no longer moves the story).
      for (let n = 1; n <= 30; n++) {
        if (n > 1) {
          await page.keyboard.press('PageDown');
          const moved = await page
            .waitForFunction((s) => window.__app!.state.step === s, n - 1, { timeout: 5_000 })
            .then(() => true)
            .catch(() => false);
          if (!moved) break;
        }
        await drawn(page);
        await page.screenshot({ path: `${OUT}/story-${size.name}-step-${String(n).padStart(2, '0')}.png` });
      }
    }
    await context.close();
  }
  console.log(`Screenshots in ${OUT}`);
} finally {
  await browser.close();
  await served.stop();
}
