import { LABELS } from '../../messages';
import { formatDate } from '../client/ui';
import type { Lang } from '../page';
import { ACCESS_TEXTS, accessText, NAMES_EN, type AccessTextKey } from './messages';

interface ResourceRef {
  id: string;
  title: string;
}
/** A right as the graph describes one: a resource's actions, or a package. */
export interface Right {
  actions?: readonly string[] | null;
  resource: ResourceRef | null;
  package: { urn: string; name: string } | null;
}

/** The access pages' words in one language, and how they name rights, roles, packages and actions. */
export interface Words {
  t: (key: AccessTextKey, slots?: Record<string, string | number>) => string;
  /** A role's or package's registry name (Bokmål) in the page's language. */
  name: (urn: string, name: string) => string;
  resource: (r: ResourceRef) => string;
  action: (a: string) => string;
  /** "Mva-melding (lese, signere)", or the package's name. */
  right: (r: Right) => string;
  date: (iso: string) => string;
}

export function words(lang: Lang): Words {
  const t = (key: AccessTextKey, slots?: Record<string, string | number>) => accessText(lang, key, slots);
  const name = (urn: string, n: string) => (lang === 'en' ? (NAMES_EN[urn] ?? n) : n);
  const resource = (r: ResourceRef) => (lang === 'en' ? (LABELS.resourceTitleEn[r.id] ?? r.title) : r.title);
  const action = (a: string) => (ACCESS_TEXTS[lang] as Record<string, string>)[`act${a}`] ?? a;
  const right = (r: Right) =>
    r.package
      ? name(r.package.urn, r.package.name)
      : r.resource
        ? `${resource(r.resource)}${r.actions?.length ? ` (${r.actions.map(action).join(', ')})` : ''}`
        : '';
  return { t, name, resource, action, right, date: (iso) => formatDate(iso, lang) };
}

/** A person's or organisation's URN from the number typed: 11 digits a person, 9 an organisation; null otherwise. */
export function recipientUrn(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  if (/^\d{11}$/.test(digits)) return `urn:altinn:person:identifier-no:${digits}`;
  if (/^\d{9}$/.test(digits)) return `urn:altinn:organization:identifier-no:${digits}`;
  return null;
}
