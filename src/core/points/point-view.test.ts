import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { clusterPlaces } from './clusters';
import { clusterArcTooltip, clusterName, clusterTooltip, MEMBERS_LISTED } from './point-view';

/** Twelve places 1 km apart near Astana (one cluster when zoomed out) and Almaty far away. */
const n = 13;
const positions = new Float64Array(n * 2);
for (let i = 0; i < 12; i++) positions.set([71.4 + i * 0.013, 51.15], i * 2);
positions.set([76.92, 43.25], 24);
const weights = Float64Array.from({ length: n }, (_, i) => (i === 3 ? 100 : i + 1));
const names = Array.from({ length: n }, (_, i) => (i === 12 ? 'Almaty' : `Place ${i}`));
const data = { places: { names } as never, placeRegion: new Int32Array(n).fill(0).map((_, i) => (i === 12 ? -1 : 0)) };
const hierarchy = clusterPlaces(positions, weights);
const coarse = hierarchy.levels[0]!;
const finest = hierarchy.levels.at(-1)!;

describe('what the map says about clusters', () => {
  it('lists a cluster’s places heaviest first, counts the rest, names it by its heaviest', () => {
    const t = translator('en');
    const cluster = coarse.clusterOf[0]!;
    const tip = clusterTooltip(data, coarse, cluster, 2021, 1234, 'en', t);
    expect(tip.title).toBe('Cluster of 12 places');
    expect(tip.lines[0]!.split(', ')).toHaveLength(MEMBERS_LISTED);
    expect(tip.lines[0]!.startsWith('Place 3, Place 11, Place 10')).toBe(true);
    expect(tip.lines).toContain('… and 4 more');
    expect(tip.lines).toContain('Arrivals + departures, 2021: 1,234');
    expect(clusterName(data, coarse, cluster)).toBe('Place 3 +11');
    const almaty = clusterTooltip(data, finest, finest.clusterOf[12]!, 2021, 5, 'ru', translator('ru'));
    expect(almaty.title).toBe('Almaty');
    expect(almaty.lines).toContain('Вне показанных регионов (не входит ни в один регион)');
    const arc = clusterArcTooltip(data, coarse, cluster, coarse.clusterOf[12]!, 5000, 2021, 'kk', translator('kk'));
    expect(arc.title).toBe('Place 3 +11 → Almaty');
    expect(arc.lines.at(-1)).toBe('Кластерлер арасында: олардың орындары арасындағы ағындардың сомасы');
  });
});
