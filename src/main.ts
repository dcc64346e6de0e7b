/**
 * The composition root: makes the map, reads the data and the link into the
 * one store, and connects the parts that act on it (playback, the URL, the
 * panels, the presenter, the datasets, the map's renderer). No logic of its
 * own: see docs/architecture.md.
 */
// First: it starts fetching deck.gl's chunk before the rest of this script is evaluated.
import { drawingChunk } from './render/drawing-chunk';
import './styles.css';
import { bootDone, bootFailed, bootProgress } from './boot';
import { startOffline } from './offline';
import regionsUrl from '../geo/regions.topojson?url';
import basemapUrl from '../geo/basemap.geojson?url';
import { embeddedTableTexts } from './core/embedded';
import { linkNotices } from './core/view/link-notices';
import { loadDataset } from './core/load';
import type { Topology } from 'topojson-specification';
import { prepareMapData, regionsFromTopology } from './core/map-data';
import { DataManager } from './datasets/data-manager';
import { keptDatabaseExists, openDatasetStore } from './datasets/dataset-store';
import { initialLanguage, rememberLanguage } from './i18n/index';
import { Presenter } from './presenter/presenter';
import { storyLibrary } from './presenter/story-controller';
import type { MapRenderer } from './render/map-renderer';
import type { HelpOverlay } from './ui/help-overlay';
import type { TableView } from './ui/table-view';
import { MapView } from './render/map-view';
import { createAppStore, selectPicked, translatorOf, type AppState } from './state/app-state';
import { Playback } from './state/playback';
import { savedSettingsOf, settingsQuery } from './state/settings';
import { DEFAULT_VIEW, readUrlState, urlCamera, type UrlContext } from './state/url-state';
import { UrlSync, viewOf } from './state/url-sync';
import { exposeForTests } from './testing/app-api';
import { Announcer } from './ui/announcer';
import { LegendControl } from './ui/legend';
import { SettingsControl } from './ui/controls';
import { AppHeader } from './ui/header';
import { listenToKeys } from './ui/keyboard';
import { mapInsets } from './ui/free-area';
import { mountLayout } from './ui/layout';
import { MapDescription } from './ui/map-description';
import { NorthSouthPanel } from './ui/north-south-panel';
import { NoticeArea } from './ui/notice';
import { RegionPanel } from './ui/region-panel';
import { RegionSearch } from './ui/region-search';
import { StatusLine } from './ui/status-line';
import { TimelineControl } from './ui/timeline';
import { Tooltip } from './ui/tooltip';

const FONT_FAMILY = '"Noto Sans", sans-serif';

/** A part made on first use: its code is a chunk of its own, fetched then (the service worker precaches it). */
function onFirstUse<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

