/**
 * Presenter and classroom tools on top of the map: stories, the projector
 * view, high contrast, the spotlight, notes, pictures, video and the embed
 * code, the print handout, gathered in the Present panel. The page hands it keys and map clicks
 * first.
 */
import type { MapRenderer } from '../render/map-renderer';
import { translatorOf, type AppState, type AppStore } from '../state/app-state';
import type { Playback } from '../state/playback';
import type { NoticeArea } from '../ui/notice';
import { Handout } from '../ui/handout';
import { PresenterPanel } from '../ui/presenter-panel';
import { Capture } from './capture';
import { NotePins } from './note-pins';
import { printHandout } from './print';
import { followLayout, setProjector } from './projector';
import { StoryController, type StoryLibrary } from './story-controller';

const panelState = (s: AppState) => ({
  view: s.view,
  highContrast: s.highContrast,
  spotlight: s.spotlight,
  lang: s.lang,
});

export class Presenter {
  readonly story: StoryController;
  readonly capture: Capture;
  readonly pins: NotePins;
  readonly panel: PresenterPanel;
  /** The print-only handout (the page puts it in the layout). */
  readonly handout = new Handout();
  /** The legend on screen, copied into the handout (the page sets it). */
  legend: HTMLElement | null = null;

  constructor(
    private readonly store: AppStore,
    playback: Playback,
    stories: StoryLibrary,
    notices: NoticeArea,
    fontFamily: string,
  ) {
    this.story = new StoryController(store, stories, notices);
    this.capture = new Capture(store, playback, notices, fontFamily, () => this.renderPanel());
    this.pins = new NotePins(store, notices, () => this.renderPanel());
    this.panel = new PresenterPanel({
      startStory: () => this.story.open('north-south', 0),
      openStoryFile: (f) => void this.story.openFile(f),
      toggleProjector: () => this.setProjector(store.get().view !== 'projector'),
      toggleHighContrast: () => store.set({ highContrast: !store.get().highContrast }),
      toggleSpotlight: () => store.set({ spotlight: !store.get().spotlight }),
      addNote: () => this.pins.start(),
      exportNotes: () => this.pins.exportFile(),
      importNotes: (f) => void this.pins.importFile(f),
      exportPicture: (scale) => void this.capture.savePicture(scale),
      printHandout: () => void this.printHandout(),
      recordVideo: () => void this.capture.recordVideo(),
      copyEmbed: () => void this.capture.copyEmbed(),
    });
    followLayout(store);
    store.subscribe(panelState, () => this.renderPanel(), { immediate: true });
  }

  /** Called once the map exists (or could not be made): notes become markers, a story from the URL starts. */
  attach(renderer: MapRenderer | null): void {
    this.capture.renderer = renderer;
    if (renderer) this.pins.attach(renderer.view.map);
    this.story.attach(renderer?.view ?? null);
  }

  async printHandout(): Promise<void> {
    if (this.legend) await printHandout(this.store, this.capture, this.story, this.handout, this.legend);
  }

  setProjector(on: boolean): void {
    setProjector(this.store, on);
  }

  /** A map click while placing a note pins it there. Returns true if the click was used. */
  onMapClick(lon: number, lat: number): boolean {
    return this.pins.onMapClick(lon, lat);
  }

  private renderPanel(): void {
    const s = this.store.get();
    this.panel.update(
      {
        projector: s.view === 'projector',
        highContrast: s.highContrast,
        spotlight: s.spotlight,
        notes: this.pins.notes.list().length,
        recording: this.capture.recording,
      },
      translatorOf(s),
    );
  }
}
