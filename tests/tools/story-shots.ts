/** Screenshots of every story step in the projector view at 1920×1080, for people to look at. */
import { mkdirSync } from 'node:fs';
import { launchBrowser, openPage, serveDist, waitForMap } from '../e2e/harness';

const out = process.argv[2] ?? 'test-results/story';
mkdirSync(out, { recursive: true });
const served = await serveDist();
const browser = await launchBrowser();
const w = await openPage(browser, served.url, { width: 1920, height: 1080, reducedMotion: 'reduce' });
await w.page.goto(`${served.url}?v=1&story=north-south&step=1&view=projector&lang=${process.env.LANG_CODE ?? 'en'}`);
await waitForMap(w.page);
const steps = await w.page.evaluate(
  () => window.__app!.storyIds().length && document.querySelectorAll('.story-dot').length,
);
for (let i = 0; i < steps; i++) {
  await w.page.waitForFunction(() => window.__app!.isDrawn(), null, { timeout: 60000 });
  await w.page.waitForTimeout(300);
  await w.page.screenshot({ path: `${out}/step-${String(i + 1).padStart(2, '0')}.png` });
  if (i < steps - 1) await w.page.keyboard.press('PageDown');
}
console.log(steps, 'steps; errors', w.consoleErrors, 'off-origin', w.offOrigin);
await browser.close();
await served.stop();
