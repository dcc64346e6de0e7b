/**
 * What the map says about point data: a cluster's tooltip (its places,
 * heaviest first, and its arrivals plus departures in the year), the tooltip
 * of an arc between two clusters, and the legend's lines. Pure: the render
 * layer picks, these describe.
 */
import type { Translator } from '../../i18n';
import type { Lang } from '../model';
import { formatNumber } from '../format';
import type { TooltipText } from '../view/tooltip';
import type { ClusterLevel } from './clusters';
import { POINT_TOP_N, type PointData } from './point-data';

/** Names listed in a cluster's tooltip; the rest are counted. */
export const MEMBERS_LISTED = 8;

export function membersOf(level: ClusterLevel, cluster: number): Uint32Array {
  return level.members.subarray(level.memberStart[cluster]!, level.memberStart[cluster + 1]!);
}

/** A cluster's name: its heaviest place, with how many more it holds ("Almaty +12"). */
export function clusterName(data: Pick<PointData, 'places'>, level: ClusterLevel, cluster: number): string {
  const members = membersOf(level, cluster);
  const first = data.places.names[members[0]!] ?? '';
  return members.length > 1 ? `${first} +${members.length - 1}` : first;
}

export function clusterTooltip(
  data: Pick<PointData, 'places' | 'placeRegion'>,
  level: ClusterLevel,
  cluster: number,
  year: number,
  arrivalsPlusDepartures: number,
  lang: Lang,
  t: Translator,
): TooltipText {
  const members = membersOf(level, cluster);
  const n = (v: number) => formatNumber(v, lang);
  const single = members.length === 1;
  const listed = [...members.subarray(0, MEMBERS_LISTED)].map((p) => data.places.names[p]!);
  return {
    title: single ? listed[0]! : `${t('tooltip.clusterOf', { n: n(members.length) })}`,
    lines: [
      ...(single ? [] : [listed.join(', ')]),
      members.length > MEMBERS_LISTED ? t('tooltip.clusterMore', { n: n(members.length - MEMBERS_LISTED) }) : '',
      t('tooltip.clusterFlows', { year, n: n(arrivalsPlusDepartures) }),
      single && data.placeRegion[members[0]!]! < 0 ? t('tooltip.placeOutside') : '',
      t('tooltip.clusterClick'),
    ].filter(Boolean),
  };
}

export function clusterArcTooltip(
  data: Pick<PointData, 'places'>,
  level: ClusterLevel,
  origin: number,
  destination: number,
  count: number,
  year: number,
  lang: Lang,
  t: Translator,
): TooltipText {
  const clustered = membersOf(level, origin).length > 1 || membersOf(level, destination).length > 1;
  return {
    title: `${clusterName(data, level, origin)} → ${clusterName(data, level, destination)}`,
    lines: [
      t('tooltip.migrants', { count: formatNumber(count, lang) }),
      t('tooltip.year', { year }),
      clustered ? t('tooltip.betweenClusters') : '',
    ].filter(Boolean),
  };
}

/** The legend's words for point data: what the arcs are, that they are clustered, how many are drawn. */
export function pointLegend(
  data: Pick<PointData, 'places'>,
  lang: Lang,
  t: Translator,
): { title: string; note: string; nodes: string } {
  return {
    title: t('legend.placeArcs'),
    note: `${t('legend.clustered', { places: formatNumber(data.places.length, lang) })} ${t('legend.arcsDirection')}`,
    nodes: `${t('legend.clusterNodes')} ${t('legend.clusterTop', { n: formatNumber(POINT_TOP_N, lang) })}`,
  };
}
