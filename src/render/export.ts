/**
 * Pictures for slides: the map (the basemap's canvas and deck.gl's over it)
 * composed with a title, the year, the legend and the source credits into one
 * PNG, at screen size or at 2x for print; and the played timeline as a WebM
 * video with the year in every frame.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { legendPosition, legendStops, NO_DATA, type ColourScale, type Palette, type Rgba } from '../core/scales';
import { barAlign, visibleTicks } from '../core/tick-labels';

export interface PictureText {
  title: string;
  subtitle: string;
  unit: string;
  noData: string;
  arcs: string;
  credit: string;
  tickLabel: (v: number) => string;
  /** Said instead of the colour scale when a question hides the values. */
  hiddenNote?: string;
}

/** The map's canvases, bottom first (MapView.canvases); all have the first one's size. */
type Canvases = () => HTMLCanvasElement[];

/** Draws the map's canvases one over the other at (x, y), at the size of the first. */
function drawMap(ctx: CanvasRenderingContext2D, canvases: HTMLCanvasElement[], x: number, y: number): void {
  const { width, height } = canvases[0]!;
  for (const c of canvases) ctx.drawImage(c, x, y, width, height);
}

export interface PictureInput {
  map: MapLibreMap;
  canvases: Canvases;
  /** Sets the pixel ratio of the map and of what is drawn over it. */
  setPixelRatio: (ratio: number) => void;
  scale: ColourScale;
  /** The colours the map is drawn in (the legend's bar follows). */
  palette: Palette;
  arcColours: [Rgba, Rgba];
  text: PictureText;
  font: string;
  /** Resolves after the next frame deck.gl draws. */
  nextFrame: () => Promise<void>;
}

const css = (c: Rgba) => `rgba(${c[0]},${c[1]},${c[2]},${c[3] / 255})`;

/** Renders the picture at a pixel ratio (1 = screen, 2 = print) and returns a PNG. */
export async function exportPicture(input: PictureInput, ratio: 1 | 2): Promise<Blob> {
  const { map } = input;
  const before = map.getPixelRatio();
  const wanted = ratio * (globalThis.devicePixelRatio || 1);
  try {
    if (wanted !== before) {
      input.setPixelRatio(wanted);
      await input.nextFrame();
    }
    const canvas = composePicture(input, input.canvases(), wanted);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be encoded'))), 'image/png'),
    );
  } finally {
    if (map.getPixelRatio() !== before) input.setPixelRatio(before);
  }
}

/** Draws header, map and legend/credits onto a new canvas (device pixels). */
export function composePicture(input: PictureInput, mapCanvases: HTMLCanvasElement[], px: number): HTMLCanvasElement {
  const mapCanvas = mapCanvases[0]!;
  const { text, scale, font } = input;
  const w = mapCanvas.width;
  const header = Math.round(64 * px);
  const footer = Math.round(96 * px);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = header + mapCanvas.height + footer;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  drawMap(ctx, mapCanvases, 0, header);

  const pad = 16 * px;
  ctx.fillStyle = '#1d1d1f';
  ctx.textBaseline = 'top';
  ctx.font = `600 ${22 * px}px ${font}`;
  ctx.fillText(text.title, pad, 10 * px, w - 2 * pad);
  ctx.font = `400 ${15 * px}px ${font}`;
  ctx.fillStyle = '#4a4a4f';
  ctx.fillText(text.subtitle, pad, 38 * px, w - 2 * pad);

  // Legend: the colour bar with its ticks, the unit, the no-data swatch and the arcs.
  const top = header + mapCanvas.height + 10 * px;
  const barW = Math.min(360 * px, w / 2 - pad);
  if (text.hiddenNote) {
    ctx.fillStyle = '#1d1d1f';
    ctx.font = `400 ${14 * px}px ${font}`;
    ctx.fillText(text.hiddenNote, pad, top, w - 2 * pad);
    return canvas;
  }
  const stops = legendStops(scale, 48, input.palette);
  stops.forEach((c, i) => {
    ctx.fillStyle = css(c);
    ctx.fillRect(pad + (i * barW) / stops.length, top, barW / stops.length + 1, 14 * px);
  });
  ctx.strokeStyle = '#8a8780';
  ctx.lineWidth = px;
  ctx.strokeRect(pad, top, barW, 14 * px);
  ctx.fillStyle = '#1d1d1f';
  ctx.font = `400 ${13 * px}px ${font}`;
  // The end labels are aligned inwards so that they stay inside the picture; labels that would overlap are left out.
  const ticks = scale.ticks.map((tick) => {
    const label = text.tickLabel(tick);
    const position = legendPosition(scale, tick);
    return { label, at: position * barW, width: ctx.measureText(label).width, align: barAlign(position) };
  });
  for (const i of visibleTicks(ticks, undefined, 6 * px)) {
    const { label, at, align } = ticks[i]!;
    ctx.textAlign = align === 'start' ? 'left' : align === 'end' ? 'right' : 'center';
    ctx.fillText(label, pad + at, top + 17 * px);
  }
  ctx.textAlign = 'left';
  ctx.fillText(text.unit, pad, top + 34 * px, barW);
  ctx.fillStyle = css(NO_DATA);
  ctx.fillRect(pad, top + 54 * px, 16 * px, 12 * px);
  ctx.fillStyle = '#1d1d1f';
  ctx.fillText(text.noData, pad + 22 * px, top + 53 * px, barW);

  const x2 = pad + barW + 32 * px;
  const gradient = ctx.createLinearGradient(x2, 0, x2 + 80 * px, 0);
  gradient.addColorStop(0, css(input.arcColours[0]));
  gradient.addColorStop(1, css(input.arcColours[1]));
  ctx.fillStyle = gradient;
  ctx.fillRect(x2, top + 4 * px, 80 * px, 5 * px);
  ctx.fillStyle = '#1d1d1f';
  ctx.fillText(text.arcs, x2 + 90 * px, top, w - x2 - 90 * px - pad);
  ctx.fillStyle = '#4a4a4f';
  ctx.font = `400 ${13 * px}px ${font}`;
  wrap(ctx, text.credit, x2, top + 24 * px, w - x2 - pad, 16 * px);
  return canvas;
}

