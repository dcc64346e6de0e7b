/** Test helpers (Node only): the built-in data and regions, prepared as the app prepares them. */
import { readFileSync } from 'node:fs';
import { readTableTexts, REPO_ROOT } from '../../../data/read-tables';
import { translator } from '../../i18n';
import { loadDataset } from '../load';
import type { Topology } from 'topojson-specification';
import { prepareMapData, regionsFromTopology, type MapData } from '../map-data';
import type { Lang } from '../model';
import type { ViewInput } from './view-input';

let data: MapData | null = null;

export function builtInData(): MapData {
  data ??= prepareMapData(
    loadDataset(readTableTexts()),
    regionsFromTopology(JSON.parse(readFileSync(`${REPO_ROOT}/geo/regions.topojson`, 'utf8')) as Topology),
  );
  return data;
}

/** The default view (2024, net migration, top 50) in a language, with changes. */
export function viewInput(lang: Lang, patch: Partial<Omit<ViewInput, 't'>> = {}): ViewInput {
  return {
    data: builtInData(),
    year: 2024,
    measure: 'net',
    scale: 'fixed',
    selected: null,
    minFlow: 0,
    topN: 50,
    showExternal: true,
    hidden: false,
    lang,
    ...patch,
    t: translator(patch.lang ?? lang),
  };
}

/** Spaces as Intl writes them in Russian and Kazakh numbers, made plain for comparison. */
export const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');
