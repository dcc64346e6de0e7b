/**
 * The single file (npm run build:single) opens from a folder without a
 * server: it has no service worker, so it cannot be installed and does not
 * update itself. It says so once; the visitor's "Close" is remembered.
 */
import { showNotice } from './notice';

const DISMISSED_KEY = 'kz-migration-map.single-file-note';

export function showSingleFileLimits(): void {
  try {
    if (localStorage.getItem(DISMISSED_KEY)) return;
  } catch {
    /* storage refused: shown every time */
  }
  const notice = showNotice({
    testId: 'single-file-note',
    lines: ['singleFile'],
    actions: [
      {
        label: 'close',
        run: () => {
          notice.close();
          try {
            localStorage.setItem(DISMISSED_KEY, '1');
          } catch {
            /* not remembered */
          }
        },
      },
    ],
  });
}
