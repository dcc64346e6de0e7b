// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Handout } from './handout';
import { LegendControl } from './legend';
import { testStore } from './test-store';

describe('the print handout', () => {
  it('holds the title, year, picture, a copy of the legend with − and + ends, the step and the credits, as text', () => {
    const legend = new LegendControl(testStore()).element;
    const handout = new Handout();
    void handout.fill({
      title: 'Net migration <b>2024</b>',
      year: 'Year: 2024',
      pictureUrl: 'blob:picture',
      legend,
      legendStops: [
        [61, 34, 0, 255],
        [217, 242, 238, 255],
      ],
      signs: { negative: '− loss', positive: '+ gain' },
      step: { title: 'North and south', caption: 'The south grew.', question: 'Question: why?' },
      notes: ['In black and white…'],
      credits: 'Data: Bureau of National Statistics.',
    });
    const e = handout.element;
    const byId = (id: string) => e.querySelector(`[data-testid="${id}"]`);
    // Text stays text: a tag in a title is not markup.
    expect(byId('handout-title')?.textContent).toBe('Net migration <b>2024</b>');
    expect(e.querySelector('b')).toBeNull();
    expect(byId('handout-year')?.textContent).toBe('Year: 2024');
    expect(byId('handout-picture')?.getAttribute('src')).toBe('blob:picture');
    expect(byId('handout-step')?.textContent).toBe('North and southThe south grew.Question: why?');
    expect(byId('handout-credits')?.textContent).toBe('Data: Bureau of National Statistics.');
    // The legend is copied (the screen's stays in place) under test ids of its own, the signs right under its bar.
    expect(legend.dataset.testid).toBe('legend');
    expect(byId('legend')).toBeNull();
    expect(byId('handout-legend')?.querySelectorAll('.legend-tick').length).toBe(
      legend.querySelectorAll('.legend-tick').length,
    );
    expect(byId('handout-legend-bar')?.nextElementSibling?.textContent).toBe('− loss+ gain');
    // Its bar in the colours given (the print palette); the screen's bar keeps its own.
    const bar = (byId('handout-legend-bar') as HTMLElement).style.background.replace(/\s/g, '');
    expect(bar).toMatch(/rgba?\(61,34,0[,.\d]*\).*rgba?\(217,242,238[,.\d]*\)/);
    expect((legend.querySelector('.legend-bar') as HTMLElement).style.background.replace(/\s/g, '')).not.toContain(
      '61,34,0',
    );
  });

  it('leaves out the signs and the step when there are none', () => {
    const handout = new Handout();
    void handout.fill({
      title: 'Population',
      year: 'Year: 2024',
      pictureUrl: 'blob:p',
      legend: new LegendControl(testStore()).element,
      legendStops: [],
      signs: null,
      step: null,
      notes: [],
      credits: 'Data',
    });
    expect(handout.element.querySelector('[data-testid="handout-signs"]')).toBeNull();
    expect(handout.element.querySelector('[data-testid="handout-step"]')).toBeNull();
  });
});
