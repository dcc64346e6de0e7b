/**
 * The timeline: an ARIA slider over the years (arrow keys, Home, End,
 * Page Up/Down; Space plays and pauses), play/step/speed/loop buttons, and a
 * strip that shows what each year holds. It only shows and drives a Playback.
 */
import type { YearCoverage } from '../core/coverage';
import type { MessageKey, Translator } from '../i18n';
import { translatorOf, type AppStore } from '../state/app-state';
import { SPEEDS, type Playback, type PlaybackState } from '../state/playback';
import { el, replace } from './dom';
import { fitTicks, watchWidth } from './tick-fit';

export class TimelineControl {
  readonly element: HTMLElement;
  private readonly slider: HTMLElement;
  private readonly thumb: HTMLElement;
  private readonly yearLabel: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly speedSelect: HTMLSelectElement;
  private readonly loopBox: HTMLInputElement;
  private readonly strip: HTMLElement;
  private readonly axis: HTMLElement;
  private readonly stepButtons: HTMLButtonElement[];
  private readonly speedLabel: HTMLLabelElement;
  private readonly loopLabel: HTMLLabelElement;
  private readonly unsubscribe: () => void;
  private coverage: YearCoverage[] = [];
  /** The years labelled under the slider (some hidden where they would overlap). */
  private axisYears: number[] = [];
  private t: Translator;

  constructor(
    private readonly playback: Playback,
    store: AppStore,
  ) {
    const years = playback.years;
    this.t = translatorOf(store.get());
    this.playButton = el('button', { type: 'button', class: 'tl-play', 'data-testid': 'play' });
    this.playButton.addEventListener('click', () => playback.toggle());
    const back = el('button', { type: 'button', class: 'tl-step', 'data-testid': 'step-back' }, ['◀']);
    back.addEventListener('click', () => playback.step(-1));
    const forward = el('button', { type: 'button', class: 'tl-step', 'data-testid': 'step-forward' }, ['▶']);
    forward.addEventListener('click', () => playback.step(1));
    this.stepButtons = [back, forward];

    this.thumb = el('div', { class: 'tl-thumb' });
    this.slider = el(
      'div',
      {
        class: 'tl-slider',
        role: 'slider',
        tabindex: 0,
        'aria-valuemin': years[0]!,
        'aria-valuemax': years[years.length - 1]!,
        'data-testid': 'year-slider',
      },
      [el('div', { class: 'tl-track' }), this.thumb],
    );
    this.slider.addEventListener('keydown', (e) => this.onKey(e));
    this.slider.addEventListener('pointerdown', (e) => this.onPointer(e));
    this.strip = el('div', { class: 'tl-strip', 'aria-hidden': 'true' });
    this.axis = el('div', { class: 'tl-axis', 'aria-hidden': 'true' });

    this.speedSelect = el('select', { class: 'tl-speed', 'data-testid': 'speed' });
    this.speedSelect.addEventListener('change', () => playback.setSpeed(Number(this.speedSelect.value)));
    this.loopBox = el('input', { type: 'checkbox', 'data-testid': 'loop' });
    this.loopBox.addEventListener('change', () => playback.setLoop(this.loopBox.checked));
    this.speedLabel = el('label', { class: 'tl-option' });
    this.loopLabel = el('label', { class: 'tl-option' });

    this.yearLabel = el('div', { class: 'tl-year', 'aria-hidden': 'true', 'data-testid': 'year-label' });
    this.element = el('section', { class: 'timeline panel', 'data-testid': 'timeline' }, [
      el('div', { class: 'tl-buttons' }, [back, this.playButton, forward]),
      this.yearLabel,
      el('div', { class: 'tl-scale' }, [this.slider, this.strip, this.axis]),
      el('div', { class: 'tl-options' }, [this.speedLabel, this.loopLabel]),
    ]);
    watchWidth(this.axis, () => this.fitAxis());
    this.setTranslator(this.t);
    this.unsubscribe = playback.subscribe((s) => this.render(s));
    store.subscribe(
      (s) => s.lang,
      () => this.setTranslator(translatorOf(store.get())),
    );
    store.subscribe(
      (s) => s.data,
      (data) => this.setCoverage(data.coverage),
      { immediate: true },
    );
  }

  setTranslator(t: Translator): void {
    this.t = t;
    const [back, forward] = this.stepButtons;
    back!.setAttribute('aria-label', t('timeline.back'));
    back!.title = t('timeline.back');
    forward!.setAttribute('aria-label', t('timeline.forward'));
    forward!.title = t('timeline.forward');
    this.slider.setAttribute('aria-label', t('timeline.label'));
    replace(
      this.speedSelect,
      SPEEDS.map((_, i) => el('option', { value: i }, [t(`timeline.speed${i}` as MessageKey)])),
    );
    replace(this.speedLabel, [t('timeline.speed'), ' ', this.speedSelect]);
    replace(this.loopLabel, [this.loopBox, ' ', t('timeline.loop')]);
    this.renderStrip();
    this.render(this.playback.current);
  }

