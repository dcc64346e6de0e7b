import { describe, expect, it } from 'vitest';
import { testStore } from '../ui/test-store';
import { litRegions, selectPicked, textScaleOf, viewInputOf } from './app-state';

describe('what the state implies', () => {
  it('lights a story step’s regions, else the selection under the spotlight, else none', () => {
    expect(litRegions({ highlight: [], spotlight: false, selected: 'KZ-AST' })).toEqual([]);
    expect(litRegions({ highlight: [], spotlight: true, selected: 'KZ-AST' })).toEqual(['KZ-AST']);
    expect(litRegions({ highlight: ['KZ-PAV'], spotlight: true, selected: 'KZ-AST' })).toEqual(['KZ-PAV']);
    expect(textScaleOf({ view: 'projector' })).toBeGreaterThan(textScaleOf({ view: 'normal' }));
  });

  it('a click selects the region picked, a node its unit’s, and the selected one again clears it', () => {
    const store = testStore();
    selectPicked(store, { kind: 'region', polygonId: 'KZ-AST' });
    expect(store.get().selected).toBe('KZ-AST');
    selectPicked(store, { kind: 'region', polygonId: 'KZ-AST' });
    expect(store.get().selected).toBeNull();
    selectPicked(store, null);
    selectPicked(store, { kind: 'region', polygonId: 'Baikonur' });
    expect(store.get().selected).toBeNull();
    expect(viewInputOf(store.get()).t('panel.close')).toBe('Close');
  });
});
