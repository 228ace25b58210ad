/**
 * Andre med rettigheter / Others with rights, in the browser: built from the one query `PortalOthers`
 * (others.graphql) for the organisation the person acts for. Who holds what for it and its subunits, grouped by
 * holder, and a link to the same overview as a CSV file (`GET /portal/others.csv?party=`, which runs
 * `PortalOthersCsv` as the session's person).
 */
import type { Lang } from '../messages';
import type { RenderedPage } from './access-page';
import { words } from './access-page';
import OTHERS_DOCUMENT from './others.graphql';
import { errorsAt, runOperation } from './graph';
import type { AccessTextKey } from './access-texts';

interface Row {
  holder: { id: string; name: string; type: string };
  party: { id: string; name: string };
  source: 'ROLE' | 'ACCESS_PACKAGE' | 'DELEGATION' | 'CONSENT';
  via: string;
  resource: { id: string; title: string } | null;
  package: { urn: string; name: string } | null;
  actions: string[] | null;
}

/** The result of `PortalOthers`, as others.graphql selects it. */
export interface PortalOthersResult {
  party: {
    id: string;
    name: string;
    urn: string;
    organizationNumber: string | null;
    subunits: { id: string; name: string }[];
    accessOverview: { rows: Row[] } | null;
  } | null;
  roles: { urn: string; name: string }[];
}

export interface OthersPageContext {
  main: HTMLElement;
  /** The URN of the party the person acts for. */
  party: string;
  lang: () => Lang;
}

/** The CSV download's address for a party. */
export const othersCsvPath = (party: string) => `/portal/others.csv?party=${encodeURIComponent(party)}`;

function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** The rows by holder, holders by name, each holder's rows in the overview's order. */
export function byHolder(rows: readonly Row[]): { holder: Row['holder']; rows: Row[] }[] {
  const groups = new Map<string, { holder: Row['holder']; rows: Row[] }>();
  for (const row of rows) {
    const group = groups.get(row.holder.id) ?? { holder: row.holder, rows: [] };
    group.rows.push(row);
    groups.set(row.holder.id, group);
  }
  return [...groups.values()].sort((a, b) => a.holder.name.localeCompare(b.holder.name, 'nb'));
}

export function othersPage(ctx: OthersPageContext): RenderedPage {
  let data: PortalOthersResult | null = null;
  let failed = false;
  let forbidden = false;

  async function load() {
    try {
      const result = await runOperation<PortalOthersResult>(OTHERS_DOCUMENT, 'PortalOthers', { party: ctx.party });
      data = result.data ?? null;
      forbidden = errorsAt(result, 'accessOverview').length > 0;
      failed = !data?.party;
    } catch {
      failed = true;
    }
    render();
  }

  function render() {
    const w = words(ctx.lang());
    const { t } = w;
    const heading = el('h1', { text: t('othersTitle') });
    const party = data?.party;
    if (!party) {
      ctx.main.replaceChildren(heading, el('p', { id: 'others-problem', text: failed ? t('error') : t('loading') }));
      return;
    }
    const p = { party: party.name };
    if (!party.organizationNumber) {
      ctx.main.replaceChildren(heading, el('p', { id: 'others-problem', text: t('othersPerson') }));
      return;
    }
    if (forbidden || !party.accessOverview) {
      ctx.main.replaceChildren(heading, el('p', { id: 'others-problem', text: t('othersForbidden', p) }));
      return;
    }
    const roleName = new Map(data!.roles.map((r) => [r.urn, r.name]));
    const what = (r: Row) =>
      r.source === 'ROLE' ? w.name(r.via, roleName.get(r.via) ?? r.via) : w.right({ resource: r.resource, package: r.package, actions: r.actions });
    const groups = byHolder(party.accessOverview.rows);
    const csv = el('a', { id: 'others-csv', class: 'button', href: othersCsvPath(party.urn), download: '', text: t('csv') });
    ctx.main.replaceChildren(
      heading,
      el('p', { text: t('othersIntro', p) }),
      el('p', {}, csv),
      groups.length
        ? el(
            'ul',
            { id: 'holders', class: 'cards' },
            ...groups.map((g) =>
              el(
                'li',
                { 'data-holder': g.holder.id },
                el('h2', { class: 'holder', text: g.holder.name }),
                el(
                  'ul',
                  { class: 'rights' },
                  ...g.rows.map((r) =>
                    el(
                      'li',
                      { 'data-source': r.source },
                      `${t('forWhom', { party: r.party.name })}: ${what(r)}`,
                      el('br'),
                      el('span', { class: 'muted', text: `${t('why')}: ${t(`source${r.source}` as AccessTextKey)}` }),
                    ),
                  ),
                ),
              ),
            ),
          )
        : el('p', { text: t('noOthers') }),
    );
  }

  render();
  return { render, loaded: load() };
}
