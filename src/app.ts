/**
 * Wires the pieces together: the embedded data, the view state (URL) and
 * playback, the map, and the panels. Derived data is prepared once here;
 * each change only looks up what it needs.
 */
import type { PickingInfo } from '@deck.gl/core';
import type { FeatureCollection, Geometry } from 'geojson';
import regionsUrl from '../geo/regions.geojson?url';
import basemapUrl from '../geo/basemap.geojson?url';
import {
  arcFilterRange,
  filterValuesFor,
  passingArcs,
  type ArcBuffers,
  type ArcRecord,
  type YearSlice,
} from './core/arcs';
import { NO_DATA, type ColourScale, type Rgba } from './core/scales';
import { yearCoverage } from './core/coverage';
import { embeddedTableTexts } from './core/embedded';
import { formatNumber, localeOf } from './core/format';
import { polygonName } from './core/labels';
import { loadDataset, type Dataset } from './core/load';
import { MEASURE_IDS, measureInfo, type MeasureId, type PolygonValue } from './core/measures';
import type { Geography } from './core/model';
import { northSouthSeries, type GroupDensity } from './core/north-south';
import { NO_ANCHORS, prepareData, type PreparedData } from './core/prepared';
import { DataManager } from './datasets/data-manager';
import { regionSummary } from './core/region-summary';
import { initialLanguage, rememberLanguage, translate, type MessageKey } from './i18n';
import { en } from './i18n/en';
import { placeName } from './i18n/names';
import { DARK, HIGH_CONTRAST, LIGHT } from './render/basemap-style';
import { outlineSegments, type OutlineSegments } from './core/outlines';
import { placeLabels } from './render/label-placement';
import {
  buildLayers,
  DARK_THEME,
  HIGH_CONTRAST_THEME,
  labelSize,
  THEME,
  type LabelDatum,
  type RegionProps,
  type Theme,
  layerKind,
} from './render/layers';
import { MapView, type MapViewOptions } from './render/map-view';
import { drawsInYear } from './render/year-layers';
import { Presenter } from './presenter/presenter';
import { Playback } from './state/playback';
import {
  DEFAULT_VIEW,
  readUrlState,
  urlCamera,
  writeUrlState,
  type UrlContext,
  type ViewState,
} from './state/url-state';
import { SettingsControl, type SettingsPatch } from './ui/controls';
import { el } from './ui/dom';
import { LegendControl } from './ui/legend';
import { NorthSouthPanel } from './ui/north-south-panel';
import { NoticeArea } from './ui/notice';
import { RegionPanel } from './ui/region-panel';
import { TimelineControl } from './ui/timeline';
import { Announcer } from './ui/announcer';
import { AppHeader } from './ui/header';
import { HelpOverlay } from './ui/help-overlay';
import { RegionSearch, type RegionOption } from './ui/region-search';
import { TableView } from './ui/table-view';
import { Tooltip } from './ui/tooltip';

export const FONT_FAMILY = '"Noto Sans", sans-serif';

/** The prepared data plus the caches of what is drawn from it (rebuilt with the dataset). */
interface Derived extends PreparedData {
  labelCache: Map<string, LabelDatum[]>;
  fillCache: Map<string, ReadonlyMap<string, Rgba>>;
}

/** The view settings kept in the browser across restarts (the rest comes from links). */
const SETTING_KEYS = ['measure', 'scale', 'topN', 'minFlow', 'showExternal'] as const;
function pickSettings(s: Partial<ViewState>): Partial<ViewState> {
  const out: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) if (s[k] !== undefined && (k !== 'measure' || s[k] !== 'custom')) out[k] = s[k];
  return out as Partial<ViewState>;
}

/** Polygons while a question hides the values: one neutral colour, unlike the no-data grey. */
const HIDDEN_FILL: Rgba = [222, 216, 202, 255];

/** Outside a spotlight: the colour washed towards white, so the lit regions stand out. */
const dim = (c: Rgba): Rgba => [c[0] + (255 - c[0]) * 0.7, c[1] + (255 - c[1]) * 0.7, c[2] + (255 - c[2]) * 0.7, 160];

function prepareDerived(dataset: Dataset): Derived {
  return { ...prepareData(dataset), labelCache: new Map(), fillCache: new Map() };
}

