/**
 * The presenter's files: story files (a malformed one changes nothing and
 * says why; a copy of a built-in story is refused; a valid one opens and
 * survives a reload) and notes pinned on the map (text stays text, kept over
 * reloads, exported and imported elsewhere; a bad file changes nothing).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appState, project, settle, shippedStory, urlWritten, waitForUrlParam } from './driver';
import { openPage, waitForMap, type Watched } from './harness';
import { closeContexts, servedApp, sharedBrowser } from './shared';

const NOTE = 'Astana doubles by 2050? <img src=x onerror=alert(1)>';

let served: { url: string };
let browser: Browser;
/** The story-file test's profile; the notes test imports its file there (it has no notes). */
let stories: Watched;
const dialogs: string[] = [];

beforeAll(async () => {
  served = servedApp();
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
});

/** A fresh context (reduced motion) whose dialogs are recorded and dismissed. */
async function watched(): Promise<Watched> {
  const w = await openPage(browser, served.url, { reducedMotion: 'reduce' });
  w.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

async function open(w: Watched, url: string): Promise<Page> {
  // Tests switch between contexts: make this page the active one, so that its animation frames run.
  await w.page.bringToFront();
  await w.page.goto(url);
  await waitForMap(w.page);
  return w.page;
}

/** Opens the presenter panel (a <details>). */
async function openPresenter(page: Page): Promise<void> {
  const panel = page.getByTestId('presenter');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await page.getByTestId('add-note').waitFor({ state: 'visible', timeout: 5_000 });
}

/** The notice that names `text` (notices pile up; each test looks for its own). */
const notice = (page: Page, text: string) => page.getByTestId('notice').filter({ hasText: text });

const jsonFile = (name: string, content: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(content, 'utf8'),
});

