/**
 * The app's side of start-up (src/main.ts calls these): the code has
 * arrived and the map is being drawn; the app has started (the loading
 * screen goes); or it failed, said in the visitor's language with what to
 * do. The start-up script (boot-script.ts) handles what happens before.
 */
import { pageLanguage } from './language';
import { hideScreen, setStage, showProblem } from './screen';

/** The app's code runs: the map and the data are being prepared. */
export function bootProgress(): void {
  setStage('drawing', pageLanguage());
}

/**
 * The app has started: the loading screen goes. If the map could not get a
 * WebGL 2 context (none in this browser, or switched off), the app still
 * works without it (tables, panels); the visitor is told what to do to see
 * the map.
 */
export function bootDone(): void {
  hideScreen();
  if (!mapHasWebgl2()) showProblem('noWebgl', pageLanguage());
}

/**
 * Whether the map's canvas holds a WebGL 2 context (maplibre 6 draws with
 * WebGL 2 only). Asking a canvas for the context type it already has returns
 * that context: no new one is made.
 */
function mapHasWebgl2(): boolean {
  const canvas = document.querySelector<HTMLCanvasElement>('#map canvas.maplibregl-canvas');
  return canvas?.getContext('webgl2') != null;
}

/** The app could not start: the loading screen says so, with the error as text. */
export function bootFailed(error: unknown): void {
  console.error(error);
  showProblem('startFailed', pageLanguage(), error instanceof Error ? error.message : String(error));
}
