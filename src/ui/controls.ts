/**
 * The view's settings: measure, colour-scale mode, the boundaries drawn
 * (regions, districts), external flows and the flow filter (minimum migrants,
 * top N). It reports changes and shows state.
 */
import { DISTRICT_LEVELS, type DistrictLevel } from '../core/district-level';
import type { MeasureId } from '../core/measures';
import { measureOptions } from '../core/view/measure-text';
import type { Translator } from '../i18n';
import { translatorOf, type AppState, type AppStore } from '../state/app-state';
import type { ViewState } from '../state/url-state';
import { el, replace } from './dom';

export type SettingsPatch = Partial<
  Pick<ViewState, 'measure' | 'scale' | 'showExternal' | 'minFlow' | 'topN' | 'level'>
>;

const TOP_CHOICES = [null, 10, 25, 50, 100] as const;
const MIN_FLOW_LIMIT = 1_000_000;

const settingsOf = (s: AppState) => ({
  measure: s.measure,
  scale: s.scale,
  showExternal: s.showExternal,
  minFlow: s.minFlow,
  topN: s.topN,
  level: s.level,
  lang: s.lang,
  data: s.data,
});

export class SettingsControl {
  readonly element = el('section', { class: 'settings panel', 'data-testid': 'settings' });
  private readonly measure = el('select', { id: 'measure', 'data-testid': 'measure' });
  private readonly scale = el('select', { id: 'scale', 'data-testid': 'scale' });
  private readonly level = el('select', { id: 'level', 'data-testid': 'level' });
  private readonly external = el('input', { type: 'checkbox', id: 'external', 'data-testid': 'external' });
  private readonly minFlow = el('input', {
    type: 'number',
    id: 'min-flow',
    min: 0,
    max: MIN_FLOW_LIMIT,
    step: 100,
    inputmode: 'numeric',
    'data-testid': 'min-flow',
  });
  private readonly top = el('select', { id: 'top-n', 'data-testid': 'top-n' });

  constructor(store: AppStore) {
    const onChange = (patch: SettingsPatch) => store.set(patch);
    this.measure.addEventListener('change', () => onChange({ measure: this.measure.value as MeasureId }));
    this.scale.addEventListener('change', () => onChange({ scale: this.scale.value as 'fixed' | 'year' }));
    this.level.addEventListener('change', () => onChange({ level: this.level.value as DistrictLevel }));
    this.external.addEventListener('change', () => onChange({ showExternal: this.external.checked }));
    this.top.addEventListener('change', () =>
      onChange({ topN: this.top.value === 'all' ? null : Number(this.top.value) }),
    );
    this.minFlow.addEventListener('change', () => {
      const n = Number(this.minFlow.value);
      // A bad number is not applied; the field shows the value in force again.
      if (this.minFlow.value === '' || !Number.isInteger(n) || n < 0 || n > MIN_FLOW_LIMIT) {
        this.minFlow.value = this.minFlow.dataset.applied ?? '0';
        this.minFlow.setCustomValidity('');
        return;
      }
      onChange({ minFlow: n });
    });
    store.subscribe(
      (s) => s.lang,
      () => this.setTranslator(translatorOf(store.get())),
      { immediate: true },
    );
    store.subscribe(
      (s) => ({ data: s.data, lang: s.lang }),
      () => {
        const s = store.get();
        this.setMeasures(measureOptions(s.data.dataset.model, s.year, translatorOf(s)));
      },
      { immediate: true },
    );
    store.subscribe(settingsOf, () => this.show(store.get()), { immediate: true });
  }

  /** The measures on offer (the imported one only when a dataset has it), with their names. */
  setMeasures(measures: { id: MeasureId; label: string }[]): void {
    const keep = this.measure.value;
    replace(
      this.measure,
      measures.map((m) => el('option', { value: m.id }, [m.label])),
    );
    if (keep && measures.some((m) => m.id === keep)) this.measure.value = keep;
  }

  setTranslator(t: Translator): void {
    const keep = { m: this.measure.value, s: this.scale.value, top: this.top.value, level: this.level.value };
    replace(this.scale, [
      el('option', { value: 'fixed' }, [t('scale.fixed')]),
      el('option', { value: 'year' }, [t('scale.year')]),
    ]);
    replace(
      this.level,
      DISTRICT_LEVELS.map((l) => el('option', { value: l }, [t(`level.${l}`)])),
    );
    replace(
      this.top,
      TOP_CHOICES.map((n) =>
        el('option', { value: n === null ? 'all' : n }, [n === null ? t('flows.topAll') : t('flows.topN', { n })]),
      ),
    );
    if (keep.m) this.measure.value = keep.m;
    if (keep.s) this.scale.value = keep.s;
    if (keep.top) this.top.value = keep.top;
    if (keep.level) this.level.value = keep.level;
    replace(this.element, [
      el('label', { for: 'measure' }, [t('measure.label')]),
      this.measure,
      el('label', { for: 'scale' }, [t('scale.label')]),
      this.scale,
      el('label', { for: 'level' }, [t('level.label')]),
      this.level,
      el('fieldset', {}, [
        el('legend', {}, [t('flows.label')]),
        el('label', { for: 'min-flow' }, [t('flows.min')]),
        this.minFlow,
        el('label', { for: 'top-n' }, [t('flows.top')]),
        this.top,
        el('label', { class: 'check' }, [this.external, ' ', t('flows.external')]),
      ]),
    ]);
  }

  show(state: Pick<ViewState, 'measure' | 'scale' | 'showExternal' | 'minFlow' | 'topN' | 'level'>): void {
    this.measure.value = state.measure;
    this.scale.value = state.scale;
    this.level.value = state.level;
    this.external.checked = state.showExternal;
    this.minFlow.value = String(state.minFlow);
    this.minFlow.dataset.applied = String(state.minFlow);
    const top = state.topN === null ? 'all' : String(state.topN);
    // A top N from a link that is not among the choices still shows as itself.
    if (![...this.top.options].some((o) => o.value === top)) this.top.append(el('option', { value: top }, [top]));
    this.top.value = top;
  }
}
