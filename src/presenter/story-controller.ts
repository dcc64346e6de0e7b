/**
 * Stories on the map: the built-in ones and files a presenter opens, their
 * steps (each sets the year, the measure, the camera, the highlighted
 * regions and the flows; the camera flies and the years count up unless
 * motion is reduced), questions that hide the values until revealed, and the
 * caption card. Where the presenter is (story, step, what the step hides and
 * highlights) lives in the store.
 */
import type { Dataset } from '../core/load';
import type { MapView } from '../render/map-view';
import { translatorOf, type AppState, type AppStore } from '../state/app-state';
import { mapInsets } from '../ui/free-area';
import type { NoticeArea } from '../ui/notice';
import { StoryPanel } from '../ui/story-panel';
import { mainSources } from '../core/sources';
import { sourceName } from '../i18n/names';
import { FigureResolver } from './story/figures';
import { BUILT_IN_STORIES } from './story/stories';
import { parseStory, type Story, type StoryContext } from './story/story';

const USER_STORIES_KEY = 'kz-migration-map.stories.v1';
const YEAR_TWEEN_MS = 140;
const FLIGHT_MS = 1600;

const shown = (s: AppState) => ({ story: s.story, step: s.step, hidden: s.hidden, lang: s.lang });

/** The stories that can be opened (built-in, then files opened before), checked against the data. */
export interface StoryLibrary {
  stories: Map<string, Story>;
  context: StoryContext;
  figures: FigureResolver;
}

export function storyLibrary(dataset: Dataset): StoryLibrary {
  const { model, tables } = dataset;
  const context: StoryContext = {
    yearRange: model.yearRange,
    regions: new Set(model.polygons.keys()),
    sources: new Set(model.sources.keys()),
    facts: new Set(tables['facts.csv'].map((f) => f.fact_id)),
  };
  const stories = new Map<string, Story>();
  for (const raw of [...Object.values(BUILT_IN_STORIES), ...storedUserStories()]) {
    const parsed = parseStory(raw, context);
    // Built-in stories come first and are never replaced by a stored one.
    if (parsed.ok && !stories.has(parsed.story.id)) stories.set(parsed.story.id, parsed.story);
    else if (!parsed.ok) console.warn('A stored or built-in story is invalid', parsed.errors);
  }
  return { stories, context, figures: new FigureResolver(dataset) };
}

export class StoryController {
  readonly panel: StoryPanel;
  private readonly stories: Map<string, Story>;
  private readonly figures: FigureResolver;
  private readonly context: StoryContext;
  private tween: ReturnType<typeof setTimeout> | null = null;
  private view: MapView | null = null;

  constructor(
    private readonly store: AppStore,
    library: StoryLibrary,
    private readonly notices: NoticeArea,
  ) {
    ({ stories: this.stories, figures: this.figures, context: this.context } = library);
    this.panel = new StoryPanel({
      next: () => this.go(+1),
      previous: () => this.go(-1),
      reveal: () => this.reveal(),
      go: (i) => this.goTo(i),
      close: () => this.close(),
    });
    store.subscribe(shown, () => this.render(), { immediate: true });
  }

  storyIds(): ReadonlySet<string> {
    return new Set(this.stories.keys());
  }

  /** Called once the map exists: a story from the URL starts at its step. */
  attach(view: MapView | null): void {
    this.view = view;
    const { story, step } = this.store.get();
    if (story && this.stories.has(story)) this.open(story, step, { animate: false });
  }

  get active(): boolean {
    return this.current() !== null;
  }

  open(id: string, step: number, opts: { animate?: boolean } = {}): void {
    const story = this.stories.get(id);
    if (story) this.apply(story, clamp(story, step), opts.animate ?? true);
  }

  close(): void {
    if (!this.active) return;
    this.cancelTween();
    this.store.set({ story: null, step: 0, hidden: false, highlight: [] });
  }

  /** Keys of a presentation: a clicker sends Page Up / Page Down. Returns true if the key was used. */
  onKey(e: KeyboardEvent, inMap: boolean): boolean {
    if (!this.active) return false;
    const next = ['PageDown', 'n', 'N', ...(inMap ? [] : ['ArrowRight', 'ArrowDown'])];
    const previous = ['PageUp', ...(inMap ? [] : ['ArrowLeft', 'ArrowUp'])];
    if (next.includes(e.key)) this.go(+1);
    else if (previous.includes(e.key)) this.go(-1);
    else if ((e.key === 'Enter' || e.key === 'r' || e.key === 'R') && this.store.get().hidden) this.reveal();
    else if (e.key === 'Escape') this.close();
    else return false;
    e.preventDefault();
    return true;
  }

