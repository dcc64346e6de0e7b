/**
 * Presenter and classroom features on top of the map: stories (steps with
 * camera and year animation, questions, citations), the projector view, high
 * contrast, the spotlight, notes, pictures, video and the embed code. The app
 * asks it what to hide or dim and hands it keys and map clicks first.
 */
import { formatCompact } from '../core/format';
import type { MeasureId } from '../core/measures';
import type { Dataset } from '../core/load';
import type { ColourScale } from '../core/scales';
import type { MessageKey } from '../i18n';
import { THEME } from '../render/layers';
import type { MapView } from '../render/map-view';
import { download, exportPicture, recordTimeline, videoMimeType } from '../render/export';
import { NotesStore } from '../state/notes';
import type { Playback } from '../state/playback';
import { writeUrlState, type ViewState } from '../state/url-state';
import { FigureResolver } from './story/figures';
import { StoryPlayer } from './story/player';
import { parseStory, type Story, type StoryContext, type StoryStep } from './story/story';
import { BUILT_IN_STORIES } from './story/stories';
import type { NoticeArea } from '../ui/notice';
import { NotesLayer } from '../ui/notes-ui';
import { PresenterPanel } from '../ui/presenter-panel';
import { StoryPanel } from '../ui/story-panel';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface PresenterHost {
  readonly state: ViewState;
  readonly dataset: Dataset;
  readonly playback: Playback;
  readonly notices: NoticeArea;
  readonly fontFamily: string;
  t: T;
  update(patch: Partial<ViewState>): void;
  mapView(): MapView | null;
  /** Resolves after deck.gl's next frame (or a timeout). */
  nextFrame(): Promise<void>;
  /** The colour scale the legend shows now. */
  currentScale(): ColourScale;
  /** A short line on the year's flows between regions (for pictures). */
  flowsText(): string;
  /** A measure's name and unit in the current language. */
  measureText(measure: MeasureId): { label: string; unit: string };
}

const USER_STORIES_KEY = 'kz-migration-map.stories.v1';
const YEAR_TWEEN_MS = 140;
const FLIGHT_MS = 1600;

export class Presenter {
  readonly storyPanel: StoryPanel;
  readonly panel: PresenterPanel;
  readonly notes = new NotesStore();
  private readonly stories = new Map<string, Story>();
  private readonly figures: FigureResolver;
  private player: StoryPlayer | null = null;
  private notesLayer: NotesLayer | null = null;
  private placingNote = false;
  private spotlightOn = false;
  private recording: string | null = null;
  private tween: ReturnType<typeof setTimeout> | null = null;
  private readonly storyContext: StoryContext;

  constructor(private readonly host: PresenterHost) {
    const { model, tables } = host.dataset;
    this.figures = new FigureResolver(host.dataset);
    this.storyContext = {
      yearRange: model.yearRange,
      regions: new Set(model.polygons.keys()),
      sources: new Set(model.sources.keys()),
      facts: new Set(tables['facts.csv'].map((f) => f.fact_id)),
    };
    for (const raw of [...Object.values(BUILT_IN_STORIES), ...storedUserStories()]) {
      const parsed = parseStory(raw, this.storyContext);
      // Built-in stories come first and are never replaced by a stored one.
      if (parsed.ok && !this.stories.has(parsed.story.id)) this.stories.set(parsed.story.id, parsed.story);
      else if (!parsed.ok) console.warn('A stored or built-in story is invalid', parsed.errors);
    }
    this.storyPanel = new StoryPanel({
      next: () => this.go(+1),
      previous: () => this.go(-1),
      reveal: () => this.reveal(),
      go: (i) => this.goTo(i),
      close: () => this.closeStory(),
    });
    this.panel = new PresenterPanel({
      startStory: () => this.openStory('north-south', 0),
      openStoryFile: (f) => void this.openStoryFile(f),
      toggleProjector: () => this.setProjector(this.host.state.view !== 'projector'),
      toggleHighContrast: () => this.host.update({ highContrast: !this.host.state.highContrast }),
      toggleSpotlight: () => {
        this.spotlightOn = !this.spotlightOn;
        this.host.update({});
      },
      addNote: () => this.startNote(),
      exportNotes: () => download(new Blob([this.notes.exportText()], { type: 'application/json' }), 'map-notes.json'),
      importNotes: (f) => void this.importNotes(f),
      exportPicture: (scale) => void this.savePicture(scale),
      recordVideo: () => void this.recordVideo(),
      copyEmbed: () => void this.copyEmbed(),
    });
  }