describe('story files', () => {
  it('a malformed story file is refused with the problems named, and changes nothing; a valid one opens and survives a reload', async () => {
    stories = await watched();
    const w = stories;
    {
      const page = await open(w, `${served.url}?v=1&story=north-south&step=4`);
      await waitForUrlParam(page, 'step', '4');
      await openPresenter(page);
      const stateBefore = await appState(page);
      const urlBefore = page.url();
      const unchanged = async () => {
        await urlWritten(page);
        expect(await appState(page)).toEqual(stateBefore);
        expect(page.url()).toBe(urlBefore);
        expect(await page.getByTestId('story-progress').textContent()).toBe('Step 4 of 10');
      };

      // (a) Not JSON.
      await page.getByTestId('story-file').setInputFiles(jsonFile('lesson.json', '{"format": "kz-migration-story", '));
      await notice(page, 'lesson.json').waitFor({ timeout: 5_000 });
      expect(await notice(page, 'lesson.json').textContent()).toContain(
        'The story file "lesson.json" was not opened: the file is not JSON',
      );
      await unchanged();

      // (b) The shipped story with an unknown measure in step 2 and a year out of range in step 3.
      const broken = shippedStory('north-south');
      broken.steps[1]!.measure = 'happiness';
      broken.steps[2]!.year = 1850;
      await page.getByTestId('story-file').setInputFiles(jsonFile('broken-story.json', JSON.stringify(broken)));
      const refused = notice(page, 'broken-story.json');
      await refused.waitFor({ timeout: 5_000 });
      const message = (await refused.textContent()) ?? '';
      expect(message).toContain('The story file "broken-story.json" was not opened');
      expect(message).toContain('step 2 ("north-loses"): field "measure" must be one of');
      expect(message).toContain('step 3 ("question-2021"): field "year" must be a whole year from 1990 to');
      expect(message).not.toContain('step 1 ');
      await unchanged();

      // (c) A copy of the built-in story under its id: refused, nothing stored; the button still opens the built-in.
      const copy = shippedStory('north-south');
      copy.steps = copy.steps.slice(0, 2);
      await page.getByTestId('story-file').setInputFiles(jsonFile('north-south-copy.json', JSON.stringify(copy)));
      const sameId = notice(page, 'north-south-copy.json');
      await sameId.waitFor({ timeout: 5_000 });
      expect(await sameId.textContent()).toContain('"north-south" of a built-in story');
      await unchanged();
      expect(await page.evaluate(() => localStorage.getItem('kz-migration-map.stories.v1'))).toBeNull();
      await page.getByTestId('story-start').click();
      await settle(page, "app.state.story === 'north-south' && app.state.step === 0");
      expect(await page.getByTestId('story-progress').textContent()).toBe('Step 1 of 10');

      // (d) A valid story of two steps, with a new id.
      const custom = shippedStory('north-south');
      custom.id = 'class-7b';
      custom.title = { en: 'Our density lesson', ru: 'Наш урок о плотности', kk: 'Тығыздық туралы сабағымыз' };
      custom.steps = [custom.steps[4]!, custom.steps[5]!];
      await page.getByTestId('story-file').setInputFiles(jsonFile('class-7b.json', JSON.stringify(custom)));
      await notice(page, 'Opened the story "Our density lesson".').waitFor({ timeout: 5_000 });
      await settle(page, "app.state.story === 'class-7b' && app.state.step === 0");
      expect(await page.getByTestId('story-progress').textContent()).toBe('Step 1 of 2');
      expect(await page.getByTestId('story-step-title').textContent()).toBe(custom.steps[0]!.title.en);
      expect((await appState(page)).year).toBe(2000);
      await waitForUrlParam(page, 'story', 'class-7b');
      await page.keyboard.press('PageDown');
      await settle(page, 'app.state.step === 1');
      await waitForUrlParam(page, 'step', '2');

      // Its step link works after a reload (the story is kept in this browser).
      await page.reload();
      await waitForMap(page);
      const state = await appState(page);
      expect([state.story, state.step, state.year, state.measure]).toEqual(['class-7b', 1, 2023, 'density']);
      expect(await page.getByTestId('story-progress').textContent()).toBe('Step 2 of 2');
      expect(await page.getByTestId('story-step-title').textContent()).toBe(custom.steps[1]!.title.en);
      expect(await page.getByTestId('notice').count()).toBe(0);
      expect(w.consoleErrors).toEqual([]);
    }
  });
});

