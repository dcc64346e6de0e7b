/**
 * geo/districts.topojson decoded for the map: the 224 districts, their
 * outlines as segments (drawn like the regions' outlines) and a point-in-polygon
 * index, so that a pick on a region finds the district under the pointer
 * without a pickable layer of its own. Loaded with the file, when the district
 * level is first drawn: neither is part of the first load.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { districtName, type DistrictProps } from './district-level';
import type { Lang } from './model';
import type { LabelDatum } from './view/map-labels';
import { outlineSegments, type OutlineSegments } from './outlines';
import { createRegionIndex, type RegionIndex } from './points/region-index';

export interface DistrictSet {
  districts: FeatureCollection<Geometry, DistrictProps>;
  outlines: OutlineSegments;
  /** The district at a longitude/latitude, or null outside every district. */
  at(lon: number, lat: number): DistrictProps | null;
  /**
   * The districts' map labels in a language (made once per language), below the regions' in
   * priority; a name the source lacks in it is given in another language, marked "(RU)".
   */
  labels(lang: Lang): LabelDatum[];
}

/** Below Russian subjects (1) and above whole countries (0): a district gives way to every region. */
const DISTRICT_LABEL_PRIORITY = 0.5;

export function districtSetFromTopology(topology: Topology): DistrictSet {
  const object = topology.objects.districts as GeometryCollection<DistrictProps> | undefined;
  if (!object) throw new Error('geo/districts.topojson has no object "districts"');
  const districts = feature(topology, object) as unknown as FeatureCollection<Geometry, DistrictProps>;
  const outlines = outlineSegments({
    type: 'FeatureCollection',
    features: districts.features.map((f) => ({ ...f, properties: { polygon_id: f.properties.district_id } })),
  });
  const index: RegionIndex = createRegionIndex(districts, 'district_id');
  const byId = new Map(districts.features.map((f) => [f.properties.district_id, f.properties]));
  const labels = new Map<Lang, LabelDatum[]>();
  return {
    districts,
    outlines,
    at(lon, lat) {
      const i = index.locate(lon, lat);
      return i < 0 ? null : (byId.get(index.ids[i]!) ?? null);
    },
    labels(lang) {
      let out = labels.get(lang);
      if (!out)
        labels.set(
          lang,
          (out = districts.features.flatMap(({ properties: p }): LabelDatum[] => {
            const name = districtName(p, lang);
            if (!name) return [];
            return [
              {
                position: [p.label_lon, p.label_lat],
                text: name.lang === lang ? name.name : `${name.name} (${name.lang.toUpperCase()})`,
                kind: 'district',
                priority: DISTRICT_LABEL_PRIORITY,
              },
            ];
          })),
        );
      return out;
    },
  };
}
