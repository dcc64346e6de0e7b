import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../data/read-tables';
import { HOME_BOUNDS, HOME_PADDING, kazakhstanOutline } from './outline';

const outline = kazakhstanOutline(join(REPO_ROOT, 'geo/basemap.geojson'));
const points = [...outline.path.matchAll(/(\d+) (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);

/** The source file that defines `name` as a constant under src/ (the map view, wherever it lives). */
function sourceConstant(name: string): string {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  const found = files(join(REPO_ROOT, 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => new RegExp(`const ${name}[^=]*=\\s*([^;]+);`).exec(readFileSync(f, 'utf8'))?.[1])
    .filter((v): v is string => v !== undefined);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}
const numbers = (text: string) => [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));

describe("Kazakhstan's outline for the loading screen and the icons", () => {
  it('is small: a few hundred points, about a kilobyte of path', () => {
    expect(outline.vertices).toBeGreaterThan(100);
    expect(outline.vertices).toBeLessThan(400);
    expect(outline.path.length).toBeLessThan(3000);
    expect(outline.path.startsWith('M') && outline.path.endsWith('Z')).toBe(true);
  });

  it('lies where the map draws Kazakhstan in its home view (lon 46.5–87.3°E, lat 40.6–55.4°N)', () => {
    const [width, height] = [outline.viewBox[2], outline.viewBox[3]];
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const lon = (x: number) => 45 + (x / width) * 43;
    expect(lon(Math.min(...xs))).toBeCloseTo(46.5, 0);
    expect(lon(Math.max(...xs))).toBeCloseTo(87.3, 0);
    // Web Mercator: 57.5°N at the top, 40°N at the bottom.
    const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const lat = (v: number) => {
      const m = y(57.5) - (v / height) * (y(57.5) - y(40));
      return (Math.atan(Math.exp(m)) - Math.PI / 4) * (360 / Math.PI);
    };
    expect(lat(Math.min(...ys))).toBeCloseTo(55.4, 0);
    expect(lat(Math.max(...ys))).toBeCloseTo(40.6, 0);
  });

  it("uses the map view's home bounds and padding (so that the map replaces it in place)", () => {
    expect(numbers(sourceConstant('HOME_BOUNDS'))).toEqual(HOME_BOUNDS.flat());
    const padding = sourceConstant('HOME_PADDING');
    for (const side of ['top', 'left', 'right', 'bottom'] as const)
      expect(numbers(new RegExp(`${side}:\\s*(\\d+)`).exec(padding)![1]!)).toEqual([HOME_PADDING[side]]);
    // The loading screen's styles lay the outline out with the same padding.
    const css = readFileSync(join(REPO_ROOT, 'src/boot/boot.css'), 'utf8');
    const rule = /\.boot-outline \{([^}]+)\}/.exec(css)![1]!;
    expect(rule).toContain(`top: ${HOME_PADDING.top}px`);
    expect(rule).toContain(`left: ${HOME_PADDING.left}px`);
    expect(rule).toContain(`width: calc(100% - ${HOME_PADDING.left + HOME_PADDING.right}px)`);
    expect(rule).toContain(`height: calc(100% - ${HOME_PADDING.top + HOME_PADDING.bottom}px)`);
  });
});
