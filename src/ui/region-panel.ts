/**
 * The panel of a selected region: its totals for the year, the statistical
 * units it sums, its largest flows, and every other figure the sources hold
 * for it, each with its period and source.
 */
import { formatNumber } from '../core/format';
import { polygonName } from '../core/labels';
import type { Lang, Model } from '../core/model';
import type { RegionSummary } from '../core/region-summary';
import { sourceIds as splitSources } from '../core/tables';
import type { MessageKey } from '../i18n';
import { en } from '../i18n/en';
import { countryName, placeName } from '../i18n/names';
import { el, replace } from './dom';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export class RegionPanel {
  readonly element = el('section', {
    class: 'region-panel panel',
    hidden: true,
    'aria-labelledby': 'region-title',
    'data-testid': 'region-panel',
  });

  constructor(private readonly onClose: () => void) {}

  hide(): void {
    this.element.hidden = true;
    replace(this.element, []);
  }

  show(summary: RegionSummary, model: Model, lang: Lang, t: T): void {
    const n = (v: number, signed = false, digits = 0) => formatNumber(v, lang, { signed, digits });
    const name = (code: string) => placeName(model, code, lang);
    const close = el('button', { type: 'button', class: 'panel-close', 'aria-label': t('panel.close') }, ['×']);
    close.addEventListener('click', () => this.onClose());
    const geography = summary.population.geography ?? summary.density.geography;
    const title = polygonName(model, summary.polygonId, geography, lang);
    const hiddenUnits = summary.population.unitCodes.length > 1 ? summary.population.unitCodes.slice(1) : [];
    const sources = new Set<string>([
      ...summary.population.sourceIds,
      ...summary.density.sourceIds,
      ...(summary.flows?.sourceIds ?? []),
      ...(summary.officialNet?.sourceIds ?? []),
    ]);
    const row = (label: string, value: string) =>
      el('tr', {}, [el('th', { scope: 'row' }, [label]), el('td', {}, [value])]);
    const { year } = summary;

    const figures = el('table', { class: 'figures' }, [
      el('tbody', {}, [
        row(
          t('panel.population', { year }),
          summary.population.value === null ? t('tooltip.noData', { year }) : n(summary.population.value),
        ),
        summary.area !== null && row(t('panel.area'), `${n(summary.area)} km²`),
        row(
          t('panel.density'),
          summary.density.value === null
            ? t('tooltip.noData', { year })
            : `${n(summary.density.value, false, 1)} / km²`,
        ),
        summary.flows && row(t('panel.arrivals'), n(summary.flows.total.arrivals)),
        summary.flows && row(t('panel.departures'), n(summary.flows.total.departures)),
        summary.flows && row(t('panel.net'), n(summary.flows.total.net, true)),
        !summary.flows &&
          summary.officialNet &&
          summary.officialNet.value !== null &&
          row(t('panel.net'), n(summary.officialNet.value, true)),
      ]),
    ]);

    const unitTable =
      summary.flows && summary.flows.units.length > 1
        ? el('table', { class: 'units' }, [
            el('thead', {}, [
              el('tr', {}, [
                el('th', { scope: 'col' }, [t('panel.units')]),
                el('th', { scope: 'col' }, [t('panel.arrivals')]),
                el('th', { scope: 'col' }, [t('panel.departures')]),
                el('th', { scope: 'col' }, [t('panel.net')]),
              ]),
            ]),
            el(
              'tbody',
              {},
              summary.flows.units.map((u) =>
                el('tr', {}, [
                  el('th', { scope: 'row' }, [name(u.unit)]),
                  el('td', {}, [n(u.arrivals)]),
                  el('td', {}, [n(u.departures)]),
                  el('td', {}, [n(u.net, true)]),
                ]),
              ),
            ),
          ])
        : null;

    const flowList = (key: MessageKey, lines: { other: string; count: number }[]) =>
      lines.length
        ? el('div', { class: 'flow-list' }, [
            el('h3', {}, [t(key)]),
            el(
              'ol',
              {},
              lines.map((l) => el('li', {}, [`${name(l.other)}: ${n(l.count)}`])),
            ),
          ])
        : null;

    const label = (prefix: string, code: string) => {
      const key = `${prefix}.${code}` as MessageKey;
      return key in en ? t(key) : code;
    };
    const partner = (code: string) => (/^[A-Z]{2}$/.test(code) ? countryName(code, lang) : label('partner', code));
    const other: string[] = [
      ...summary.otherRegional.map(
        (r) =>
          `${name(r.unit_code)}, ${r.period} ${r.year}, ${label('scope', r.flow_scope)}: ${[
            r.arrivals !== null ? `${t('panel.arrivals')} ${n(r.arrivals)}` : '',
            r.departures !== null ? `${t('panel.departures')} ${n(r.departures)}` : '',
            r.net !== null ? `${t('panel.net')} ${n(r.net, true)}` : '',
          ]
            .filter(Boolean)
            .join(', ')} (${r.source_id})`,
      ),
      ...summary.external.map(
        (r) =>
          `${name(r.unit_code)} ↔ ${partner(r.partner)}, ${r.period} ${r.year}: ${[
            r.immigrants !== null ? `${n(r.immigrants)} ${t('panel.immigrants')}` : '',
            r.emigrants !== null ? `${n(r.emigrants)} ${t('panel.emigrants')}` : '',
            r.net !== null ? `${t('panel.net')} ${n(r.net, true)}` : '',
          ]
            .filter(Boolean)
            .join(', ')} (${r.source_id})`,
      ),
      ...summary.russia.map(
        (r) =>
          `${r.period} ${r.year}: ${[
            r.arrivals_from_kz !== null ? `${n(r.arrivals_from_kz)} ${t('panel.fromKZ')}` : '',
            r.departures_to_kz !== null ? `${n(r.departures_to_kz)} ${t('panel.toKZ')}` : '',
            r.net_with_kz !== null ? `${t('panel.net')} ${n(r.net_with_kz, true)}` : '',
          ]
            .filter(Boolean)
            .join(', ')} — ${r.statistic} (${r.source_id})`,
      ),
      ...summary.otherPopulation.map(
        (r) => `${name(r.unit_code)}: ${n(r.population)}, ${r.reference} (${r.source_id})`,
      ),
    ];
    for (const id of [...summary.otherRegional, ...summary.external, ...summary.russia].flatMap((r) =>
      splitSources(r.source_id),
    ))
      sources.add(id);

    replace(this.element, [
      close,
      el('h2', { id: 'region-title' }, [title]),
      hiddenUnits.length > 0 &&
        el('p', { class: 'panel-note' }, [t('panel.boundaryNote', { units: hiddenUnits.map(name).join(', ') })]),
      summary.country === 'RU' && el('p', { class: 'panel-note' }, [t('panel.russiaMissing')]),
      el('h3', {}, [t('panel.totals', { year })]),
      figures,
      summary.country === 'KZ' && !summary.flows && el('p', { class: 'panel-note' }, [t('panel.noFlows', { year })]),
      unitTable,
      summary.flows && flowList('panel.topIn', summary.flows.topIn),
      summary.flows && flowList('panel.topOut', summary.flows.topOut),
      other.length > 0 && el('h3', {}, [t('panel.other')]),
      other.length > 0 &&
        el(
          'ul',
          { class: 'other' },
          other.map((o) => el('li', {}, [o])),
        ),
      el('p', { class: 'panel-sources' }, [
        `${t('panel.sources')}: `,
        [...sources]
          .filter((id) => model.sources.has(id))
          .map((id) => `${id} ${model.sources.get(id)!.publisher}`)
          .join('; '),
      ]),
    ]);
    this.element.hidden = false;
  }
}
