/**
 * The page's keys: Space plays, [ and ] step the year, ? opens the help, T
 * the table, P the projector view, Escape clears the selection. A story's
 * keys (a presentation clicker's) come first, wherever the focus is, but not
 * while typing.
 */
import type { AppStore } from '../state/app-state';
import type { Playback } from '../state/playback';

export interface KeyActions {
  /** The open story's keys; true if the key was used. */
  storyKey(e: KeyboardEvent, inMap: boolean): boolean;
  /** Whether a dialog (table, help) is open: it keeps the keys. */
  dialogOpen(): boolean;
  openHelp(): void;
  openTable(): void;
  toggleProjector(): void;
  hideTooltip(): void;
}

export function listenToKeys(store: AppStore, playback: Playback, actions: KeyActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    // Text fields and selects keep every key; a focused button keeps only the keys that press it.
    const typing =
      (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) ||
      (target?.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter'));
    const slider = target?.getAttribute('role') === 'slider';
    const inMap = !!target?.closest('#map');
    if (!typing && !slider && actions.storyKey(e, inMap)) return;
    if (e.key === 'Escape') {
      if (store.get().selected) store.set({ selected: null });
      actions.hideTooltip();
      return;
    }
    if (typing || slider || actions.dialogOpen()) return;
    if (e.key === '?') {
      e.preventDefault();
      actions.openHelp();
    } else if (e.key === 't' || e.key === 'T') {
      e.preventDefault();
      actions.openTable();
    } else if (e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      actions.toggleProjector();
    } else if (e.key === ' ') {
      e.preventDefault();
      playback.toggle();
    } else if (e.key === '[' || e.key === ']') {
      playback.pause();
      playback.step(e.key === ']' ? 1 : -1);
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
