/** The stories shipped with the app (data/stories/*.json), bundled as data. */
const files = import.meta.glob('../../../data/stories/*.json', { eager: true, import: 'default' });

/** Raw (unvalidated) built-in stories, by file name without extension. */
export const BUILT_IN_STORIES: Record<string, unknown> = Object.fromEntries(
  Object.entries(files).map(([path, json]) => [
    path
      .split('/')
      .pop()!
      .replace(/\.json$/, ''),
    json,
  ]),
);
