/**
 * Where a presenter is in a story: the step, and whether a question step's
 * answer has been revealed. Moving between steps is the app's job; this only
 * keeps the position honest (clamped, answer hidden again on a new step).
 */
import type { Story, StoryStep } from './story';

export class StoryPlayer {
  private index = 0;
  private shown = false;

  constructor(
    readonly story: Story,
    start = 0,
  ) {
    this.index = this.clamp(start);
  }

  get position(): number {
    return this.index;
  }

  get step(): StoryStep {
    return this.story.steps[this.index]!;
  }

  get length(): number {
    return this.story.steps.length;
  }

  get revealed(): boolean {
    return this.shown;
  }

  /** True while a question step hides its answer and the map's values. */
  get hidesValues(): boolean {
    return this.step.question !== undefined && !this.shown;
  }

  /** Moves to a step; returns false if it was already there. */
  go(index: number): boolean {
    const next = this.clamp(index);
    if (next === this.index) return false;
    this.index = next;
    this.shown = false;
    return true;
  }

  next(): boolean {
    return this.go(this.index + 1);
  }

  previous(): boolean {
    return this.go(this.index - 1);
  }

  /** Shows a question's answer; returns false if there is nothing to reveal. */
  reveal(): boolean {
    if (!this.hidesValues) return false;
    this.shown = true;
    return true;
  }

  private clamp(i: number): number {
    return Math.max(0, Math.min(this.story.steps.length - 1, Math.trunc(i)));
  }
}
