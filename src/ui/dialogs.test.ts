// @vitest-environment happy-dom
/** The table view and the tooltip on the store, in a DOM. */
import { describe, expect, it } from 'vitest';
import { NoticeArea } from './notice';
import { TableView } from './table-view';
import { testStore } from './test-store';
import { Tooltip } from './tooltip';

describe('the table view', () => {
  it('lists the regions and flows of the year, sorts by a column, and follows the year while open', () => {
    const store = testStore();
    const table = new TableView(store);
    document.body.append(table.dialog.element);
    table.open();
    const rows = () => [...table.dialog.element.querySelectorAll('[data-testid="table-flows"] tbody tr')];
    const counts = () => rows().map((r) => Number(r.querySelectorAll('td')[2]!.textContent!.replace(/\D/g, '')));
    expect(rows()).toHaveLength(380 + 16);
    // Largest first, then smallest first after a click on the column.
    expect(counts()).toEqual([...counts()].sort((a, b) => b - a));
    table.dialog.element.querySelector<HTMLButtonElement>('button[aria-label="Sort by Migrants"]')!.click();
    expect(counts()).toEqual([...counts()].sort((a, b) => a - b));
    store.set({ year: 2013 });
    expect(rows()).toHaveLength(0);
    expect(table.dialog.element.querySelector('h2')!.textContent).toContain('2013');
    table.dialog.close();
  });
});

describe('the tooltip', () => {
  it('describes what the map picked, as text, and hides for nothing', () => {
    const store = testStore({ lang: 'ru' });
    const tip = new Tooltip(store);
    document.body.append(tip.element);
    tip.showPicked({ kind: 'region', polygonId: 'KZ-AST' }, 10, 10);
    expect(tip.element.hidden).toBe(false);
    expect(tip.element.querySelector('strong')!.textContent).toBe('г. Астана');
    tip.showPicked(null, 0, 0);
    expect(tip.element.hidden).toBe(true);
  });
});

describe('the notice area', () => {
  it('shows a message as text with a dismiss button and an action', () => {
    const notices = new NoticeArea();
    let undone = false;
    notices.show('<img src=x onerror=alert(1)>', 'Dismiss', 'warning', {
      label: 'Undo',
      run: () => void (undone = true),
    });
    const notice = notices.element.querySelector('[data-testid="notice"]')!;
    expect(notice.querySelector('img')).toBeNull();
    expect(notice.textContent).toContain('<img src=x onerror=alert(1)>');
    notice.querySelector<HTMLButtonElement>('[data-testid="notice-action"]')!.click();
    expect(undone).toBe(true);
    expect(notices.element.children).toHaveLength(0);
  });
});