  storyIds(): ReadonlySet<string> {
    return new Set(this.stories.keys());
  }

  /** Called once the map exists: notes become markers, and a story from the URL starts. */
  attach(): void {
    const view = this.host.mapView();
    if (view) {
      this.notesLayer = new NotesLayer(view.map, (id) => {
        this.notes.remove(id);
        this.renderNotes();
      });
      this.renderNotes();
    }
    const { story, step } = this.host.state;
    if (story && this.stories.has(story)) this.openStory(story, step, { animate: false });
  }

  /** Region ids to keep bright (a story step's highlight, or the selection under the spotlight). */
  spotlight(): string[] {
    if (this.player && this.player.step.highlight.length) return this.player.step.highlight;
    const { selected } = this.host.state;
    return this.spotlightOn && selected ? [selected] : [];
  }

  /** True while a question step hides the map's values. */
  get hidesValues(): boolean {
    return this.player?.hidesValues ?? false;
  }

  get storyActive(): boolean {
    return this.player !== null;
  }

  /** Keys of a presentation: a clicker sends Page Up / Page Down. Returns true if the key was used. */
  onKey(e: KeyboardEvent, inMap: boolean): boolean {
    if (!this.player) return false;
    const next = ['PageDown', 'n', 'N', ...(inMap ? [] : ['ArrowRight', 'ArrowDown'])];
    const previous = ['PageUp', ...(inMap ? [] : ['ArrowLeft', 'ArrowUp'])];
    if (next.includes(e.key)) this.go(+1);
    else if (previous.includes(e.key)) this.go(-1);
    else if ((e.key === 'Enter' || e.key === 'r' || e.key === 'R') && this.player.hidesValues) this.reveal();
    else if (e.key === 'Escape') this.closeStory();
    else return false;
    e.preventDefault();
    return true;
  }

  /** A map click while placing a note pins it there. Returns true if the click was used. */
  onMapClick(lon: number, lat: number): boolean {
    if (!this.placingNote || !this.notesLayer) return false;
    this.placingNote = false;
    document.body.classList.remove('placing-note');
    void this.notesLayer.edit(lon, lat, this.host.t).then((text) => {
      if (!text) return;
      this.notes.add(lon, lat, text);
      if (!this.notes.persistent)
        this.host.notices.show(this.host.t('present.notesNotSaved'), this.host.t('notice.dismiss'), 'warning');
      this.renderNotes();
    });
    return true;
  }

  render(): void {
    const { t, state } = this.host;
    document.body.classList.toggle('projector', state.view === 'projector');
    document.body.classList.toggle('embed', state.view === 'embed');
    document.body.classList.toggle('high-contrast', state.highContrast);
    this.panel.update(
      {
        projector: state.view === 'projector',
        highContrast: state.highContrast,
        spotlight: this.spotlightOn,
        notes: this.notes.list().length,
        recording: this.recording,
      },
      t,
    );
    if (!this.player) {
      this.storyPanel.hide();
      return;
    }
    const { step, story } = this.player;
    const lang = state.lang;
    const caption = this.figures.fill(step.caption[lang], step.figures, lang);
    const answer = step.answer ? this.figures.fill(step.answer[lang], step.figures, lang) : null;
    const sources = [
      ...new Set([...step.sources, ...caption.sourceIds, ...(this.player.revealed ? (answer?.sourceIds ?? []) : [])]),
    ];
    this.storyPanel.show(
      {
        storyTitle: story.title[lang],
        credit: story.credit[lang],
        position: this.player.position,
        length: this.player.length,
        stepTitle: step.title[lang],
        caption: caption.text,
        question: step.question?.[lang] ?? null,
        answer: answer?.text ?? null,
        revealed: this.player.revealed,
        forecast: step.forecast ?? false,
        sources: sources.map((id) => `${this.host.dataset.model.sources.get(id)?.publisher ?? id} (${id})`).join('; '),
      },
      t,
    );
  }

  openStory(id: string, step: number, opts: { animate?: boolean } = {}): void {
    const story = this.stories.get(id);
    if (!story) return;
    this.player = new StoryPlayer(story, step);
    this.applyStep(this.player.step, opts.animate ?? true);
  }

