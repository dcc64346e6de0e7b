/**
 * Which borders a figure is drawn in. Kazakhstan's statistics were published
 * in three geographies (data/boundary_versions.csv): G16_pre2017 (South
 * Kazakhstan with Shymkent), G17_2017_2021 (Shymkent apart), G20_2022plus
 * (Abai, Jetisu and Ulytau apart), each drawn with its boundary version
 * (kz2000, kz2018, kz2022 in geo/regions.topojson). A polygon covers a set of
 * today's units (its territory, data/boundaries.csv); a figure of a unit in a
 * geography covers that unit's territory in the geography. A polygon has a
 * value only where figures of the geography tile its territory exactly: an old
 * figure is summed into a new polygon never, a new figure into an old polygon
 * only by adding whole units (never split). Pure: no DOM.
 */
import type { BoundaryRow, BoundaryVersionRow } from './tables';

export type Lang = 'en' | 'ru' | 'kk';

export type Geography = 'G16_pre2017' | 'G17_2017_2021' | 'G20_2022plus' | 'RU';

/** Coarse to fine: a figure of a finer geography can be summed into a coarser version's polygons. */
const RANK: Record<Geography, number> = { G16_pre2017: 0, G17_2017_2021: 1, G20_2022plus: 2, RU: 0 };

export interface BoundaryVersion {
  id: string;
  geography: Geography;
  /** First and last day the borders were in force (ISO dates; null: open). */
  validFrom: string | null;
  validTo: string | null;
  /** "borders of 2018–2021" in each language. */
  label: Record<Lang, string>;
  polygonIds: string[];
}

export interface Polygon {
  id: string;
  country: 'KZ' | 'RU';
  /** Today's units whose territory the polygon covers (its territory). */
  unitCodes: string[];
  /** The code its version's statistics publish the polygon's figure under. */
  statUnit: string;
  /** Versions that draw this shape (one id names one shape). */
  versions: string[];
}

export interface Boundaries {
  versions: BoundaryVersion[];
  polygons: Map<string, Polygon>;
}

/** Boundary versions and polygons from data/boundary_versions.csv and data/boundaries.csv. */
export function boundariesFrom(versionRows: readonly BoundaryVersionRow[], rows: readonly BoundaryRow[]): Boundaries {
  const polygons = new Map<string, Polygon>();
  const versions = versionRows.map((v): BoundaryVersion => {
    const own = rows.filter((r) => r.version === v.version);
    for (const r of own) {
      const units = r.units.split(';');
      const country = v.geography === 'RU' ? 'RU' : 'KZ';
      const known = polygons.get(r.polygon_id);
      if (known) known.versions.push(v.version);
      else
        polygons.set(r.polygon_id, {
          id: r.polygon_id,
          country,
          unitCodes: units,
          statUnit: r.stat_unit,
          versions: [v.version],
        });
    }
    return {
      id: v.version,
      geography: v.geography as Geography,
      validFrom: v.valid_from,
      validTo: v.valid_to,
      label: { en: v.label_en, ru: v.label_ru, kk: v.label_kk },
      polygonIds: own.map((r) => r.polygon_id),
    };
  });
  return { versions, polygons };
}

/**
 * Resolves territories: which statistical units of a geography tile a
 * polygon, which drawn polygon holds another. Memoised; one per model.
 */
export class Territories {
  private readonly covers = new Map<string, string[] | null>();
  /** geography -> stat unit -> the today's units its figures cover. */
  private readonly statTerritory = new Map<Geography, Map<string, string[]>>();

  /**
   * `boundaries` are the drawn versions; `statistics` (the built-in versions,
   * also when imported boundaries are drawn) say what each geography's units cover.
   */
  constructor(
    private readonly boundaries: Boundaries,
    statistics: Boundaries = boundaries,
  ) {
    for (const v of statistics.versions) {
      let byUnit = this.statTerritory.get(v.geography);
      if (!byUnit) this.statTerritory.set(v.geography, (byUnit = new Map()));
      for (const id of v.polygonIds) {
        const p = statistics.polygons.get(id)!;
        byUnit.set(p.statUnit, p.unitCodes);
      }
    }
  }