  /** Opens a story file: refused with its problems named, or kept (so that its step links work) and opened. */
  async openFile(file: File): Promise<void> {
    const t = translatorOf(this.store.get());
    let parsed;
    try {
      parsed = parseStory(JSON.parse(await file.text()), this.context);
    } catch {
      parsed = { ok: false as const, errors: ['the file is not JSON'] };
    }
    if (!parsed.ok) {
      // The current view stays as it is: nothing was applied.
      const errors = parsed.errors.slice(0, 6).join('; ');
      this.notices.show(t('story.invalid', { file: file.name, errors }), t('notice.dismiss'), 'warning');
      return;
    }
    // A file must not silently take the place of a shipped story (its links would open the copy).
    if (parsed.story.id in BUILT_IN_STORIES) {
      this.notices.show(t('story.builtInId', { file: file.name, id: parsed.story.id }), t('notice.dismiss'), 'warning');
      return;
    }
    this.stories.set(parsed.story.id, parsed.story);
    storeUserStory(parsed.story);
    this.notices.show(t('story.opened', { title: parsed.story.title[this.store.get().lang] }), t('notice.dismiss'));
    this.open(parsed.story.id, 0);
  }

  /** The open step's title, caption (figures filled in) and question in the current language, or null. */
  stepText(): { title: string; caption: string; question: string | null } | null {
    const story = this.current();
    if (!story) return null;
    const { lang, step: index } = this.store.get();
    const step = story.steps[index]!;
    return {
      title: step.title[lang],
      caption: this.figures.fill(step.caption[lang], step.figures, lang).text,
      question: step.question?.[lang] ?? null,
    };
  }

  private current(): Story | null {
    const { story } = this.store.get();
    return (story && this.stories.get(story)) || null;
  }

  private go(delta: number): void {
    this.goTo(this.store.get().step + delta);
  }

  private goTo(index: number): void {
    const story = this.current();
    if (story && clamp(story, index) !== this.store.get().step) this.apply(story, clamp(story, index), true);
  }

  private reveal(): void {
    if (this.active) this.store.set({ hidden: false });
  }

  /** Sets the view of a step; the camera flies and the year counts up unless motion is reduced. */
  private apply(story: Story, index: number, animate: boolean): void {
    const step = story.steps[index]!;
    const smooth = animate && !prefersReducedMotion();
    this.cancelTween();
    this.store.set({
      story: story.id,
      step: index,
      hidden: step.question !== undefined,
      highlight: step.highlight,
      measure: step.measure,
      topN: step.flows.topN,
      minFlow: step.flows.minFlow,
      showExternal: step.flows.external,
      selected: null,
      camera: step.camera,
      ...(smooth ? {} : { year: step.year }),
    });
    this.view?.moveTo(step.camera, smooth ? FLIGHT_MS : 0, mapInsets());
    if (smooth) this.tweenYear(step.year);
  }

  /** Walks the timeline year by year to the target, so that the change is seen, not jumped. */
  private tweenYear(target: number): void {
    const tick = () => {
      const { year } = this.store.get();
      if (year === target) return;
      this.store.set({ year: year + Math.sign(target - year) });
      this.tween = setTimeout(tick, YEAR_TWEEN_MS);
    };
    tick();
  }

  private cancelTween(): void {
    if (this.tween) clearTimeout(this.tween);
    this.tween = null;
  }

  private render(): void {
    const story = this.current();
    if (!story) return this.panel.hide();
    const s = this.store.get();
    const { lang } = s;
    const step = story.steps[s.step]!;
    const revealed = step.question !== undefined && !s.hidden;
    const caption = this.figures.fill(step.caption[lang], step.figures, lang);
    const answer = step.answer ? this.figures.fill(step.answer[lang], step.figures, lang) : null;
    const sources = [
      ...new Set([...step.sources, ...caption.sourceIds, ...(revealed ? (answer?.sourceIds ?? []) : [])]),
    ];
    const model = s.data.dataset.model;
    // Two or three main sources (official statistics first, never a wiki copy); the rest behind "more".
    const { main, more } = mainSources(sources, model.sources);
    const cite = (id: string) => `${sourceName(model, id, lang)} (${id})`;
    this.panel.show(
      {
        storyTitle: story.title[lang],
        credit: story.credit[lang],
        position: s.step,
        length: story.steps.length,
        stepTitle: step.title[lang],
        caption: caption.text,
        question: step.question?.[lang] ?? null,
        answer: answer?.text ?? null,
        revealed,
        forecast: step.forecast ?? false,
        sources: main.map(cite),
        moreSources: more.map(cite),
      },
      translatorOf(s),
    );
  }
}

const clamp = (story: Story, i: number): number => Math.max(0, Math.min(story.steps.length - 1, Math.trunc(i)));

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