  setCoverage(coverage: YearCoverage[]): void {
    this.coverage = coverage;
    this.renderStrip();
    this.render(this.playback.current);
  }

  dispose(): void {
    this.unsubscribe();
  }

  private position(year: number): number {
    const ys = this.playback.years;
    return ys.length < 2 ? 0 : (ys.indexOf(year) / (ys.length - 1)) * 100;
  }

  private describe(year: number): string {
    const c = this.coverage.find((x) => x.year === year);
    if (!c) return String(year);
    const parts = [
      c.flows ? this.t('coverage.flows') : c.netOnly !== 'none' ? this.t('coverage.netOnly') : null,
      c.population === 'complete'
        ? this.t('coverage.population')
        : c.population === 'partial'
          ? this.t('coverage.populationPartial')
          : null,
      c.external ? this.t('coverage.external') : null,
    ].filter(Boolean);
    return `${year}: ${parts.length ? parts.join('; ') : this.t('coverage.none')}`;
  }

  private render(s: PlaybackState): void {
    this.slider.setAttribute('aria-valuenow', String(s.year));
    this.slider.setAttribute('aria-valuetext', this.describe(s.year));
    this.thumb.style.left = `${this.position(s.year)}%`;
    this.yearLabel.textContent = String(s.year);
    this.playButton.textContent = s.playing ? '❚❚' : '▶';
    this.playButton.setAttribute('aria-label', s.playing ? this.t('timeline.pause') : this.t('timeline.play'));
    this.playButton.title = this.playButton.getAttribute('aria-label')!;
    this.playButton.setAttribute('aria-pressed', String(s.playing));
    this.speedSelect.value = String(s.speedIndex);
    this.loopBox.checked = s.loop;
    for (const cell of this.strip.children)
      cell.classList.toggle('current', (cell as HTMLElement).dataset.year === String(s.year));
  }

  private renderStrip(): void {
    const ys = this.playback.years;
    replace(
      this.strip,
      ys.map((year) => {
        const c = this.coverage.find((x) => x.year === year);
        const flows = c?.flows ? 'flows' : c && c.netOnly !== 'none' ? 'net' : 'none';
        return el(
          'div',
          {
            class: `tl-cell flows-${flows} pop-${c?.population ?? 'none'}${c?.external ? ' ext' : ''}`,
            'data-year': year,
            title: this.describe(year),
            style: `left:${this.position(year)}%`,
          },
          [el('span', { class: 'tl-cell-flows' }), el('span', { class: 'tl-cell-pop' })],
        );
      }),
    );
    // The ends and every fifth year; those that would overlap at the axis's width give way (tick-fit.ts).
    const first = ys[0]!;
    const last = ys[ys.length - 1]!;
    this.axisYears = ys.filter((y) => y === first || y === last || y % 5 === 0);
    replace(
      this.axis,
      this.axisYears.map((y) => el('span', { style: `left:${this.position(y)}%` }, [String(y)])),
    );
    this.fitAxis();
  }

  /** The axis's years that fit without overlapping: the ends first, then the tens, then the fives. */
  private fitAxis(): void {
    const years = this.axisYears;
    const rank = (i: number) => (i === 0 || i === years.length - 1 ? 0 : years[i]! % 10 === 0 ? 1 : 2);
    fitTicks(
      this.axis,
      years.map((y) => this.position(y) / 100),
      () => 'centre',
      rank,
    );
  }

  private onKey(e: KeyboardEvent): void {
    const p = this.playback;
    const handled: Record<string, () => void> = {
      ArrowLeft: () => p.step(-1),
      ArrowDown: () => p.step(-1),
      ArrowRight: () => p.step(1),
      ArrowUp: () => p.step(1),
      PageDown: () => p.step(-5),
      PageUp: () => p.step(5),
      Home: () => p.first(),
      End: () => p.last(),
      ' ': () => p.toggle(),
    };
    const action = handled[e.key];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    // Moving by hand stops playback, so the year stays where the user put it.
    if (e.key !== ' ') p.pause();
    action();
  }

  private onPointer(e: PointerEvent): void {
    const seek = (clientX: number) => {
      const track = this.slider.getBoundingClientRect();
      const t = Math.max(0, Math.min(1, (clientX - track.left) / track.width));
      const ys = this.playback.years;
      this.playback.seek(ys[Math.round(t * (ys.length - 1))]!);
    };
    e.preventDefault();
    this.playback.pause();
    this.slider.focus();
    seek(e.clientX);
    // The slider keeps the pointer (a finger that leaves it still drags) until it is lifted or taken away.
    this.slider.setPointerCapture?.(e.pointerId);
    const move = (ev: PointerEvent) => {
      if (ev.pointerId === e.pointerId) seek(ev.clientX);
    };
    const up = (ev: PointerEvent) => {
      if (ev.pointerId !== e.pointerId) return;
      this.slider.removeEventListener('pointermove', move);
      this.slider.removeEventListener('pointerup', up);
      this.slider.removeEventListener('pointercancel', up);
    };
    this.slider.addEventListener('pointermove', move);
    this.slider.addEventListener('pointerup', up);
    this.slider.addEventListener('pointercancel', up);
  }
}
