import { el } from '../client/ui';
import type { ResultOf } from '../graphql';
import { definePage } from '../page';
import type { AccessTextKey } from '../access/messages';
import { words } from '../access/words';
import { OTHERS_QUERY } from './query';

type Row = NonNullable<NonNullable<ResultOf<typeof OTHERS_QUERY>['party']>['accessOverview']>['rows'][number];

/** The CSV download: the overview of the party the person acts for, as a file (`plugins/use-others-csv.ts`). */
export const OTHERS_CSV_PATH = '/portal/others.csv';

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

/**
 * Andre med rettigheter / Others with rights, for an organisation's administrators: who holds what for it and its
 * subunits, and why (role, package, delegation), by holder; and the same as a CSV file.
 */
export const othersPage = definePage({
  id: 'others',
  path: '/portal/others',
  nav: { nb: 'Andre med rettigheter', en: 'Others with rights' },
  title: { nb: 'Andre med rettigheter', en: 'Others with rights' },
  query: OTHERS_QUERY,
  render(data, ctx) {
    const w = words(ctx.lang);
    const { t } = w;
    const party = data.party;
    if (!party) return [el('p', { class: 'notice', id: 'others-problem', text: t('error') })];
    const p = { party: party.name };
    if (!party.organizationNumber) return [el('p', { class: 'notice', id: 'others-problem', text: t('othersPerson') })];
    if (!party.accessOverview) return [el('p', { class: 'notice', id: 'others-problem', text: t('othersForbidden', p) })];
    const roleName = new Map(data.roles.map((r) => [r.urn, r.name]));
    const what = (r: Row) => (r.source === 'ROLE' ? w.name(r.via, roleName.get(r.via) ?? r.via) : w.right(r));
    const groups = byHolder(party.accessOverview.rows);
    return [
      el('p', { text: t('othersIntro', p) }),
      el('p', {}, el('a', { id: 'others-csv', class: 'button', href: OTHERS_CSV_PATH, download: '', text: t('csv') })),
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
    ];
  },
});