function wrap(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, width: number, line: number): void {
  let row = '';
  for (const word of text.split(' ')) {
    const next = row ? `${row} ${word}` : word;
    if (ctx.measureText(next).width > width && row) {
      ctx.fillText(row, x, y);
      y += line;
      row = word;
    } else row = next;
  }
  if (row) ctx.fillText(row, x, y);
}

export interface RecordingInput {
  canvases: Canvases;
  years: readonly number[];
  /** Shows a year and resolves once its frame is drawn. */
  showYear: (year: number) => Promise<void>;
  title: string;
  credit: string;
  font: string;
  msPerYear: number;
  onYear?: (year: number) => void;
  /** Calls `listener` after each frame either map canvas draws; returns its removal. */
  onFrame: (listener: () => void) => () => void;
}

/** WebM through MediaRecorder, if the browser has it. */
export function videoMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return (
    ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t)) ??
    null
  );
}

/** Plays the years and records a composite of the map with the year written into every frame. */
export async function recordTimeline(input: RecordingInput): Promise<Blob> {
  const mimeType = videoMimeType();
  if (!mimeType) throw new Error('MediaRecorder with WebM is not available');
  const layers = input.canvases();
  const source = layers[0]!;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height;
  const ctx = canvas.getContext('2d')!;
  const px = source.width / source.clientWidth || 1;
  let year = input.years[0]!;
  const draw = () => {
    drawMap(ctx, layers, 0, 0);
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(0, 0, canvas.width, 52 * px);
    ctx.fillStyle = '#1d1d1f';
    ctx.textBaseline = 'top';
    ctx.font = `600 ${30 * px}px ${input.font}`;
    ctx.fillText(String(year), 14 * px, 10 * px);
    ctx.font = `400 ${15 * px}px ${input.font}`;
    ctx.fillText(input.title, 110 * px, 18 * px, canvas.width - 124 * px);
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(0, canvas.height - 22 * px, canvas.width, 22 * px);
    ctx.fillStyle = '#4a4a4f';
    ctx.font = `400 ${11 * px}px ${input.font}`;
    ctx.fillText(input.credit, 10 * px, canvas.height - 17 * px, canvas.width - 20 * px);
  };
  draw();
  const stream = canvas.captureStream(25);
  const recorder = new MediaRecorder(stream, { mimeType });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  // Composed again only when the map drew or the year changed, not at every display frame (at 60 Hz
  // that was 2.4 times the stream's 25 frames a second, each a copy of both canvases): the stream
  // takes a frame only when the canvas changes, so a still year costs neither copying nor encoding.
  let painting = true;
  let changed = false;
  const paint = () => {
    if (!painting) return;
    if (changed) draw();
    changed = false;
    requestAnimationFrame(paint);
  };
  const stopListening = input.onFrame(() => (changed = true));
  recorder.start(250);
  requestAnimationFrame(paint);
  try {
    for (const y of input.years) {
      // Written before the year is shown: the next composition is the one after the map's new frame.
      year = y;
      await input.showYear(y);
      changed = true;
      input.onYear?.(y);
      await new Promise((r) => setTimeout(r, input.msPerYear));
    }
    // The last year's frame again at the end of its time: the video's length runs to its last frame.
    changed = true;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  } finally {
    painting = false;
    stopListening();
    recorder.stop();
    stream.getTracks().forEach((track) => track.stop());
  }
  await stopped;
  return new Blob(chunks, { type: 'video/webm' });
}
