/**
 * Pictures and videos of the map for slides, and the embed code: the current
 * view as PNG (map, arcs, legend, title, year, credits) at screen size or 2×,
 * the played timeline as WebM, and an iframe of the view without chrome.
 */
import { formatCompact } from '../core/format';
import type { Palette } from '../core/scales';
import { sourceName } from '../i18n/names';
import { THEME } from '../core/theme';
import { measureText } from '../core/view/measure-text';
import { flowsText } from '../core/view/status';
import { exportPicture, recordTimeline, videoMimeType } from '../render/export';
import type { MapRenderer } from '../render/map-renderer';
import { translatorOf, viewInputOf, type AppStore } from '../state/app-state';
import type { Playback } from '../state/playback';
import { writeUrlState } from '../state/url-state';
import { viewOf } from '../state/url-sync';
import { download } from '../ui/download';
import type { NoticeArea } from '../ui/notice';

export class Capture {
  /** "Recording… 2015" while a video records (the panel shows it), else null. */
  recording: string | null = null;
  renderer: MapRenderer | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly playback: Playback,
    private readonly notices: NoticeArea,
    private readonly fontFamily: string,
    /** Called when `recording` changes. */
    private readonly onRecording: () => void,
  ) {}

  /** The composed picture of the current view (also used by the tests), in the screen's or the print palette. */
  async picture(scale: 1 | 2, palette: Palette = 'screen'): Promise<Blob> {
    const renderer = this.renderer;
    if (!renderer) throw new Error('no map');
    renderer.setPalette(palette);
    try {
      return await this.compose(renderer, scale, palette);
    } finally {
      renderer.setPalette('screen');
    }
  }

  private compose(renderer: MapRenderer, scale: 1 | 2, palette: Palette): Promise<Blob> {
    const { view } = renderer;
    const s = this.store.get();
    const t = translatorOf(s);
    const { model } = s.data.dataset;
    const scaleNow = s.data.prepared.colours.scale(s.measure, s.year, s.scale);
    const { label: measure, unit } = measureText(model, s.measure, s.year, t);
    const sources = [...model.sources.values()]
      .filter((x) => /^S0[12]$/.test(x.source_id))
      .map((x) => sourceName(model, x.source_id, s.lang));
    return exportPicture(
      {
        map: view.map,
        canvases: () => view.canvases(),
        setPixelRatio: (r) => view.setPixelRatio(r),
        scale: scaleNow,
        palette,
        arcColours: [THEME.origin, THEME.destination],
        font: this.fontFamily,
        nextFrame: () => renderer.nextFrame(),
        text: {
          title: t('present.exportTitle', { measure, year: s.year }),
          subtitle: `${unit} · ${flowsText(viewInputOf(s))}`,
          unit,
          noData: t('legend.noData'),
          arcs: `${t('legend.arcs')}: ${t('legend.arcsWidth').toLowerCase()}`,
          credit: t('present.exportCredit', { sources: sources.join('; ') }),
          tickLabel: (v) => formatCompact(v, s.lang, { signed: scaleNow.kind === 'diverging' }),
          hiddenNote: s.hidden ? t('story.hidden') : undefined,
        },
      },
      scale,
    );
  }

  async savePicture(scale: 1 | 2): Promise<void> {
    const { measure, year } = this.store.get();
    download(await this.picture(scale), `kz-migration-${measure}-${year}${scale === 2 ? '@2x' : ''}.png`);
  }

  async recordVideo(): Promise<void> {
    const renderer = this.renderer;
    const s = this.store.get();
    const t = translatorOf(s);
    if (!renderer || this.recording) return;
    if (!videoMimeType()) {
      this.notices.show(t('present.videoUnsupported'), t('notice.dismiss'), 'warning');
      return;
    }
    const { playback, store } = this;
    playback.pause();
    const startYear = s.year;
    const years = playback.years;
    this.setRecording(t('present.recording', { year: years[0]! }));
    try {
      const blob = await recordTimeline({
        canvases: () => renderer.view.canvases(),
        years,
        showYear: async (year) => {
          store.set({ year });
          await renderer.nextDeckFrame();
        },
        title: `${t('app.title')} — ${measureText(s.data.dataset.model, s.measure, s.year, t).label}`,
        credit: t('about.credit'),
        font: this.fontFamily,
        // At the timeline's chosen speed: the video plays as the class saw the map play.
        msPerYear: playback.msPerYear,
        onYear: (year) => this.setRecording(t('present.recording', { year })),
        onFrame: (listener) => {
          const { map } = renderer.view;
          const offDeck = renderer.onFrame(listener);
          map.on('render', listener);
          return () => {
            offDeck();
            map.off('render', listener);
          };
        },
      });
      download(blob, `kz-migration-${s.measure}-timeline.webm`);
    } finally {
      this.setRecording(null);
      store.set({ year: startYear });
    }
  }

  /** The iframe code of the current view without chrome. */
  embedCode(): string {
    const s = this.store.get();
    const url = `${location.origin}${location.pathname}${writeUrlState({ ...viewOf(s), view: 'embed', story: null })}`;
    return `<iframe src="${url.replace(/"/g, '&quot;')}" width="960" height="600" style="border:0" title="${translatorOf(s)('app.title')}" loading="lazy"></iframe>`;
  }

  async copyEmbed(): Promise<void> {
    const t = translatorOf(this.store.get());
    const code = this.embedCode();
    try {
      await navigator.clipboard.writeText(code);
      this.notices.show(t('present.embedCopied'), t('notice.dismiss'));
    } catch {
      // Clipboard refused (permissions, insecure context): show the code to copy by hand.
      this.notices.show(`${t('present.embedCode')}: ${code}`, t('notice.dismiss'));
    }
  }

  private setRecording(text: string | null): void {
    this.recording = text;
    this.onRecording();
  }
}