async function main(): Promise<void> {
  bootProgress();
  // The browser's storage opens (on a first visit it creates its database: a second or more here)
  // while the regions and data are read. Whether it holds the database is asked first, before the
  // opening creates it.
  const keptDatabase = keptDatabaseExists();
  const storage = keptDatabase.then(() => openDatasetStore());
  storage.catch(() => undefined); // awaited in data.start(), which says why it failed
  const root = document.getElementById('app')!;

  // The regions and the data are read and the panels built while deck.gl's chunk downloads
  // (src/render/drawing-chunk.ts); the map is made when it has arrived (below).
  const regions = regionsFromTopology((await (await fetch(regionsUrl)).json()) as Topology);
  const builtIn = loadDataset(embeddedTableTexts());
  const base = prepareMapData(builtIn, regions);
  const stories = storyLibrary(builtIn);
  const { model } = builtIn;
  const urlContext = (defaults = DEFAULT_VIEW): UrlContext => ({
    yearRange: model.yearRange,
    selectable: new Set(model.polygons.keys()),
    stories: new Set(stories.stories.keys()),
    defaults,
  });
  const link = readUrlState(
    location.search,
    urlContext({ ...DEFAULT_VIEW, year: Math.min(DEFAULT_VIEW.year, model.yearRange[1]), lang: initialLanguage() }),
  );
  // Only a link naming a kept dataset, or a visit without a view in the link once the browser keeps
  // the database, can change the first view: otherwise the map draws without waiting for the storage.
  const keptMayChangeView = link.state.dataset !== null || (location.search.length <= 1 && keptDatabase);
  const darkScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  // Imported figures arrive once storage has opened; until then the measure cannot be theirs.
  const store = createAppStore(
    { ...link.state, measure: link.state.measure === 'custom' ? 'net' : link.state.measure },
    base,
    darkScheme?.matches ?? false,
  );
  darkScheme?.addEventListener('change', () => store.set({ darkScheme: darkScheme.matches }));
  store.subscribe((s) => s.lang, rememberLanguage);

  const playback = new Playback(store, (s) => (s as AppState).data.years);
  const urlSync = new UrlSync(store);
  const notices = new NoticeArea();
  const presenter = new Presenter(store, playback, stories, notices, FONT_FAMILY);
  const data = new DataManager(store, base, notices, () => storage);
  data.keepSettings(savedSettingsOf, settingsQuery);
  const tooltip = new Tooltip(store);
  // The table view and the keyboard help are built when first opened.
  const dialogs: { table?: TableView; help?: HelpOverlay } = {};
  const tableView = onFirstUse(async () => {
    const view = (dialogs.table = new (await import('./ui/table-view')).TableView(store));
    root.append(view.dialog.element);
    return view;
  });
  const help = onFirstUse(async () => {
    const overlay = (dialogs.help = new (await import('./ui/help-overlay')).HelpOverlay(store));
    root.append(overlay.dialog.element);
    return overlay;
  });
  const openTable = () => void tableView().then((view) => view.open());
  const openHelp = () => void help().then((overlay) => overlay.dialog.open());
  const announcer = new Announcer();
  announcer.follow(store);
  const legend = new LegendControl(store);
  presenter.legend = legend.element;
  const layout = mountLayout(root, store, {
    header: new AppHeader(store, {
      openTable,
      openHelp,
      leaveProjector: () => presenter.setProjector(false),
    }).element,
    left: [
      new RegionSearch(store).element,
      new SettingsControl(store).element,
      presenter.panel.element,
      data.panel.element,
    ],
    side: [legend.element, new RegionPanel(store).element, new NorthSouthPanel(store).element],
    story: presenter.story.panel.element,
    bottom: [new StatusLine(store).element, new TimelineControl(playback, store).element],
    overlays: [
      tooltip.element,
      notices.element,
      announcer.element,
      new MapDescription(store).element,
      data.importer.dialog.dialog.element,
      presenter.handout.element,
    ],
  });
  listenToKeys(store, playback, {
    storyKey: (e, inMap) => presenter.story.onKey(e, inMap),
    dialogOpen: () => !!dialogs.table?.dialog.isOpen || !!dialogs.help?.dialog.isOpen,
    openHelp,
    openTable,
    toggleProjector: () => presenter.setProjector(store.get().view !== 'projector'),
    hideTooltip: () => tooltip.hide(),
  });
  const t = translatorOf(store.get());
  for (const message of linkNotices(link.rejected, t)) notices.show(message, t('notice.dismiss'), 'warning');
  if (builtIn.issues.length) {
    console.warn('Data issues', builtIn.issues);
    notices.show(t('app.dataError'), t('notice.dismiss'), 'warning');
  }

  let renderer: MapRenderer | null = null;
  let view: MapView | null = null;
  // While a canvas has lost its graphics context: said, with a button that draws again at once.
  let hideGraphicsLost: (() => void) | null = null;
  const showGraphicsLost = () => {
    const map = view;
    if (!map) return;
    const t = translatorOf(store.get());
    hideGraphicsLost?.();
    hideGraphicsLost = notices.show(t('app.contextLost'), t('notice.dismiss'), 'warning', {
      label: t('app.redraw'),
      run: () => {
        map.redraw();
        if (map.graphicsLost) showGraphicsLost();
      },
    });
  };
  // The font, once deck.gl's code has arrived (on a slow link the two would share the line): it
  // loads while the map and deck.gl start. deck.gl draws the labels into its own font atlas: they
  // wait for it, with the Kazakh letters of the cyrillic-ext subset.
  const fontsLoaded = onFirstUse(async () => {
    try {
      await (await import('./fonts')).loadFonts();
    } finally {
      renderer?.fontsReady();
    }
  });
  // After the first frame: the basemap's land and borders; then, with the fonts in, offline use
  // (the service worker's precaching would hold them back on a slow link).
  const afterFirstFrame = onFirstUse(async () => {
    view?.showBasemap();
    await fontsLoaded();
    startOffline();
  });
  exposeForTests({ store, playback, urlSync, presenter, renderer: () => renderer });

  // Draws once the map has loaded; if it could not be created (no WebGL2) or fails to load,
  // the panels keep working and say so.
  // Storage opens (the datasets kept, the view settings) while deck.gl's chunk arrives and the map starts.
  const dataStarted = data.start();
  // Reported where it is awaited (below); without a map it is not awaited.
  dataStarted.catch(() => undefined);
  try {
    const { MapLibreOverlay, MapRenderer } = await drawingChunk;
    void fontsLoaded();
    view = new MapView({
      container: document.getElementById('map')!,
      basemapUrl,
      camera: urlCamera(location.search),
      onHover: (info) => tooltip.showPicked(renderer?.pick(info) ?? null, info.x, info.y),
      onClick: (info, at) =>
        presenter.onMapClick(at.lon, at.lat) || selectPicked(store, renderer?.clicked(info) ?? null),
      onMove: (camera) => store.set({ camera }),
      onAfterRender: () => {
        renderer?.afterRender();
        if (renderer?.firstFrameAt != null) void afterFirstFrame();
      },
      onGraphics: (state) => {
        if (state === 'newCanvas') renderer?.rebuild();
        else if (state === 'restored') hideGraphicsLost?.();
        else showGraphicsLost();
      },
    });
    view.addOverlay(MapLibreOverlay);
    renderer = new MapRenderer(store, view, FONT_FAMILY);
    await view.ready;
    // Kazakhstan fits into the part of the map the panels leave free, now and when they move.
    if (store.get().camera) view.keepKazakhstanInView(mapInsets());
    else view.fitKazakhstan(mapInsets());
    layout.onChange(() => renderer?.view.keepKazakhstanInView(mapInsets()));
    // The camera the map opened at is part of the view; the URL then shows the view in full.
    if (!store.get().camera) store.set({ camera: view.camera() });
    urlSync.writeSoon();
    presenter.attach(renderer);
    if (!(await keptMayChangeView)) renderer.start();
    await dataStarted;
    if (location.search.length <= 1) {
      // Without a view in the link, the settings kept from the last visit apply.
      const saved = await data.savedSettings<string>();
      if (typeof saved === 'string')
        store.set(savedSettingsOf(readUrlState(saved, urlContext(viewOf(store.get()))).state));
    }
    renderer?.start();
  } catch (error) {
    console.warn(error);
    notices.show(t('app.webglError'), t('notice.dismiss'), 'warning');
    renderer = null;
    void afterFirstFrame();
  }
  document.body.classList.remove('loading');
  bootDone();
}

main().catch(bootFailed);