export class App {
  state: ViewState;
  /** The data shown: the built-in data, or an imported dataset on top of it. */
  dataset: Dataset;
  readonly builtIn: Dataset;
  readonly data: DataManager;
  readonly playback: Playback;
  private derived: Derived;
  /** The regions' outlines as line segments (made with the regions). */
  private outlines: OutlineSegments;
  private map: MapView | null = null;
  private internalFilter: Float32Array;
  private externalFilter: Float32Array;
  readonly notices = new NoticeArea();
  readonly presenter: Presenter;
  readonly fontFamily = FONT_FAMILY;
  private readonly tooltip = new Tooltip();
  private readonly legend = new LegendControl();
  private readonly settings: SettingsControl;
  private readonly timeline: TimelineControl;
  private readonly regionPanel: RegionPanel;
  private readonly northSouth = new NorthSouthPanel();
  private readonly status = el('p', { class: 'status', 'data-testid': 'status' });
  private readonly header: AppHeader;
  private readonly regionSearch: RegionSearch;
  private readonly tableView = new TableView();
  private readonly help = new HelpOverlay();
  private readonly announcer = new Announcer();
  /** A text description of the map for screen readers, updated with the year and selection. */
  private readonly description = el('p', { id: 'map-description', class: 'visually-hidden' });
  private readonly credit = el('p', { class: 'credit' });
  private readonly colourScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  private nsSeries: GroupDensity[];
  private urlTimer: ReturnType<typeof setTimeout> | null = null;
  /** Frames deck.gl has drawn since the layers last changed; tests and the benchmark wait on it. */
  framesSinceUpdate = 0;
  framesDrawn = 0;
  /** performance.now() at the end of the first map frame drawn with the layers (arcs included). */
  firstFrameAt: number | null = null;
  private layersSet = false;
  /**
   * The first frame draws what it shows: the regions, and the arcs and nodes
   * of the shown year. The rest joins once that frame is drawn and the label
   * font has loaded: the region labels (their font atlas and text layout) and
   * the other years' layers (made once, drawn only in their year).
   */
  private restShown = false;
  private fontsLoaded = false;
  private restScheduled = false;
  /** Whether the page was opened with a view in its URL (else the saved settings apply). */
  private readonly hadUrlState: boolean;
  private measureContext: CanvasRenderingContext2D | null = null;
  /** Label widths by size and text: measured once (labels are placed again on every camera stop). */
  private readonly textWidths = new Map<string, number>();
  private readonly placedCache = new WeakMap<LabelDatum[], { key: string; labels: LabelDatum[] }>();

  constructor(
    private readonly root: HTMLElement,
    private regions: FeatureCollection<Geometry, RegionProps>,
  ) {
    this.outlines = outlineSegments(regions);
    this.dataset = this.builtIn = loadDataset(embeddedTableTexts());
    const { model, measures } = this.dataset;

    const defaults: ViewState = {
      ...DEFAULT_VIEW,
      year: Math.min(DEFAULT_VIEW.year, model.yearRange[1]),
      lang: initialLanguage(),
    };
    this.state = defaults;
    this.presenter = new Presenter(this);
    const parsed = readUrlState(location.search, this.urlContext(defaults));
    // Imported figures arrive once storage has opened; until then the measure cannot be theirs.
    this.state = { ...parsed.state, measure: parsed.state.measure === 'custom' ? 'net' : parsed.state.measure };
    this.hadUrlState = location.search.length > 1;

    this.derived = prepareDerived(this.dataset);
    this.internalFilter = this.derived.internal.filterValues;
    this.externalFilter = this.derived.external.filterValues;
    this.applySelection();
    this.nsSeries = northSouthSeries(measures);

    const years: number[] = [];
    for (let y = model.yearRange[0]; y <= model.yearRange[1]; y++) years.push(y);
    this.playback = new Playback(years, this.state.year);
    this.playback.subscribe((p) => {
      if (p.year !== this.state.year) this.update({ year: p.year });
    });

    const t = this.t;
    this.settings = new SettingsControl((patch: SettingsPatch) => this.update(patch), t);
    this.timeline = new TimelineControl(this.playback, t);
    this.timeline.setCoverage(yearCoverage(model, (y) => this.derived.externalYears.has(y)));
    this.data = new DataManager(this, this.builtIn, this.regions);
    this.regionPanel = new RegionPanel(() => this.update({ selected: null }));
    this.header = new AppHeader({
      setLanguage: (lang) => this.update({ lang }),
      openTable: () => this.openTable(),
      openHelp: () => this.help.dialog.open(),
      leaveProjector: () => this.presenter.setProjector(false),
    });
    this.regionSearch = new RegionSearch((polygonId) => this.update({ selected: polygonId }), t);
    this.layout();
    this.relabel();
    let wasPlaying = false;
    this.playback.subscribe((p) => {
      // While playing, years are not announced one by one; where playback stops, it is.
      if (p.playing) this.announcer.cancel();
      else if (wasPlaying) this.announcer.say(this.t('announce.paused', { year: p.year }));
      wasPlaying = p.playing;
    });
    this.colourScheme?.addEventListener('change', () => this.render());

    if (parsed.rejected.some((r) => r.param === 'v'))
      this.notices.show(t('notice.urlVersion'), t('notice.dismiss'), 'warning');
    else if (parsed.rejected.length)
      this.notices.show(
        t('notice.urlRejected', {
          // The rejected values are shown as text, never as markup; long ones are shortened.
          params: parsed.rejected
            .map((r) => `${r.param} = “${r.value.length > 40 ? `${r.value.slice(0, 40)}…` : r.value}” (${r.reason})`)
            .join('; '),
        }),
        t('notice.dismiss'),
        'warning',
      );
    if (this.dataset.issues.length) {
      console.warn('Data issues', this.dataset.issues);
      this.notices.show(t('app.dataError'), t('notice.dismiss'), 'warning');
    }
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
  }

