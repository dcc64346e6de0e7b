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

/** The app has started: the loading screen goes. */
export function bootDone(): void {
  hideScreen();
}

/** The app could not start: the loading screen says so, with the error as text. */
export function bootFailed(error: unknown): void {
  console.error(error);
  showProblem('startFailed', pageLanguage(), error instanceof Error ? error.message : String(error));
}
