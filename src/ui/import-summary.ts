/**
 * The summary step of the import dialog: what was read, every problem with
 * file and line, the names the file's context decided (each changeable), the
 * names that match no region or several (asked; likely regions offered, applied
 * only when the user confirms), how units whose borders changed were read,
 * and the rows set aside (titles, footnotes, totals, gaps). Texts come
 * formatted in the user's language; this only lays them out and reports
 * choices.
 */
import { importUiText, type ImportLang } from '../i18n/import-messages';
import { el } from './dom';
import type { T } from './import-mapping';

export interface SummaryName {
  text: string;
  count: number;
  /** Units the name could be (a question when more than one). */
  candidates: string[];
  /** The question, said, when the name is more than one unit. */
  question: string | null;
  /** Likely units, said ("“North_Kaz”: short for North Kazakhstan Region?"). */
  suggestions: { code: string; text: string }[];
}

export interface SummaryDecision {
  text: string;
  /** "“Almaty” is read as Almaty Region, because “Almaty_city” is Almaty (city)." */
  sentence: string;
  code: string;
  alternatives: string[];
}

export interface SummaryView {
  file: string;
  rowsRead: number;
  rowsValid: number;
  issueCount: number;
  /** "file, line N: reason" lines, first ones only. */
  issues: string[];
  unmatched: SummaryName[];
  decisions: SummaryDecision[];
  /** How units whose borders changed were read, said. */
  borders: string[];
  /** Rows set aside (titles, sections, footnotes, totals) and gaps, said. */
  notes: string[];
  fatal: string | null;
  /** Units the user can map a name to: code and name. */
  units: { code: string; name: string }[];
}

export interface SummaryActions {
  importValid(): void;
  /** `file`: answers for this file only (questions, changed decisions); `remember`: names kept for later files. */
  remap(answers: { file: Record<string, string>; remember: Record<string, string> }): void;
  /** Back to the mapping step (absent for boundaries). */
  back?: () => void;
  cancel(): void;
}

const MAX_ISSUES_SHOWN = 50;
const MAX_NAMES_SHOWN = 30;

export function summaryView(view: SummaryView, t: T, lang: ImportLang, actions: SummaryActions): (Node | false)[] {
  const ui = (key: Parameters<typeof importUiText>[0]) => importUiText(key, lang);
  const unitName = new Map(view.units.map((u) => [u.code, u.name]));
  const option = (code: string) => el('option', { value: code }, [`${unitName.get(code) ?? code} (${code})`]);
  const button = (label: string, action: () => void, testid: string, disabled = false) => {
    const b = el('button', { type: 'button', 'data-testid': testid, disabled }, [label]);
    b.addEventListener('click', action);
    return b;
  };

  const decisions = view.decisions.map((d, i) => {
    const select = el(
      'select',
      { id: `decision-${i}`, 'data-testid': 'decision-select', 'aria-label': `${ui('change')}: ${d.text}` },
      [d.code, ...d.alternatives].map(option),
    );
    select.value = d.code;
    return { d, select, i };
  });
  const names = view.unmatched.slice(0, MAX_NAMES_SHOWN).map((name, i) => {
    const first = name.candidates.length > 1 ? name.candidates : name.suggestions.map((s) => s.code);
    const select = el('select', { id: `unmatched-${i}`, 'data-testid': 'unmatched-select' }, [
      el('option', { value: '' }, [t('import.leaveUnmatched')]),
      ...first.map(option),
      el('option', { disabled: true }, ['──────']),
      ...view.units.filter((u) => !first.includes(u.code)).map((u) => option(u.code)),
    ]);
    if (name.candidates.length === 1) select.value = name.candidates[0]!;
    const hints = [
      name.question && el('p', { class: 'import-hint', 'data-testid': 'import-question' }, [name.question]),
      ...name.suggestions.map((s) => {
        const confirm = button(ui('confirm'), () => (select.value = s.code), 'suggestion-confirm');
        confirm.setAttribute('aria-label', `${ui('confirm')}: ${s.text}`);
        return el('p', { class: 'import-hint', 'data-testid': 'import-suggestion' }, [s.text, ' ', confirm]);
      }),
    ];
    return { name, select, i, hints };
  });
  const hasAnswers = decisions.length > 0 || names.length > 0;
  const list = (testid: string, lines: string[], label: string) =>
    lines.length > 0 && [
      el('h3', {}, [label]),
      el(
        'ul',
        { class: 'import-issues', 'data-testid': testid },
        lines.map((line) => el('li', {}, [line])),
      ),
    ];

  const shown = Math.min(view.issues.length, MAX_ISSUES_SHOWN);
  return [
    view.fatal
      ? el('p', { class: 'import-problem', role: 'alert', 'data-testid': 'import-fatal' }, [view.fatal])
      : el('p', { 'data-testid': 'import-summary' }, [
          t('import.summary', {
            read: view.rowsRead,
            valid: view.rowsValid,
            invalid: view.rowsRead - view.rowsValid,
            issues: view.issueCount,
          }),
        ]),
    ...(decisions.length > 0
      ? [
          el('h3', {}, [ui('decisions')]),
          el(
            'div',
            { class: 'import-unmatched', 'data-testid': 'import-decisions' },
            decisions.flatMap(({ d, select, i }) => [
              el('label', { for: `decision-${i}`, 'data-testid': 'decision-text' }, [d.sentence]),
              select,
            ]),
          ),
        ]
      : []),
    ...(names.length > 0
      ? [
          el('h3', {}, [t('import.unmatched')]),
          el(
            'div',
            { class: 'import-unmatched' },
            names.flatMap(({ name, select, i, hints }) => [
              el('div', {}, [
                el('label', { for: `unmatched-${i}`, 'data-testid': 'unmatched-name' }, [
                  `${name.text} (${name.count})`,
                ]),
                ...hints,
              ]),
              select,
            ]),
          ),
        ]
      : []),
    ...(list('import-borders-read', view.borders, ui('borders')) || []),
    ...(list('import-issues', view.issues.slice(0, MAX_ISSUES_SHOWN), t('import.problems')) || []),
    view.issueCount > shown &&
      el('p', { class: 'panel-note' }, [t('import.moreProblems', { n: view.issueCount - shown })]),
    ...(list('import-notes', view.notes, ui('setAside')) || []),
    el('div', { class: 'dialog-buttons' }, [
      hasAnswers &&
        button(
          t('import.remap'),
          () => {
            const file: Record<string, string> = {};
            const remember: Record<string, string> = {};
            for (const { d, select } of decisions) if (select.value !== d.code) file[d.text] = select.value;
            for (const { name, select } of names)
              if (select.value) (name.candidates.length > 1 ? file : remember)[name.text] = select.value;
            actions.remap({ file, remember });
          },
          'import-remap',
        ),
      button(
        t('import.importValid', { n: view.rowsValid }),
        actions.importValid,
        'import-valid',
        view.rowsValid === 0 || view.fatal !== null,
      ),
      actions.back && button(ui('back'), actions.back, 'import-back'),
      button(t('import.fixFile'), actions.cancel, 'import-discard'),
    ]),
  ];
}
