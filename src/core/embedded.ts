/**
 * The data embedded in the app: the committed tidy tables, bundled as text by
 * Vite (no request leaves the page's origin, nothing is fetched at run time).
 */
import type { TableName } from './tables';

const dataFiles = import.meta.glob('../../data/*.csv', { query: '?raw', import: 'default', eager: true });
const geoFiles = import.meta.glob(['../../geo/centres.csv', '../../geo/anchors.csv'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function embeddedTableTexts(): Partial<Record<TableName, string>> {
  const texts: Record<string, string> = {};
  for (const [path, text] of Object.entries({ ...dataFiles, ...geoFiles }))
    texts[path.split('/').pop()!] = text as string;
  return texts as Partial<Record<TableName, string>>;
}