  readonly t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(this.state.lang, key, params);

  /** What the map reports (startApp creates it before the app, and hands its events on). */
  readonly mapEvents: Required<Pick<MapViewOptions, 'onHover' | 'onClick' | 'onMove' | 'onAfterRender'>> = {
    onHover: (info) => this.onHover(info),
    onClick: (info, at) => {
      if (!this.presenter.onMapClick(at.lon, at.lat)) this.onClick(info);
    },
    onMove: (camera) => {
      this.update({ camera }, { silent: true });
      // Label overlaps depend on the zoom and the view: placed again when the camera stops.
      this.render();
    },
    onAfterRender: () => {
      if (this.layersSet) this.firstFrameAt ??= performance.now();
      this.framesDrawn++;
      this.framesSinceUpdate++;
      if (this.layersSet && !this.restScheduled) {
        this.restScheduled = true;
        // Not from inside deck.gl's frame: the labels come with the next one.
        setTimeout(() => this.showRestWhenReady());
      }
    },
  };

  /**
   * Draws on the map once it has loaded; if it could not be created (no
   * WebGL2) or fails to load, the panels keep working and say so.
   */
  async startMap(view: MapView | Error): Promise<void> {
    try {
      if (view instanceof Error) throw view;
      this.map = view;
      await this.map.ready;
      this.presenter.attach();
      await this.data.start();
      if (!this.hadUrlState) {
        // Saved as a link's query, so that the link's validation guards what comes back.
        const saved = await this.data.savedSettings<string>();
        if (typeof saved === 'string') this.update(pickSettings(readUrlState(saved, this.urlContext()).state));
      }
    } catch (error) {
      console.warn(error);
      this.notices.show(this.t('app.webglError'), this.t('notice.dismiss'), 'warning');
      this.map = null;
    }
    this.render();
  }

  update(patch: Partial<ViewState>, opts: { silent?: boolean } = {}): void {
    const before = this.state;
    this.state = { ...before, ...patch };
    if (SETTING_KEYS.some((k) => k in patch))
      this.data?.saveSettings(writeUrlState({ ...DEFAULT_VIEW, ...pickSettings(this.state) }));
    if (patch.lang !== undefined && patch.lang !== before.lang) {
      rememberLanguage(patch.lang);
      this.relabel();
    }
    if (patch.year !== undefined && patch.year !== before.year && !this.playback.current.playing)
      this.announcer.say(
        this.t('announce.year', { year: patch.year, measure: this.measureText(this.state.measure).label }),
      );
    if (patch.year !== undefined && patch.year !== this.playback.current.year) this.playback.seek(patch.year);
    if (patch.selected !== undefined && patch.selected !== before.selected) this.applySelection();
    this.scheduleUrl();
    if (!opts.silent) this.render();
  }

  private applySelection(): void {
    const polygon = this.state.selected ? this.dataset.model.polygons.get(this.state.selected) : null;
    const units = polygon ? new Set(polygon.unitCodes) : null;
    this.internalFilter = filterValuesFor(this.derived.internal, units);
    this.externalFilter = filterValuesFor(this.derived.external, units);
  }

