/** What the notice area says about a link that could not be used whole. */
import type { Translator } from '../../i18n';

export interface RejectedParam {
  param: string;
  value: string;
  reason: string;
}

export function linkNotices(rejected: readonly RejectedParam[], t: Translator): string[] {
  if (rejected.some((r) => r.param === 'v')) return [t('notice.urlVersion')];
  if (!rejected.length) return [];
  // The rejected values are shown as text, never as markup; long ones are shortened.
  const params = rejected
    .map((r) => `${r.param} = “${r.value.length > 40 ? `${r.value.slice(0, 40)}…` : r.value}” (${r.reason})`)
    .join('; ');
  return [t('notice.urlRejected', { params })];
}
