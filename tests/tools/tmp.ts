import { launchBrowser, openPage, serveDist, waitForMap } from '../e2e/harness';
const served = await serveDist();
const browser = await launchBrowser();
const w = await openPage(browser, served.url, { width: 1400, height: 900 });
await w.page.goto(served.url + '?v=1');
await waitForMap(w.page);
const csv =
  'from,to,year,count\nAstana,Almaty,2019,1500\nАлматы,Нур-Султан,2019,900\nKaraganda,Astana,2019,-4\n<img src=x onerror=alert(1)>,Astana,2019,10\nPavlodar,Astana,2019,3000\nPavlodar,Astana,2019,3000\n';
await w.page.locator('[data-testid=data-panel] summary').click();
await w.page
  .getByTestId('data-file')
  .setInputFiles({ name: 'my-flows.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
await w.page.getByTestId('import-start').waitFor({ timeout: 10000 });
await w.page.screenshot({ path: '/tmp/import1.png' });
await w.page.getByTestId('import-start').click();
await w.page.getByTestId('import-valid').waitFor({ timeout: 20000 });
await w.page.screenshot({ path: '/tmp/import2.png' });
await w.page.getByTestId('import-valid').click();
await w.page.waitForFunction(() => (window as any).__app.state.dataset !== null, null, { timeout: 10000 });
await w.page.evaluate(() => (window as any).__app.update({ year: 2019 }));
await w.page.waitForFunction(() => (window as any).__app.isDrawn(), null, { timeout: 30000 });
await w.page.waitForTimeout(500);
await w.page.screenshot({ path: '/tmp/import3.png' });
console.log(w.consoleErrors, w.offOrigin, await w.page.evaluate(() => location.search));
await browser.close();
await served.stop();
