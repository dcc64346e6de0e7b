import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../data/read-tables';
import { BOOT_MESSAGES } from '../src/boot/messages';
import { appIcons, THEME_COLOUR } from './icons';
import { webManifests } from './manifests';
import { kazakhstanOutline } from './outline';

const icons = appIcons(kazakhstanOutline(join(REPO_ROOT, 'geo/basemap.geojson')));
const manifests = webManifests(icons).map((m) => ({ fileName: m.fileName, ...JSON.parse(m.source) })) as {
  fileName: string;
  id: string;
  start_url: string;
  lang: string;
  name: string;
  short_name: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}[];

describe('the web app manifests', () => {
  it('name the app in each language, as one app', () => {
    expect(manifests.map((m) => [m.fileName, m.lang, m.name])).toEqual([
      ['manifest.en.webmanifest', 'en', BOOT_MESSAGES.en.title],
      ['manifest.ru.webmanifest', 'ru', BOOT_MESSAGES.ru.title],
      ['manifest.kk.webmanifest', 'kk', BOOT_MESSAGES.kk.title],
    ]);
    for (const m of manifests) {
      expect([m.id, m.start_url, m.theme_color]).toEqual(['./', './', THEME_COLOUR]);
      // A home screen shows about 12 characters under the icon.
      expect(m.short_name.length, m.short_name).toBeLessThanOrEqual(12);
    }
  });

  it('list icons of the sizes they say, 192 and 512 and a maskable one', () => {
    const listed = manifests[0]!.icons;
    expect(listed.map((i) => `${i.sizes} ${i.purpose ?? ''}`.trim())).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    for (const entry of listed.filter((i) => i.type === 'image/png')) {
      const icon = icons.find((i) => `./${i.fileName}` === entry.src)!;
      const png = PNG.sync.read(Buffer.from(icon.source as Uint8Array));
      expect(`${png.width}x${png.height}`).toBe(entry.sizes);
    }
  });

  it('make a maskable icon whose country stays inside the safe circle (40 % of the side)', () => {
    const icon = icons.find((i) => i.purpose === 'maskable')!;
    const png = PNG.sync.read(Buffer.from(icon.source as Uint8Array));
    const background = [png.data[0], png.data[1], png.data[2]];
    let farthest = 0;
    for (let y = 0; y < png.height; y++)
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        if (Math.abs(png.data[i]! - background[0]!) + Math.abs(png.data[i + 1]! - background[1]!) > 30)
          farthest = Math.max(farthest, Math.hypot(x - png.width / 2, y - png.height / 2));
      }
    expect(farthest).toBeGreaterThan(png.width * 0.2);
    expect(farthest).toBeLessThan(png.width * 0.4);
  });
});