  closeStory(): void {
    if (!this.player) return;
    this.player = null;
    this.cancelTween();
    this.host.update({ story: null, step: 0 });
  }

  setProjector(on: boolean): void {
    this.host.update({ view: on ? 'projector' : 'normal' });
    // Full screen needs a user gesture and may be refused (kiosk, iframe); the projector layout works without it.
    if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
    if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }

  private go(delta: number): void {
    if (this.player && this.player.go(this.player.position + delta)) this.applyStep(this.player.step, true);
  }

  private goTo(index: number): void {
    if (this.player && this.player.go(index)) this.applyStep(this.player.step, true);
  }

  private reveal(): void {
    if (this.player?.reveal()) this.host.update({});
  }

  /** Sets the view of a step; the camera flies and the year counts up unless motion is reduced. */
  private applyStep(step: StoryStep, animate: boolean): void {
    const smooth = animate && !prefersReducedMotion();
    this.cancelTween();
    this.host.update({
      story: this.player!.story.id,
      step: this.player!.position,
      measure: step.measure,
      topN: step.flows.topN,
      minFlow: step.flows.minFlow,
      showExternal: step.flows.external,
      selected: null,
      camera: step.camera,
      ...(smooth ? {} : { year: step.year }),
    });
    const view = this.host.mapView();
    if (view) view.moveTo(step.camera, smooth ? FLIGHT_MS : 0, visibleMapPadding());
    if (smooth) this.tweenYear(step.year);
  }

  /** Walks the timeline year by year to the target, so that the change is seen, not jumped. */
  private tweenYear(target: number): void {
    const tick = () => {
      const year = this.host.state.year;
      if (year === target) return;
      this.host.update({ year: year + Math.sign(target - year) });
      this.tween = setTimeout(tick, YEAR_TWEEN_MS);
    };
    tick();
  }

  private cancelTween(): void {
    if (this.tween) clearTimeout(this.tween);
    this.tween = null;
  }

  private async openStoryFile(file: File): Promise<void> {
    const { t, notices } = this.host;
    let parsed;
    try {
      parsed = parseStory(JSON.parse(await file.text()), this.storyContext);
    } catch {
      parsed = { ok: false as const, errors: ['the file is not JSON'] };
    }
    if (!parsed.ok) {
      // The current view stays as it is: nothing was applied.
      notices.show(
        t('story.invalid', { file: file.name, errors: parsed.errors.slice(0, 6).join('; ') }),
        t('notice.dismiss'),
        'warning',
      );
      return;
    }
    // A file must not silently take the place of a shipped story (its links would open the copy).
    if (parsed.story.id in BUILT_IN_STORIES) {
      notices.show(t('story.builtInId', { file: file.name, id: parsed.story.id }), t('notice.dismiss'), 'warning');
      return;
    }
    this.stories.set(parsed.story.id, parsed.story);
    storeUserStory(parsed.story);
    notices.show(t('story.opened', { title: parsed.story.title[this.host.state.lang] }), t('notice.dismiss'));
    this.openStory(parsed.story.id, 0);
  }

  private startNote(): void {
    this.placingNote = true;
    document.body.classList.add('placing-note');
    this.host.notices.show(this.host.t('present.addNoteHint'), this.host.t('notice.dismiss'));
  }

  private async importNotes(file: File): Promise<void> {
    const { t, notices } = this.host;
    const result = this.notes.importText(await file.text());
    if (result.ok) notices.show(t('present.notesImported', { n: result.notes.length }), t('notice.dismiss'));
    else
      notices.show(t('present.notesInvalid', { file: file.name, error: result.error }), t('notice.dismiss'), 'warning');
    this.renderNotes();
  }

  private renderNotes(): void {
    this.notesLayer?.render(this.notes.list(), this.host.t);
    this.host.update({});
  }