describe('notes', () => {
  it('a note is pinned as literal text, kept over a reload, exported, deleted, and imported elsewhere; a bad file changes nothing', async () => {
    const first = await watched();
    // The other browser profile: the story-file test's (it has no notes).
    const second = stories;
    try {
      const page = await open(first, `${served.url}?v=1`);
      await openPresenter(page);
      expect(await page.getByTestId('export-notes').textContent()).toBe('Export notes (0)');
      await page.getByTestId('add-note').click();
      await notice(page, 'Click the map where the note belongs.').waitFor({ timeout: 5_000 });

      // A real click on the map at Astana.
      const [x, y] = await project(page, 71.45, 51.15);
      expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.className ?? '', [x, y])).toContain(
        'maplibregl-canvas',
      );
      await page.mouse.click(x, y);
      const input = page.getByTestId('note-input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await input.evaluate((e) => e === document.activeElement)).toBe(true);
      await input.fill(NOTE);
      await input.press('Enter');

      const note = page.getByTestId('note');
      const expectNote = async (p: Page) => {
        await p.getByTestId('note').waitFor({ state: 'visible', timeout: 10_000 });
        expect(await p.getByTestId('note').count()).toBe(1);
        expect(await p.getByTestId('note').locator('.note-text').textContent()).toBe(NOTE);
        // Text, never markup: no image was made and no handler ran.
        const markup = await p.evaluate(() => ({
          imgs: document.querySelectorAll('img').length,
          onerror: document.querySelectorAll('[onerror]').length,
          html: document.querySelector('[data-testid="note"] .note-text')!.innerHTML,
        }));
        expect(markup.imgs).toBe(0);
        expect(markup.onerror).toBe(0);
        expect(markup.html).toContain('&lt;img');
      };
      await expectNote(page);
      expect(await input.count()).toBe(0);
      // Placing the note did not select the region under it.
      expect((await appState(page)).selected).toBeNull();
      // The note hangs from the clicked place (bottom-left anchor).
      const box = (await note.boundingBox())!;
      expect(Math.abs(box.x - x)).toBeLessThan(4);
      expect(Math.abs(box.y + box.height - y)).toBeLessThan(4);
      expect(await page.getByTestId('export-notes').textContent()).toBe('Export notes (1)');

      // A reload keeps it, at the same place.
      await page.reload();
      await waitForMap(page);
      await expectNote(page);
      const [x2, y2] = await project(page, 71.45, 51.15);
      const box2 = (await note.boundingBox())!;
      expect(Math.abs(box2.x - x2)).toBeLessThan(4);
      expect(Math.abs(box2.y + box2.height - y2)).toBeLessThan(4);

      // Export.
      await openPresenter(page);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 10_000 }),
        page.getByTestId('export-notes').click(),
      ]);
      expect(download.suggestedFilename()).toBe('map-notes.json');
      const exported = readFileSync(await download.path(), 'utf8');
      const file = JSON.parse(exported) as { format: string; version: number; notes: { text: string; lon: number }[] };
      expect(file.format).toBe('kz-migration-notes');
      expect(file.version).toBe(1);
      expect(file.notes.map((n) => n.text)).toEqual([NOTE]);
      expect(file.notes[0]!.lon).toBeCloseTo(71.45, 1);

      // Delete with its ×: gone, and still gone after a reload.
      await note.getByRole('button', { name: 'Delete note' }).click();
      await note.waitFor({ state: 'detached', timeout: 5_000 });
      await page.reload();
      await waitForMap(page);
      expect(await page.getByTestId('note').count()).toBe(0);
      await openPresenter(page);
      expect(await page.getByTestId('export-notes').textContent()).toBe('Export notes (0)');

      // Import the exported file in another browser profile.
      const other = second.page;
      await other.bringToFront();
      expect(await other.getByTestId('note').count()).toBe(0);
      await openPresenter(other);
      await other.getByTestId('notes-file').setInputFiles(jsonFile('map-notes.json', exported));
      await notice(other, 'Imported 1 notes.').waitFor({ timeout: 5_000 });
      await expectNote(other);

      // A bad file (one good note and one malformed) is refused whole; so is a file that is not JSON.
      const bad = {
        format: 'kz-migration-notes',
        version: 1,
        notes: [
          { id: 'extra', lon: 76.9, lat: 43.2, text: 'Almaty', created: '2025-01-01T00:00:00Z' },
          { id: 'broken', lon: 500, lat: 43.2, text: 'Nowhere', created: '2025-01-01T00:00:00Z' },
        ],
      };
      await other.getByTestId('notes-file').setInputFiles(jsonFile('bad-notes.json', JSON.stringify(bad)));
      const refused = notice(other, 'bad-notes.json');
      await refused.waitFor({ timeout: 5_000 });
      expect(await refused.textContent()).toContain(
        'The notes file "bad-notes.json" was not imported: note 2 is malformed',
      );
      expect(await refused.textContent()).toContain('Your notes are unchanged.');
      await other.getByTestId('notes-file').setInputFiles(jsonFile('garbage.json', 'not json at all'));
      await notice(other, 'garbage.json').waitFor({ timeout: 5_000 });
      expect(await notice(other, 'garbage.json').textContent()).toContain('the file is not JSON');
      await expectNote(other);
      const stored = await other.evaluate(() => localStorage.getItem('kz-migration-map.notes.v1'));
      expect((JSON.parse(stored ?? '{}') as { notes?: { text: string }[] }).notes?.map((n) => n.text)).toEqual([NOTE]);

      await other.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      expect(first.consoleErrors).toEqual([]);
      expect(second.consoleErrors).toEqual([]);
    } finally {
      await first.context.close();
    }
  });
});
