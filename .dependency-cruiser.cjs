/**
 * The direction of dependencies in src/ (docs/architecture.md):
 *   core, i18n, import  ←  state  ←  render, ui, presenter, datasets  ←  main
 * boot and offline (start-up, service worker) stand apart; only main uses them.
 * render and ui never import each other; no cycles. Tests (*.test.ts) may
 * cross layers. Run by `npm test` (npm run depcheck).
 */
const layer = (name) => `^src/${name}/`;
const notTest = '\\.test\\.ts$';

/** A rule that files under `from` import nothing under any of `to`. */
const forbid = (name, comment, from, to, toExtra = {}) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: notTest },
  to: { path: to, ...toExtra },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules cannot be understood apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    forbid('core-is-pure', 'src/core holds pure data work: no state, no DOM parts, no WebGL.', layer('core'), [
      '^src/(state|render|ui|presenter|datasets|testing|import)/',
      '^src/main\\.ts$',
      'maplibre-gl',
      '@deck\\.gl',
      '@luma\\.gl',
    ]),
    forbid('i18n-is-texts', 'src/i18n holds texts and names; it reads only the model.', layer('i18n'), [
      '^src/(state|render|ui|presenter|datasets|testing)/',
      '^src/main\\.ts$',
    ]),
    // The import's messages name its problem codes and decisions: their types only, never its code.
    forbid(
      'i18n-names-import-types-only',
      'src/i18n may name the import problems types, not run import code.',
      layer('i18n'),
      ['^src/import/'],
      { dependencyTypesNot: ['type-only'] },
    ),
    forbid('import-runs-in-the-worker', 'src/import runs in the worker: core and i18n only.', layer('import'), [
      '^src/(state|render|ui|presenter|datasets|testing)/',
      '^src/main\\.ts$',
    ]),
    forbid('state-below-the-views', 'src/state knows no view, map, presenter or dataset store.', layer('state'), [
      '^src/(render|ui|presenter|datasets|testing)/',
      '^src/main\\.ts$',
    ]),
    forbid('render-apart-from-ui', 'The map does not know the panels (they meet in the store).', layer('render'), [
      '^src/(ui|presenter|datasets|testing)/',
      '^src/main\\.ts$',
    ]),
    forbid('ui-apart-from-render', 'The panels do not know the map (they meet in the store).', layer('ui'), [
      '^src/(render|presenter|datasets|testing)/',
      '^src/main\\.ts$',
    ]),
    forbid(
      'presenter-apart-from-datasets',
      'The presenter does not reach into the dataset store.',
      layer('presenter'),
      ['^src/(datasets|testing)/', '^src/main\\.ts$'],
    ),
    forbid(
      'datasets-apart-from-presenter',
      'The dataset store does not reach the presenter or the map.',
      layer('datasets'),
      ['^src/(presenter|render|testing)/', '^src/main\\.ts$'],
    ),
    // The start-up script and offline use run before (or beside) the app: kept small and apart from it.
    forbid('boot-stands-alone', 'src/boot and src/offline use none of the app.', '^src/(boot|offline)/', [
      '^src/(core|state|render|ui|presenter|datasets|import|testing|i18n)/',
      '^src/main\\.ts$',
    ]),
    forbid('main-is-the-root', 'Nothing imports the composition root.', '^src/', '^src/main\\.ts$'),
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      // virtual:pwa-register is made by vite-plugin-pwa at build time (src/offline/service-worker.ts).
      to: { couldNotResolve: true, pathNot: '^(virtual:pwa-register|vite-plugin-pwa/vanillajs)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|geo/\\.deps)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