  private scheduleUrl(): void {
    // Replacing history on every frame of playback is wasteful; a short delay batches it.
    if (this.urlTimer) clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      history.replaceState(null, '', writeUrlState({ ...this.state, camera: this.map?.camera() ?? this.state.camera }));
    }, 150);
  }

  private layout(): void {
    const header = this.header.element;
    const side = el('aside', { class: 'side' }, [
      this.legend.element,
      this.regionPanel.element,
      this.northSouth.element,
    ]);
    const credit = this.credit;
    const left = el('div', { class: 'left' }, [
      this.regionSearch.element,
      this.settings.element,
      this.presenter.panel.element,
      this.data.panel.element,
    ]);
    this.root.append(
      header,
      left,
      side,
      el('div', { class: 'story-area' }, [this.presenter.storyPanel.element]),
      el('footer', { class: 'bottom' }, [this.status, this.timeline.element, credit]),
      this.tooltip.element,
      this.notices.element,
      this.announcer.element,
      this.description,
      this.tableView.dialog.element,
      this.data.dialog.dialog.element,
      this.help.dialog.element,
    );
    document.getElementById('map')?.setAttribute('aria-describedby', 'map-description');
  }

  private urlContext(defaults: ViewState = this.state): UrlContext {
    const { model } = this.dataset;
    return {
      yearRange: model.yearRange,
      selectable: new Set(model.polygons.keys()),
      stories: this.presenter.storyIds(),
      defaults,
    };
  }

  /**
   * Shows a dataset: the built-in data (id null) or an import on top of it.
   * Everything prepared from the data is prepared again; the view keeps its
   * year and settings where they still make sense.
   */
  showDataset(id: string | null, dataset: Dataset, regions: FeatureCollection<Geometry, RegionProps>): void {
    this.dataset = dataset;
    this.regions = regions;
    this.outlines = outlineSegments(regions);
    this.derived = prepareDerived(dataset);
    this.nsSeries = northSouthSeries(dataset.measures);
    this.timeline.setCoverage(yearCoverage(dataset.model, (y) => this.derived.externalYears.has(y)));
    this.regionSearch.setOptions(this.regionOptions());
    this.settings.setMeasures(this.measureOptions());
    const measure = dataset.model.custom ? 'custom' : this.state.measure === 'custom' ? 'net' : this.state.measure;
    const selected =
      this.state.selected && dataset.model.polygons.has(this.state.selected) ? this.state.selected : null;
    this.state = { ...this.state, selected };
    this.applySelection();
    this.update({ dataset: id, measure, selected });
    // The list marks which dataset is shown.
    this.data.render();
  }

  /** Texts that change only with the language. */
  private relabel(): void {
    const { lang } = this.state;
    const t = this.t;
    document.documentElement.lang = lang;
    document.title = t('app.title');
    document.getElementById('map')?.setAttribute('aria-label', t('app.title'));
    this.header.render(lang, t);
    this.settings.setTranslator(t);
    this.settings.setMeasures(this.measureOptions());
    this.timeline.setTranslator(t);
    this.regionSearch.setTranslator(t);
    this.regionSearch.setOptions(this.regionOptions());
    this.help.render(t);
    this.data.render();
    this.credit.textContent = `${t('about.credit')} ${t('about.boundaries')}`;
  }

  /** Every drawn region, and every unit without a boundary of its own pointing to the region it lies in. */
  private regionOptions(): RegionOption[] {
    const { model } = this.dataset;
    const { lang } = this.state;
    const allNames = (code: string) => {
      const u = model.units.get(code)!;
      return [u.name_en, u.name_ru, u.name_kk, u.short_en, u.short_ru, u.short_kk, u.legacy_code ?? '', u.unit_code];
    };
    const options: RegionOption[] = [];
    for (const polygon of model.polygons.values()) {
      const area = polygonName(model, polygon.id, null, lang);
      options.push({ polygonId: polygon.id, label: area, detail: '', names: polygon.unitCodes.flatMap(allNames) });
      if (polygon.unitCodes.length > 1)
        for (const unit of polygon.unitCodes.slice(1))
          options.push({
            polygonId: polygon.id,
            label: placeName(model, unit, lang),
            detail: this.t('search.inArea', { area }),
            names: allNames(unit),
          });
    }
    return options.sort((a, b) => a.label.localeCompare(b.label, localeOf(lang)));
  }

  private openTable(): void {
    this.renderTable();
    this.tableView.dialog.open();
  }

  private renderTable(): void {
    const { model, measures } = this.dataset;
    const { state } = this;
    const info = measureInfo(state.measure);
    const name = (code: string) =>
      code === 'KZ' ? this.t('tooltip.nationalAnchor') : placeName(model, code, state.lang);
    const records = (b: ArcBuffers) => {
      const slice = b.slices.get(state.year);
      return slice ? b.records.slice(slice.offset, slice.offset + slice.length) : [];
    };
    const hidden = this.presenter.hidesValues;
    const internal = this.visibleArcs(this.derived.internal, this.internalFilter);
    this.tableView.render({
      year: state.year,
      measureLabel: this.measureText(state.measure).label,
      unit: this.measureText(state.measure).unit,
      digits: info.digits,
      signed: info.scale === 'diverging',
      regions: [...measures.values(state.measure, state.year).values()].map((v) => ({
        name: polygonName(model, v.polygonId, v.geography, state.lang),
        value: hidden ? null : v.value,
        sources: v.sourceIds.join(', '),
      })),
      flows: hidden
        ? []
        : [...records(this.derived.internal), ...records(this.derived.external)].map((r) => ({
            from: name(r.origin),
            to: name(r.destination),
            count: r.count,
            kind: r.kind,
            sources: r.sourceIds.join(', '),
          })),
      shown: internal.shown,
      internalCount: internal.total,
      lang: state.lang,
      t: this.t,
    });
  }

  /** The canvas's text description: what the map shows now. */
  private describeMap(values: Map<string, PolygonValue>): string {
    const { model } = this.dataset;
    const { state } = this;
    const t = this.t;
    const info = measureInfo(state.measure);
    const measure = this.measureText(state.measure).label;
    const kz = [...values.values()].filter(
      (v) => v.value !== null && model.polygons.get(v.polygonId)?.country === 'KZ',
    );
    const fmt = (v: PolygonValue) =>
      `${polygonName(model, v.polygonId, v.geography, state.lang)} ${formatNumber(v.value!, state.lang, { digits: info.digits, signed: info.scale === 'diverging' })}`;
    const sorted = [...kz].sort((a, b) => b.value! - a.value!);
    const internal = this.visibleArcs(this.derived.internal, this.internalFilter);
    return [
      t('describe.map', { measure, year: state.year }),
      !this.presenter.hidesValues && sorted.length
        ? t('describe.extremes', { high: fmt(sorted[0]!), low: fmt(sorted[sorted.length - 1]!) })
        : '',
      internal.total ? t('describe.flows', { shown: internal.shown, count: internal.total }) : t('describe.noFlows'),
      state.selected ? t('describe.selected', { region: polygonName(model, state.selected, null, state.lang) }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  /** Everything that depends on the state; cheap, so it runs on every change. */
  render(): void {
    const { state } = this;
    const { model, measures } = this.dataset;
    const { colours } = this.derived;
    const scale = colours.scale(state.measure, state.year, state.scale);
    const values = measures.values(state.measure, state.year);
    const notes = [...new Set([...values.values()].flatMap((v) => v.notes))];
    const hidden = this.presenter.hidesValues;
    const dark = !state.highContrast && (this.colourScheme?.matches ?? false);
    const theme = this.theme();
    this.settings.show(state);
    this.legend.update({
      measure: state.measure,
      ...this.measureText(state.measure),
      year: state.year,
      scale,
      scaleMode: state.scale,
      yearRange: model.yearRange,
      notes: notes.map((n) => `legend.${n}` as MessageKey),
      showExternal: state.showExternal,
      hidden,
      theme,
      lang: state.lang,
      t: this.t,
    });
    this.renderStatus(values);
    if (state.selected && !hidden) {
      const summary = regionSummary(measures, state.selected, state.year);
      if (summary) this.regionPanel.show(summary, model, state.lang, this.t);
    } else this.regionPanel.hide();
    this.northSouth.update(this.nsSeries, state.year, model, state.lang, this.t);
    this.presenter.render();
    this.description.textContent = this.describeMap(values);
    if (this.tableView.dialog.isOpen) this.renderTable();
    this.root.dataset.year = String(state.year);
    this.root.dataset.measure = state.measure;

    if (!this.map) return;
    this.map.setBasemapColours(state.highContrast ? HIGH_CONTRAST : dark ? DARK : LIGHT);
    const spotlight = this.presenter.spotlight();
    const fill = this.fillColours(hidden, spotlight);
    const textScale = state.view === 'projector' ? 1.8 : 1;
    this.framesSinceUpdate = 0;
    this.layersSet = true;
    const layers = buildLayers({
      regions: this.regions,
      outlines: this.outlines,
      selected: state.selected,
      fillColours: fill.colours,
      fillKey: fill.key,
      internal: this.derived.internal,
      internalFilter: this.internalFilter,
      external: this.derived.external,
      externalFilter: this.externalFilter,
      showExternal: state.showExternal,
      showFlows: !hidden,
      arcRange: arcFilterRange(state.year, state.minFlow, state.topN),
      nodes: this.derived.nodes,
      year: state.year,
      // Placed only once the font has loaded: their widths are measured in it.
      labels: this.restShown ? this.placedLabels(this.labels(this.geographyOf(values)), textScale) : [],
      anchors: (this.derived.anchorsByYear.get(state.year) ?? NO_ANCHORS).positions,
      fontFamily: FONT_FAMILY,
      textScale,
      theme,
    });
    this.map.showYear(state.year);
    this.map.setLayers(
      this.restShown ? layers : layers.filter((layer) => layer.id !== 'labels' && drawsInYear(layer.id, state.year)),
    );
  }

  /** The colours of labels, outlines and arcs: high contrast, or following the system's dark theme. */
  private theme(): Theme {
    if (this.state.highContrast) return HIGH_CONTRAST_THEME;
    return this.colourScheme?.matches ? DARK_THEME : THEME;
  }

  /**
   * The polygons' colours for the current view: the measure's colours, dimmed
   * outside a spotlight, or one neutral colour while a question hides them.
   * Memoised by what they depend on, so deck.gl's update trigger is a string.
   */
  private fillColours(hidden: boolean, spotlight: string[]): { colours: ReadonlyMap<string, Rgba>; key: string } {
    const { measure, year, scale } = this.state;
    const key = hidden ? 'hidden' : `${measure}|${year}|${scale}|${spotlight.join(',')}`;
    let colours = this.derived.fillCache.get(key);
    if (!colours) {
      const base = this.derived.colours.colours(measure, year, scale);
      const lit = new Set(spotlight);
      colours = new Map(
        [...this.dataset.model.polygons.keys()].flatMap((id): [string, Rgba][] => {
          if (hidden) return [[id, HIDDEN_FILL]];
          const c = base.get(id);
          if (lit.size === 0 || lit.has(id)) return c ? [[id, c]] : [];
          return [[id, dim(c ?? NO_DATA)]];
        }),
      );
      this.derived.fillCache.set(key, colours);
    }
    return { colours, key };
  }

  /** The colour scale the legend shows now (for exports). */
  currentScale(): ColourScale {
    return this.derived.colours.scale(this.state.measure, this.state.year, this.state.scale);
  }

  /** A measure's name and unit in the current language (the imported one carries its own name). */
  measureText(measure: MeasureId, year = this.state.year): { label: string; unit: string } {
    const custom = this.dataset.model.custom;
    const params = {
      year,
      next: year + 1,
      name: custom?.name ?? '',
      unit: custom?.unit ?? '',
      source: custom ? (this.dataset.model.sources.get(custom.sourceId)?.title ?? custom.sourceId) : '',
    };
    return {
      label: this.t(`measure.${measure}` as MessageKey, params),
      unit: this.t(`unit.${measure}` as MessageKey, params),
    };
  }

  /** The measures the settings offer: the imported one only when the data has it. */
  private measureOptions(): { id: MeasureId; label: string }[] {
    return MEASURE_IDS.filter((id) => id !== 'custom' || this.dataset.model.custom).map((id) => ({
      id,
      label: this.measureText(id).label,
    }));
  }

  flowsText(): string {
    const { total, shown } = this.visibleArcs(this.derived.internal, this.internalFilter);
    return total ? this.t('present.exportFlows', { shown, count: total }) : this.t('describe.noFlows');
  }

  mapView(): MapView | null {
    return this.map;
  }

  /** Resolves after deck.gl's next frame, or after 30 s (deck.gl draws only on change). */
  nextFrame(): Promise<void> {
    const start = this.framesDrawn;
    const deadline = performance.now() + 30_000;
    this.map?.map.triggerRepaint();
    return new Promise((resolve) => {
      const poll = () =>
        this.framesDrawn > start || performance.now() > deadline ? resolve() : requestAnimationFrame(poll);
      requestAnimationFrame(poll);
    });
  }

  /** Screen position (CSS pixels, page coordinates) of a longitude/latitude; for tests. */
  project(lon: number, lat: number): [number, number] | null {
    if (!this.map) return null;
    const p = this.map.map.project([lon, lat]);
    const box = this.map.canvas().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
  }

  /** True once the map exists and deck.gl has drawn the current layers, labels included, at least once. */
  isDrawn(): boolean {
    return this.map !== null && this.restShown && this.framesSinceUpdate > 0;
  }

  /** Called when the label font has loaded (or failed to: the labels then use the fallback font). */
  fontsReady(): void {
    this.fontsLoaded = true;
    this.showRestWhenReady();
  }

  private showRestWhenReady(): void {
    if (this.restShown || !this.fontsLoaded || this.firstFrameAt === null) return;
    this.restShown = true;
    this.render();
  }

  private geographyOf(values: Map<string, PolygonValue>): Geography | null {
    for (const v of values.values()) if (v.geography && v.geography !== 'RU') return v.geography;
    return null;
  }

  /** Region labels in the current language, naming every unit a polygon sums; memoised. */
  private labels(geography: Geography | null): LabelDatum[] {
    const { lang, showExternal, year } = this.state;
    const anchors = showExternal ? (this.derived.anchorsByYear.get(year) ?? NO_ANCHORS).codes : [];
    // Years with the same units and anchors share one array, so deck.gl keeps its text layout.
    const key = `${lang}|${geography}|${anchors.join(',')}`;
    let labels = this.derived.labelCache.get(key);
    if (labels) return labels;
    const { model } = this.dataset;
    labels = this.regions.features
      .filter((f) => model.polygons.has(f.properties.polygon_id))
      .map((f) => ({
        position: [f.properties.label_lon, f.properties.label_lat] as [number, number],
        text: polygonName(model, f.properties.polygon_id, geography, lang, { short: true, separator: '\n+ ' }),
        kind: 'region' as const,
        // The two big cities' small polygons would otherwise give way to the oblasts around them.
        priority:
          f.properties.country === 'RU'
            ? 1
            : model.units.get(model.polygons.get(f.properties.polygon_id)!.unitCodes[0]!)!.kind === 'city'
              ? 3
              : 2,
      }));
    for (const code of anchors)
      labels.push({
        position: model.anchors.get(code)!,
        text: code === 'KZ' ? this.t('tooltip.nationalAnchor') : placeName(model, code, lang),
        kind: 'anchor',
        priority: 0,
      });
    this.derived.labelCache.set(key, labels);
    return labels;
  }

  /**
   * The labels that fit without overlapping at the current camera. The result
   * is memoised by which labels fit, so deck.gl only lays text out again when
   * that set changes.
   */
  private placedLabels(labels: LabelDatum[], textScale: number): LabelDatum[] {
    if (!this.map) return labels;
    const map = this.map.map;
    const ctx = (this.measureContext ??= document.createElement('canvas').getContext('2d')!);
    const placed = placeLabels(labels, {
      project: (p) => {
        const { x, y } = map.project(p);
        return [x, y];
      },
      measure: (line, size) => {
        const key = `${size}|${line}`;
        let width = this.textWidths.get(key);
        if (width === undefined) {
          ctx.font = `600 ${size}px ${FONT_FAMILY}`;
          this.textWidths.set(key, (width = ctx.measureText(line).width));
        }
        return width;
      },
      size: (l) => labelSize(l, textScale),
    });
    const key = placed.map((l) => labels.indexOf(l)).join(',');
    const cached = this.placedCache.get(labels);
    if (cached?.key === key) return cached.labels;
    this.placedCache.set(labels, { key, labels: placed });
    return placed;
  }

  private visibleArcs(buffers: ArcBuffers, filter: Float32Array): { total: number; shown: number } {
    const { year, minFlow, topN } = this.state;
    return {
      total: buffers.slices.get(year)?.length ?? 0,
      shown: passingArcs(buffers, filter, year, arcFilterRange(year, minFlow, topN)).length,
    };
  }

  private renderStatus(values: Map<string, PolygonValue>): void {
    const { year } = this.state;
    const { model } = this.dataset;
    if (this.presenter.hidesValues) {
      this.status.textContent = this.t('story.hidden');
      this.status.dataset.arcs = '0';
      return;
    }
    const internal = this.visibleArcs(this.derived.internal, this.internalFilter);
    const external = this.visibleArcs(this.derived.external, this.externalFilter);
    const quality = model.flows.find((f) => f.year === year)?.quality_flag;
    const parts = [
      internal.total
        ? this.t('status.flows', { year, count: internal.total, shown: internal.shown })
        : this.t('status.noFlows', { year }),
      quality ? this.qualityNote(quality) : '',
      this.state.showExternal
        ? external.total
          ? this.t('status.external', { count: external.total })
          : this.t('status.noExternal')
        : '',
      this.state.showExternal ? this.nationalExternal() : '',
      [...values.values()].some((v) => v.value === null && model.polygons.get(v.polygonId)?.country === 'KZ')
        ? this.t('status.gap', { year })
        : '',
    ];
    this.status.textContent = parts.filter(Boolean).join(' ');
    this.status.dataset.arcs = String(internal.shown);
  }

  /** Kazakhstan's full-year immigrants and emigrants (all countries), where the sources give them. */
  private nationalExternal(): string {
    const { year, lang } = this.state;
    const row = this.dataset.model.external.find(
      (r) =>
        r.level === 'national' &&
        r.partner === 'ALL' &&
        r.year === String(year) &&
        r.period === 'Jan-Dec' &&
        r.status === 'chosen',
    );
    if (!row || row.emigrants === null) return '';
    const n = (v: number) => formatNumber(v, lang);
    const source = /rounded/.test(row.quality_flag) ? `${row.source_id}, ${this.t('status.rounded')}` : row.source_id;
    return row.immigrants === null
      ? this.t('status.nationalEmigrants', { year, out: n(row.emigrants), source })
      : this.t('status.nationalExternal', { year, in: n(row.immigrants), out: n(row.emigrants), source });
  }

  /** The caveat of a quality flag, if the interface has words for it. */
  private qualityNote(flag: string): string {
    const key = `quality.${flag}` as MessageKey;
    return key in en ? this.t(key) : '';
  }

  private onHover(info: PickingInfo): void {
    const lines = info.picked ? this.describe(info) : null;
    if (!lines) {
      this.tooltip.hide();
      return;
    }
    this.tooltip.show(info.x, info.y, lines.title, lines.lines);
  }

  private describe(info: PickingInfo): { title: string; lines: string[] } | null {
    const { model, measures } = this.dataset;
    const { lang, year, measure } = this.state;
    const t = this.t;
    const n = (v: number, signed = false, digits = 0) => formatNumber(v, lang, { signed, digits });
    const id = layerKind(info.layer?.id);
    if (id === 'choropleth') {
      const props = (info.object as { properties: RegionProps }).properties;
      if (!model.polygons.has(props.polygon_id))
        return { title: t('tooltip.baikonurName'), lines: [t('tooltip.baikonur')] };
      const v = measures.value(measure, props.polygon_id, year)!;
      if (this.presenter.hidesValues)
        return { title: polygonName(model, props.polygon_id, v.geography, lang), lines: [t('story.hidden')] };
      const title = polygonName(model, props.polygon_id, v.geography, lang);
      const info2 = measureInfo(measure);
      const lines = [
        `${this.measureText(measure).label}, ${year}: ${
          v.value === null ? t('tooltip.noData', { year }) : n(v.value, info2.scale === 'diverging', info2.digits)
        }`,
        v.unitCodes.length > 1
          ? t('tooltip.sum', { units: v.unitCodes.map((u) => placeName(model, u, lang)).join(' + ') })
          : '',
        v.missing.length
          ? t('tooltip.missing', { units: v.missing.map((u) => placeName(model, u, lang)).join(', ') })
          : '',
        ...v.notes.map((k) => t(`legend.${k}` as MessageKey, { year: year + 1 })),
        model.polygons.get(props.polygon_id)!.country === 'RU' && v.value === null
          ? t(
              ['population', 'density', 'change'].includes(measure)
                ? 'tooltip.russiaPopulation'
                : 'tooltip.russiaMigration',
            )
          : '',
        v.sourceIds.length ? t('tooltip.source', { source: v.sourceIds.join(', ') }) : '',
        t('tooltip.clickHint'),
      ];
      return { title, lines: lines.filter(Boolean) };
    }
    if (id === 'arcs-internal' || id === 'arcs-external') {
      const buffers = id === 'arcs-internal' ? this.derived.internal : this.derived.external;
      const r: ArcRecord | undefined = buffers.records[this.sliceOffset(buffers.slices) + info.index];
      if (!r) return null;
      const name = (code: string) => (code === 'KZ' ? t('tooltip.nationalAnchor') : placeName(model, code, lang));
      return {
        title: `${name(r.origin)} → ${name(r.destination)}`,
        lines: [
          r.measure === 'net'
            ? `${t('tooltip.net', { count: n(r.count) })} — ${t('tooltip.netFlow')}`
            : t('tooltip.migrants', { count: n(r.count) }),
          t('tooltip.year', { year: r.year }),
          r.kind === 'internal' ? t('tooltip.internal') : t('tooltip.external'),
          r.kind === 'external' ? t(r.reporter === 'KZ' ? 'tooltip.reporterKZ' : 'tooltip.reporterRU') : '',
          t('tooltip.period', { period: r.period }),
          r.kind === 'internal' ? this.qualityNote(r.qualityFlag) : '',
          t('tooltip.source', {
            source: r.sourceIds.map((s) => `${s} (${model.sources.get(s)?.publisher ?? '?'})`).join(', '),
          }),
        ].filter(Boolean),
      };
    }
    if (id === 'nodes') {
      const nodes = this.derived.nodes;
      const unit = nodes.units[this.sliceOffset(nodes.slices) + info.index];
      if (!unit) return null;
      const totals = model.flowTotals.get(year)?.get(unit);
      const u = model.units.get(unit)!;
      return {
        title: `${placeName(model, unit, lang)} (${u.centreName})`,
        lines: totals
          ? [
              `${t('panel.arrivals')}: ${n(totals.arrivals)}`,
              `${t('panel.departures')}: ${n(totals.departures)}`,
              `${t('panel.net')}: ${n(totals.net, true)}`,
            ]
          : [],
      };
    }
    return null;
  }

  /** Layers draw one year's slice: a picked index counts from the slice's start. */
  private sliceOffset(slices: Map<number, YearSlice>): number {
    return slices.get(this.state.year)?.offset ?? 0;
  }

  private onClick(info: PickingInfo): void {
    const id = layerKind(info.layer?.id);
    let polygonId: string | null = null;
    if (id === 'choropleth') polygonId = (info.object as { properties: RegionProps }).properties.polygon_id;
    else if (id === 'nodes') {
      const unit = this.derived.nodes.units[this.sliceOffset(this.derived.nodes.slices) + info.index];
      polygonId = unit ? (this.dataset.model.units.get(unit)?.polygonId ?? null) : null;
    } else if (!info.picked) return;
    if (!polygonId || !this.dataset.model.polygons.has(polygonId)) return;
    // Clicking the selected region again clears the selection.
    this.update({ selected: this.state.selected === polygonId ? null : polygonId });
  }

  private onGlobalKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    // Text fields and selects keep every key; a focused button keeps only the keys that press it.
    const typing =
      (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) ||
      (target?.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter'));
    // A presentation clicker's keys reach the story wherever the focus is, but not while typing.
    const inMap = !!target?.closest('#map');
    if (!typing && target?.getAttribute('role') !== 'slider' && this.presenter.onKey(e, inMap)) return;
    if (e.key === 'Escape') {
      if (this.state.selected) this.update({ selected: null });
      this.tooltip.hide();
      return;
    }
    if (typing || target?.getAttribute('role') === 'slider') return;
    if (this.tableView.dialog.isOpen || this.help.dialog.isOpen) return;
    if (e.key === '?') {
      e.preventDefault();
      this.help.dialog.open();
    } else if (e.key === 't' || e.key === 'T') {
      e.preventDefault();
      this.openTable();
    } else if (e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      this.presenter.setProjector(this.state.view !== 'projector');
    } else if (e.key === ' ') {
      e.preventDefault();
      this.playback.toggle();
    } else if (e.key === '[' || e.key === ']') {
      this.playback.pause();
      this.playback.step(e.key === ']' ? 1 : -1);
    }
  }
}

export async function startApp(
  root: HTMLElement,
  mapContainer: HTMLElement,
  fontsReady: Promise<unknown>,
): Promise<App> {
  // The map starts first, before the regions and the data are read and the panels are built: its
  // worker and basemap load meanwhile. What it reports before the app exists (a first camera
  // stop, empty frames) is not needed.
  let app: App | undefined;
  let view: MapView | Error;
  try {
    view = new MapView({
      container: mapContainer,
      basemapUrl,
      camera: urlCamera(location.search),
      onHover: (info) => app?.mapEvents.onHover(info),
      onClick: (info, at) => app?.mapEvents.onClick(info, at),
      onMove: (camera) => app?.mapEvents.onMove(camera),
      onAfterRender: () => app?.mapEvents.onAfterRender(),
    });
  } catch (error) {
    view = error instanceof Error ? error : new Error(String(error));
  }
  const regions = (await (await fetch(regionsUrl)).json()) as FeatureCollection<Geometry, RegionProps>;
  app = new App(root, regions);
  const ready = () => app.fontsReady();
  fontsReady.then(ready, ready);
  app.render();
  await app.startMap(view);
  return app;
}
