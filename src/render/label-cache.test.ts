// @vitest-environment happy-dom
import type { Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabelDatum } from '../core/view/map-labels';
import { LabelCache } from './label-cache';

/** A map whose camera the test sets; it projects lon, lat to pixels by scaling, and counts projections. */
function fakeMap() {
  const camera = { lng: 68, lat: 48, zoom: 4 };
  let projected = 0;
  const map = {
    getContainer: () => ({ clientWidth: 800, clientHeight: 600 }),
    getCenter: () => ({ lng: camera.lng, lat: camera.lat }),
    getZoom: () => camera.zoom,
    getBearing: () => 0,
    getPitch: () => 0,
    project: ([lon, lat]: [number, number]) => {
      projected++;
      const scale = 2 ** camera.zoom;
      return { x: 400 + (lon - camera.lng) * scale, y: 300 - (lat - camera.lat) * scale };
    },
  };
  return { map: map as unknown as MapLibreMap, camera, projections: () => projected };
}

const label = (text: string, lon: number, lat: number): LabelDatum => ({
  position: [lon, lat],
  text,
  priority: 1,
  kind: 'region',
});

describe('LabelCache.place', () => {
  afterEach(() => vi.restoreAllMocks());

  it('projects the labels once per camera, and again when the camera, size or text scale changes', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
      font: '',
      measureText: (line: string) => ({ width: line.length * 6 }),
    } as unknown as CanvasRenderingContext2D);
    const cache = new LabelCache('Noto Sans');
    const { map, camera, projections } = fakeMap();
    // Two labels far apart and two on one spot (only one of those fits).
    const labels = [label('Almaty', 77, 43), label('Astana', 71, 51), label('Kostanay', 63.6, 53.2), label('Rudny', 63.6, 53.2)]; // prettier-ignore
    const first = cache.place(labels, map, 1);
    expect(first.map((l) => l.text).sort()).toEqual(['Almaty', 'Astana', 'Kostanay']);
    const once = projections();
    expect(once).toBeGreaterThanOrEqual(labels.length);
    // The same camera: the same placement, nothing projected again.
    expect(cache.place(labels, map, 1)).toBe(first);
    expect(projections()).toBe(once);
    // A zoom: placed again (the same set fits, so the same array comes back for deck.gl).
    camera.zoom = 4.5;
    expect(cache.place(labels, map, 1)).toBe(first);
    expect(projections()).toBeGreaterThan(once);
    const twice = projections();
    // A larger text scale at that camera: placed again.
    cache.place(labels, map, 1.5);
    expect(projections()).toBeGreaterThan(twice);
    // Other labels at the same camera are placed on their own.
    const others = [label('Aktau', 51, 43.6)];
    expect(cache.place(others, map, 1).map((l) => l.text)).toEqual(['Aktau']);
  });
});