  /** The version that draws figures of a geography (imported boundaries: their one version). */
  versionOf(geography: Geography): BoundaryVersion | null {
    const kz = this.kazakhVersions();
    return (
      this.boundaries.versions.find((v) => v.geography === geography) ??
      (geography === 'RU' ? null : (kz[kz.length - 1] ?? null))
    );
  }

  /** Kazakh versions (any but Russia's), coarse to fine. */
  kazakhVersions(): BoundaryVersion[] {
    return this.boundaries.versions
      .filter((v) => v.geography !== 'RU')
      .sort((a, b) => RANK[a.geography] - RANK[b.geography]);
  }

  russianVersions(): BoundaryVersion[] {
    return this.boundaries.versions.filter((v) => v.geography === 'RU');
  }

  /**
   * The Kazakh version a year is drawn in: the coarsest version among those of
   * its figures' geographies (so that every figure can be summed into it), or,
   * when the year holds no figure of the measure, the borders in force at the
   * year's end; null before the first year of any Kazakh regional figure
   * (earlier borders are not in the sources).
   */
  versionFor(geographies: readonly (Geography | null)[], year: number, firstYear: number): BoundaryVersion | null {
    const kz = geographies.filter((g): g is Geography => g !== null && g !== 'RU');
    if (kz.length) {
      const coarsest = kz.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
      return this.versionOf(coarsest);
    }
    if (year < firstYear) return null;
    return this.inForce(year);
  }

  /** The Kazakh version in force on 31 December of a year (or the only one, for imported boundaries). */
  inForce(year: number): BoundaryVersion | null {
    const day = `${year}-12-31`;
    const kz = this.kazakhVersions();
    return (
      kz.find((v) => (v.validFrom === null || v.validFrom <= day) && (v.validTo === null || v.validTo >= day)) ??
      kz[kz.length - 1] ??
      null
    );
  }

  /**
   * The statistical units of a geography whose figures tile a polygon's
   * territory exactly (their sum is the polygon's figure), or null when they
   * cannot: a figure covering more than the polygon would have to be split.
   */
  cover(polygonId: string, geography: Geography): string[] | null {
    const key = `${polygonId}|${geography}`;
    if (this.covers.has(key)) return this.covers.get(key)!;
    const polygon = this.boundaries.polygons.get(polygonId);
    const units = this.statTerritory.get(geography);
    let result: string[] | null = null;
    if (polygon && units) {
      const territory = new Set(polygon.unitCodes);
      const inside: string[] = [];
      const covered = new Set<string>();
      for (const [statUnit, parts] of units)
        if (parts.every((u) => territory.has(u))) {
          inside.push(statUnit);
          parts.forEach((u) => covered.add(u));
        }
      // Kept in the order of the polygon's territory, so the unit it is named after leads.
      if (covered.size === territory.size)
        result = inside.sort(
          (a, b) => polygon.unitCodes.indexOf(units.get(a)![0]!) - polygon.unitCodes.indexOf(units.get(b)![0]!),
        );
    }
    this.covers.set(key, result);
    return result;
  }

  /** Today's units a geography's figure of a unit covers (the unit alone where the geography does not say). */
  territoryOf(statUnit: string, geography: Geography): string[] {
    return this.statTerritory.get(geography)?.get(statUnit) ?? [statUnit];
  }

  /**
   * The polygon of a version that shows a polygon's territory: the polygon
   * itself when the version draws it; else the one version polygon that holds
   * all of it (Abai in the borders of 2018–2021: East Kazakhstan); else null
   * (a territory drawn as several polygons of the version is shown as itself).
   */
  holder(polygonId: string, version: BoundaryVersion): string | null {
    if (version.polygonIds.includes(polygonId)) return polygonId;
    const polygon = this.boundaries.polygons.get(polygonId);
    if (!polygon) return null;
    return (
      version.polygonIds.find((id) => {
        const territory = new Set(this.boundaries.polygons.get(id)!.unitCodes);
        return polygon.unitCodes.every((u) => territory.has(u));
      }) ?? null
    );
  }

  /** Whether two polygons' territories share a unit (a highlighted old region lights its new parts). */
  overlaps(a: string, b: string): boolean {
    const pa = this.boundaries.polygons.get(a);
    const pb = this.boundaries.polygons.get(b);
    return !!pa && !!pb && pa.unitCodes.some((u) => pb.unitCodes.includes(u));
  }
}
