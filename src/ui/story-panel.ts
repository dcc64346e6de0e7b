/**
 * The story's caption card: step title, caption with its figures, a question
 * whose answer stays hidden until revealed, the citation, a forecast badge,
 * progress, and previous / next / reveal / close. It shows what it is given
 * and reports clicks; keys are handled by the app.
 */
import type { Translator } from '../i18n';
import { el, replace } from './dom';

export interface StoryView {
  storyTitle: string;
  credit: string;
  position: number;
  length: number;
  stepTitle: string;
  caption: string;
  question: string | null;
  answer: string | null;
  revealed: boolean;
  forecast: boolean;
  /** The step's main sources ("publisher (id)"), and the others, shown on request. */
  sources: string[];
  moreSources: string[];
}

export interface StoryActions {
  next(): void;
  previous(): void;
  reveal(): void;
  go(index: number): void;
  close(): void;
}

export class StoryPanel {
  readonly element = el('section', {
    class: 'story panel',
    hidden: true,
    'aria-label': 'Story',
    'data-testid': 'story',
  });

  private shown = '';

  constructor(private readonly actions: StoryActions) {}

  hide(): void {
    this.element.hidden = true;
    replace(this.element, []);
  }

  show(view: StoryView, t: Translator): void {
    // Redrawn only when the step, its texts or the reveal changed (it is asked on every year step).
    const key = JSON.stringify(view);
    if (key === this.shown && !this.element.hidden) return;
    this.shown = key;
    const button = (label: string, action: () => void, attrs: Record<string, string | boolean> = {}) => {
      const b = el('button', { type: 'button', ...attrs }, [label]);
      b.addEventListener('click', action);
      return b;
    };
    const dots = Array.from({ length: view.length }, (_, i) =>
      button(String(i + 1), () => this.actions.go(i), {
        class: i === view.position ? 'story-dot current' : 'story-dot',
        'aria-label': t('story.goTo', { n: i + 1 }),
        ...(i === view.position ? { 'aria-current': 'step' } : {}),
      }),
    );
    replace(this.element, [
      el('div', { class: 'story-head' }, [
        el('span', { class: 'story-title' }, [view.storyTitle]),
        el('span', { class: 'story-progress', 'data-testid': 'story-progress' }, [
          t('story.progress', { n: view.position + 1, of: view.length }),
        ]),
        button('×', () => this.actions.close(), { class: 'panel-close', 'aria-label': t('story.close') }),
      ]),
      el('h2', { class: 'story-step-title', 'data-testid': 'story-step-title' }, [view.stepTitle]),
      view.forecast && el('p', { class: 'story-forecast', 'data-testid': 'story-forecast' }, [t('story.forecast')]),
      el('p', { class: 'story-caption', 'data-testid': 'story-caption' }, [view.caption]),
      view.question && el('p', { class: 'story-question', 'data-testid': 'story-question' }, [view.question]),
      view.question &&
        (view.revealed
          ? el('p', { class: 'story-answer', 'data-testid': 'story-answer' }, [view.answer ?? ''])
          : button(t('story.reveal'), () => this.actions.reveal(), {
              class: 'story-reveal',
              'data-testid': 'story-reveal',
            })),
      el('div', { class: 'story-sources', 'data-testid': 'story-sources' }, [
        el('p', {}, [`${t('panel.sources')}: ${view.sources.join('; ')}`]),
        view.moreSources.length > 0 &&
          el('details', { class: 'story-more-sources', 'data-testid': 'story-more-sources' }, [
            el('summary', {}, [t('story.moreSources', { n: view.moreSources.length })]),
            el('p', {}, [view.moreSources.join('; ')]),
          ]),
      ]),
      el('div', { class: 'story-nav' }, [
        button(`◀ ${t('story.previous')}`, () => this.actions.previous(), {
          'data-testid': 'story-previous',
          ...(view.position === 0 ? { disabled: true } : {}),
        }),
        el('div', { class: 'story-dots' }, dots),
        button(`${t('story.next')} ▶`, () => this.actions.next(), {
          'data-testid': 'story-next',
          ...(view.position === view.length - 1 ? { disabled: true } : {}),
        }),
      ]),
      el('p', { class: 'story-credit' }, [view.credit]),
    ]);
    this.element.hidden = false;
  }
}
