// `npx tsx geo/preview.ts [outDir]`: PNG previews of the committed geography, to look at by eye:
// each boundary version over the basemap, the districts, and close-ups of the seam with Russia at the
// map's maximum zoom (9). A plain scanline renderer (pngjs), Web Mercator, no browser needed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import * as topo from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

type Rgba = [number, number, number, number];
const file = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const readJson = <T>(p: string) => JSON.parse(readFileSync(file(p), 'utf8')) as T;

class Canvas {
  readonly png: PNG;
  constructor(
    readonly w: number,
    readonly h: number,
    private readonly bbox: [number, number, number, number],
  ) {
    this.png = new PNG({ width: w, height: h });
  }
  private my = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  xy(p: Position): [number, number] {
    const [x0, y0, x1, y1] = this.bbox;
    return [
      ((p[0]! - x0) / (x1 - x0)) * this.w,
      ((this.my(y1) - this.my(p[1]!)) / (this.my(y1) - this.my(y0))) * this.h,
    ];
  }
  blend(x: number, y: number, c: Rgba): void {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 4;
    const a = c[3] / 255;
    const d = this.png.data;
    for (let k = 0; k < 3; k++) d[i + k] = Math.round(d[i + k]! * (1 - a) + c[k]! * a);
    d[i + 3] = 255;
  }
  /** Even-odd scanline fill of all rings of a polygon set. */
  fill(rings: Position[][], c: Rgba): void {
    const pts = rings.map((r) => r.map((p) => this.xy(p)));
    for (let y = 0; y < this.h; y++) {
      const yc = y + 0.5;
      const xs: number[] = [];
      for (const r of pts)
        for (let i = 1; i < r.length; i++) {
          const [ax, ay] = r[i - 1]!;
          const [bx, by] = r[i]!;
          if (ay <= yc !== by <= yc) xs.push(ax + ((yc - ay) / (by - ay)) * (bx - ax));
        }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2)
        for (let x = Math.max(0, Math.ceil(xs[k]! - 0.5)); x < Math.min(this.w, Math.floor(xs[k + 1]! - 0.5) + 1); x++)
          this.blend(x, y, c);
    }
  }
  line(line: Position[], c: Rgba): void {
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = this.xy(line[i - 1]!);
      const [bx, by] = this.xy(line[i]!);
      const n = Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay), 1));
      for (let t = 0; t <= n; t++)
        this.blend(Math.floor(ax + ((bx - ax) * t) / n), Math.floor(ay + ((by - ay) * t) / n), c);
    }
  }
  save(path: string): void {
    writeFileSync(path, PNG.sync.write(this.png));
  }
}

const rings = (g: Geometry): Position[][] =>
  g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
const lines = (g: Geometry): Position[][] =>
  g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : rings(g);

const PALETTE: Rgba[] = [
  [141, 211, 199, 255],
  [255, 255, 179, 255],
  [190, 186, 218, 255],
  [251, 128, 114, 255],
  [128, 177, 211, 255],
  [253, 180, 98, 255],
  [179, 222, 105, 255],
  [252, 205, 229, 255],
  [188, 128, 189, 255],
  [204, 235, 197, 255],
];

function basemap(c: Canvas): void {
  const bm = readJson<FeatureCollection>('geo/basemap.geojson');
  c.png.data.fill(0);
  for (let i = 0; i < c.w * c.h; i++) c.png.data.set([198, 217, 230, 255], i * 4);
  for (const kind of ['land', 'country', 'water'])
    for (const f of bm.features.filter((f) => f.properties?.kind === kind))
      c.fill(
        rings(f.geometry),
        kind === 'water' ? [198, 217, 230, 255] : kind === 'land' ? [243, 241, 236, 255] : [235, 232, 225, 255],
      );
  for (const f of bm.features.filter((f) => f.properties?.kind === 'border'))
    for (const l of lines(f.geometry)) c.line(l, [155, 150, 140, 255]);
}

function draw(c: Canvas, fs: Feature[], outline: Rgba, alpha = 255): void {
  fs.forEach((f, i) => {
    const col = PALETTE[i % PALETTE.length]!;
    c.fill(rings(f.geometry), [col[0], col[1], col[2], alpha]);
  });
  for (const f of fs) for (const l of lines(f.geometry)) c.line(l, outline);
}

const out = process.argv[2] ?? '/tmp/kz-geo-previews';
mkdirSync(out, { recursive: true });
const regions = readJson<Topology>('geo/regions.topojson');
const districts = readJson<Topology>('geo/districts.topojson');
const dec = (t: Topology, name: string) =>
  (topo.feature(t, t.objects[name] as GeometryCollection) as unknown as FeatureCollection).features;
const ru = dec(regions, 'ru');

const VIEW: [number, number, number, number] = [44, 38, 92, 58];
for (const version of ['kz2000', 'kz2018', 'kz2022']) {
  const c = new Canvas(1400, 900, VIEW);
  basemap(c);
  draw(c, [...dec(regions, version), ...ru], [255, 255, 255, 255]);
  c.save(`${out}/${version}.png`);
}
{
  const c = new Canvas(1400, 900, VIEW);
  basemap(c);
  draw(c, dec(districts, 'districts'), [90, 90, 90, 255]);
  c.save(`${out}/districts.png`);
}
// Close-ups at zoom 9 (a 1,000-pixel-wide window spans 1000/256/2^9*360 ≈ 2.75° of longitude).
const spans: [string, number, number][] = [
  ['seam-orenburg', 61.0, 50.6], // Orenburg / Aktobe / Kostanay
  ['seam-omsk', 73.6, 53.9], // Omsk / North Kazakhstan / Pavlodar
  ['seam-astrakhan', 47.0, 47.6], // Astrakhan / West Kazakhstan / Atyrau near the Caspian
  ['seam-altai', 86.5, 49.3], // Altai Republic / East Kazakhstan / China
];
for (const [name, lon, lat] of spans) {
  const dlon = (1000 / 256 / 2 ** 9) * 360;
  const dlat = dlon * Math.cos((lat * Math.PI) / 180) * 0.7;
  const c = new Canvas(1000, 700, [lon - dlon / 2, lat - dlat / 2, lon + dlon / 2, lat + dlat / 2]);
  basemap(c);
  // Semi-transparent fills: an overlap shows as a darker mix, a gap as basemap between the two.
  draw(c, dec(regions, 'kz2022'), [0, 0, 160, 255], 150);
  draw(c, ru, [160, 0, 0, 255], 150);
  c.save(`${out}/${name}.png`);
}
console.log(`previews written to ${out}`);