  /** The composed picture of the current view (also used by the tests). */
  async picture(scale: 1 | 2): Promise<Blob> {
    const view = this.host.mapView();
    if (!view) throw new Error('no map');
    const { t, state, dataset } = this.host;
    const scaleNow = this.host.currentScale();
    const { label: measure, unit } = this.host.measureText(state.measure);
    const sources = [...dataset.model.sources.values()]
      .filter((s) => /^S0[12]$/.test(s.source_id))
      .map((s) => s.publisher);
    return exportPicture(
      {
        map: view.map,
        canvases: () => view.canvases(),
        setPixelRatio: (r) => view.setPixelRatio(r),
        scale: scaleNow,
        arcColours: [THEME.origin, THEME.destination],
        font: this.host.fontFamily,
        nextFrame: () => this.host.nextFrame(),
        text: {
          title: t('present.exportTitle', { measure, year: state.year }),
          subtitle: `${unit} · ${this.host.flowsText()}`,
          unit,
          noData: t('legend.noData'),
          arcs: `${t('legend.arcs')}: ${t('legend.arcsWidth').toLowerCase()}`,
          credit: t('present.exportCredit', { sources: sources.join('; ') }),
          tickLabel: (v) => formatCompact(v, state.lang, { signed: scaleNow.kind === 'diverging' }),
          hiddenNote: this.hidesValues ? t('story.hidden') : undefined,
        },
      },
      scale,
    );
  }

  private async savePicture(scale: 1 | 2): Promise<void> {
    const { state } = this.host;
    download(await this.picture(scale), `kz-migration-${state.measure}-${state.year}${scale === 2 ? '@2x' : ''}.png`);
  }

  private async recordVideo(): Promise<void> {
    const view = this.host.mapView();
    const { t, notices, state, playback } = this.host;
    if (!view || this.recording) return;
    if (!videoMimeType()) {
      notices.show(t('present.videoUnsupported'), t('notice.dismiss'), 'warning');
      return;
    }
    playback.pause();
    const startYear = state.year;
    this.recording = t('present.recording', { year: playback.years[0]! });
    try {
      const blob = await recordTimeline({
        canvases: () => view.canvases(),
        years: playback.years,
        showYear: async (year) => {
          this.host.update({ year });
          await this.host.nextFrame();
        },
        title: `${t('app.title')} — ${this.host.measureText(state.measure).label}`,
        credit: t('about.credit'),
        font: this.host.fontFamily,
        msPerYear: 700,
        onYear: (year) => {
          this.recording = t('present.recording', { year });
          this.render();
        },
      });
      download(blob, `kz-migration-${state.measure}-timeline.webm`);
    } finally {
      this.recording = null;
      this.host.update({ year: startYear });
    }
  }

  /** The iframe code of the current view without chrome. */
  embedCode(): string {
    const url = `${location.origin}${location.pathname}${writeUrlState({ ...this.host.state, view: 'embed', story: null })}`;
    return `<iframe src="${url.replace(/"/g, '&quot;')}" width="960" height="600" style="border:0" title="${this.host.t('app.title')}" loading="lazy"></iframe>`;
  }

  private async copyEmbed(): Promise<void> {
    const { t, notices } = this.host;
    const code = this.embedCode();
    try {
      await navigator.clipboard.writeText(code);
      notices.show(t('present.embedCopied'), t('notice.dismiss'));
    } catch {
      // Clipboard refused (permissions, insecure context): show the code to copy by hand.
      notices.show(`${t('present.embedCode')}: ${code}`, t('notice.dismiss'));
    }
  }
}

/** The map area the panels leave uncovered, measured from the layout. */
function visibleMapPadding(): { top: number; bottom: number; left: number; right: number } {
  const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
  const story = box('.story-area .story:not([hidden])');
  const side = box('.side');
  const bottom = box('.bottom');
  const left = document.body.classList.contains('projector') ? story : box('.left');
  const h = window.innerHeight;
  return {
    top: 0,
    left: left ? Math.max(0, left.right) : 0,
    right: side ? Math.max(0, window.innerWidth - side.left) : 0,
    bottom: Math.max(
      bottom ? h - bottom.top : 0,
      story && !document.body.classList.contains('projector') ? h - story.top : 0,
    ),
  };
}

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function storedUserStories(): unknown[] {
  try {
    return JSON.parse(localStorage.getItem(USER_STORIES_KEY) ?? '[]') as unknown[];
  } catch {
    return [];
  }
}

/** Keeps an opened story file so that its step URLs work after a reload. */
function storeUserStory(story: Story): void {
  try {
    const raw = storedUserStories().filter((s) => (s as { id?: string }).id !== story.id);
    localStorage.setItem(
      USER_STORIES_KEY,
      JSON.stringify([...raw, { format: 'kz-migration-story', version: 1, ...story }]),
    );
  } catch {
    /* storage refused: the story works for this session */
  }
}
