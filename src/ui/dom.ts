/**
 * A tiny element builder. Text is always set as text (textContent), never as
 * HTML, so names and notes from data or URLs cannot inject markup.
 */
type Attrs = Record<string, string | number | boolean | undefined | null>;
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * Replaces an element's children. If the focus was inside, it moves to the new
 * element with the same test id or id, so a keyboard user keeps their place
 * when a panel is redrawn.
 */
export function replace(node: Element, children: Child[]): void {
  const active = document.activeElement;
  const key = active && node.contains(active) ? focusKey(active) : null;
  node.replaceChildren();
  append(node, children);
  if (!key) return;
  const again = node.querySelector<HTMLElement>(key);
  again?.focus();
}

function focusKey(element: Element): string | null {
  const testid = element.getAttribute('data-testid');
  if (testid) return `[data-testid="${CSS.escape(testid)}"]`;
  if (element.id) return `#${CSS.escape(element.id)}`;
  const label = element.getAttribute('aria-label');
  return label ? `${element.tagName.toLowerCase()}[aria-label="${CSS.escape(label)}"]` : null;
}
