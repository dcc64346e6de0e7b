/**
 * The presenter's tools: the built-in story, a story file, the projector
 * view, high contrast, spotlight, notes, pictures, the print handout, video
 * and the embed code.
 * It only reports what was asked for and shows which toggles are on.
 */
import type { MessageKey, Translator } from '../i18n';
import { el, replace } from './dom';

export interface PresenterActions {
  startStory(): void;
  openStoryFile(file: File): void;
  toggleProjector(): void;
  toggleHighContrast(): void;
  toggleSpotlight(): void;
  addNote(): void;
  exportNotes(): void;
  importNotes(file: File): void;
  exportPicture(scale: 1 | 2): void;
  printHandout(): void;
  recordVideo(): void;
  copyEmbed(): void;
}

export interface PresenterState {
  projector: boolean;
  highContrast: boolean;
  spotlight: boolean;
  notes: number;
  recording: string | null;
}

export class PresenterPanel {
  readonly element = el('details', { class: 'presenter panel', 'data-testid': 'presenter' });

  private shown = '';

  constructor(private readonly actions: PresenterActions) {}

  update(state: PresenterState, t: Translator): void {
    // Redrawn only when something it shows changed (it is asked on every year step).
    const key = JSON.stringify([state, t('present.title')]);
    if (key === this.shown) return;
    this.shown = key;
    const open = this.element.open;
    const button = (key: MessageKey, action: () => void, testid: string, pressed?: boolean, label?: string) => {
      const b = el(
        'button',
        {
          type: 'button',
          'data-testid': testid,
          ...(pressed === undefined ? {} : { 'aria-pressed': String(pressed) }),
        },
        [label ?? t(key)],
      );
      b.addEventListener('click', action);
      return b;
    };
    const fileButton = (key: MessageKey, accept: string, testid: string, onFile: (f: File) => void) => {
      const input = el('input', {
        type: 'file',
        accept,
        class: 'visually-hidden',
        'data-testid': testid,
        tabindex: -1,
      });
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        input.value = '';
        if (file) onFile(file);
      });
      const b = el('button', { type: 'button', 'data-testid': `${testid}-button` }, [t(key)]);
      b.addEventListener('click', () => input.click());
      return el('span', { class: 'file-button' }, [b, input]);
    };
    replace(this.element, [
      el('summary', {}, [t('present.title')]),
      el('div', { class: 'presenter-buttons' }, [
        button('story.start', () => this.actions.startStory(), 'story-start'),
        fileButton('story.open', 'application/json,.json', 'story-file', (f) => this.actions.openStoryFile(f)),
        button(
          state.projector ? 'present.exitProjector' : 'present.projector',
          () => this.actions.toggleProjector(),
          'projector',
          state.projector,
        ),
        button('present.highContrast', () => this.actions.toggleHighContrast(), 'high-contrast', state.highContrast),
        button('present.spotlight', () => this.actions.toggleSpotlight(), 'spotlight', state.spotlight),
        button('present.addNote', () => this.actions.addNote(), 'add-note'),
        button(
          'present.exportNotes',
          () => this.actions.exportNotes(),
          'export-notes',
          undefined,
          `${t('present.exportNotes')} (${state.notes})`,
        ),
        fileButton('present.importNotes', 'application/json,.json', 'notes-file', (f) => this.actions.importNotes(f)),
        button('present.png', () => this.actions.exportPicture(1), 'export-png'),
        button('present.png2x', () => this.actions.exportPicture(2), 'export-png-2x'),
        button('present.print', () => this.actions.printHandout(), 'print-handout'),
        button(
          'present.video',
          () => this.actions.recordVideo(),
          'record-video',
          undefined,
          state.recording ?? undefined,
        ),
        button('present.embed', () => this.actions.copyEmbed(), 'copy-embed'),
      ]),
    ]);
    this.element.open = open;
  }
}
