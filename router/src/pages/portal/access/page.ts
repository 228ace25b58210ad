import { el } from '../client/ui';
import { definePage, type GraphError, type PageContext } from '../page';
import type { ResultOf, VariablesOf } from '../graphql';
import { ACCESS_TEXTS, type AccessTextKey } from './messages';
import {
  ACCESS_QUERY,
  APPROVE_ACCESS_REQUEST,
  DELEGATE,
  DELEGATION_CHECK,
  REJECT_ACCESS_REQUEST,
  REVOKE_DELEGATION,
  WITHDRAW_ACCESS_REQUEST,
} from './query';
import { recipientUrn, words, type Words } from './words';

type Data = ResultOf<typeof ACCESS_QUERY>;
type Party = NonNullable<Data['party']>;

/** One of "the rights the party has": for whom, what, and why. */
export interface HeldRight {
  forWhom: string;
  what: string;
  why: string;
  source: 'ROLE' | 'ACCESS_PACKAGE' | 'DELEGATION';
}

/** The rights `party` holds for others, by whom they are for: its roles, the packages they grant, its delegations. */
export function heldRights(data: Data, w: Words): HeldRight[] {
  const party = data.party!;
  const rows: HeldRight[] = [];
  for (const held of party.rolesHeld ?? []) {
    const role = w.name(held.role.urn, held.role.name);
    rows.push({ forWhom: held.from.name, what: role, why: w.t('reasonRole', { name: role }), source: 'ROLE' });
    for (const p of data.accessPackages.filter((p) => p.grantedByRoles.some((r) => r.code === held.role.code))) {
      rows.push({ forWhom: held.from.name, what: w.name(p.urn, p.name), why: w.t('reasonPackage', { name: role }), source: 'ACCESS_PACKAGE' });
    }
  }
  for (const d of party.delegationsReceived ?? []) {
    const until = d.validTo ? ` ${w.t('until', { date: w.date(d.validTo) })}` : '';
    rows.push({ forWhom: d.from.name, what: w.right(d) + until, why: w.t('reasonDelegation', { name: d.from.name }), source: 'DELEGATION' });
  }
  return rows.sort((a, b) => a.forWhom.localeCompare(b.forWhom, 'nb'));
}

type ConsentRightSummary = NonNullable<Party['consentRights']>[number];

/**
 * One resource the party may use by consent, in a sentence: "Restanser hos Skatteetaten: 2 samtykker, gjelder til
 * 01.02.2027 — kilde: samtykke". Counts and dates only: the summary names no one who consented.
 */
export function consentRightSentence(s: ConsentRightSummary, w: Words): string {
  const [first, last] = [w.date(s.earliestValidTo), w.date(s.latestValidTo)];
  return w.t('consentRight', {
    what: w.resource(s.resource),
    count: s.consents === 1 ? w.t('consentCountOne') : w.t('consentCountMany', { count: s.consents }),
    until: first === last ? w.t('consentUntil', { date: last }) : w.t('consentUntilRange', { first, last }),
    oneTime: s.oneTime ? w.t('consentOneTime') : '',
  });
}

/**
 * Rettigheter ved samtykke / Rights by consent, inside the rights section: left out when the graph does not give the
 * viewer the summary (administrators only), and for a person with none (consents are received by organisations).
 */
function consentRightsPart(party: Party, w: Words, p: { party: string }): HTMLElement | null {
  const summaries = party.consentRights;
  if (!summaries || (!summaries.length && party.type !== 'ORGANIZATION')) return null;
  return el(
    'div',
    { id: 'consent-rights', role: 'group', 'aria-labelledby': 'consent-rights-h' },
    el('h3', { id: 'consent-rights-h', text: w.t('consentRightsHeading') }),
    el('p', { class: 'muted', text: w.t('consentRightsIntro', p) }),
    summaries.length
      ? el(
          'ul',
          { class: 'cards' },
          ...summaries.map((s) =>
            el('li', { 'data-source': 'CONSENT', 'data-resource': s.resource.id }, el('p', { text: consentRightSentence(s, w) })),
          ),
        )
      : el('p', { text: w.t('noConsentRights', p) }),
  );
}

/** What the last action did (or why it failed), in either language: shown above the sections after the page reloads. */
let notice: ((w: Words) => string) | null = null;

/** Runs a mutation, then reloads the page's query and shows what came of it (`done`, in the page's language). */
async function act(
  ctx: PageContext,
  run: () => Promise<{ errors?: GraphError[] }>,
  done: (w: Words) => string,
  refusal: (w: Words, errors: GraphError[]) => string = (_w, errors) => errors[0]?.message ?? '',
): Promise<void> {
  const result = await run().catch((): { errors: GraphError[] } => ({ errors: [{ message: '' }] }));
  const errors = result.errors ?? [];
  notice = errors.length ? (w) => `${w.t('error')} ${refusal(w, errors)}`.trim() : done;
  await ctx.reload();
  document.getElementById('access-notice')?.focus();
}

const section = (id: string, heading: string, ...content: (Node | string | null)[]) =>
  el('section', { id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h`, text: heading }), ...content);

function rightsSection(data: Data, w: Words, p: { party: string }): HTMLElement {
  const held = heldRights(data, w);
  return section(
    'rights',
    w.t('rightsHeading', p),
    el('p', { class: 'muted', text: w.t('rightsIntro', p) }),
    held.length
      ? el(
          'ul',
          { class: 'cards' },
          ...held.map((r) =>
            el(
              'li',
              { 'data-source': r.source },
              el('h3', { text: r.forWhom }),
              el('p', { text: r.what }),
              el('p', { class: 'muted', text: `${w.t('why')}: ${r.why}` }),
            ),
          ),
        )
      : el('p', { text: w.t('noRights') }),
    consentRightsPart(data.party!, w, p),
  );
}

function givenSection(given: NonNullable<Party['delegationsGiven']>, ctx: PageContext, w: Words, p: { party: string }): HTMLElement {
  return section(
    'given',
    w.t('givenHeading', p),
    given.length
      ? el(
          'ul',
          { class: 'cards' },
          ...given.map((d) => {
            const what = w.right(d);
            const revoke = el('button', {
              type: 'button',
              class: 'danger',
              'aria-label': w.t('revokeLabel', { name: d.to.name, what }),
              text: w.t('revoke'),
            });
            revoke.addEventListener(
              'click',
              () =>
                void act(
                  ctx,
                  () => ctx.run(REVOKE_DELEGATION, { id: d.id }),
                  (x) => x.t('revoked', { name: d.to.name }),
                ),
            );
            return el(
              'li',
              { 'data-delegation': d.id },
              el('h3', { text: d.to.name }),
              el('p', { text: what + (d.validTo ? ` ${w.t('until', { date: w.date(d.validTo) })}` : '') }),
              el('div', { class: 'actions' }, revoke),
            );
          }),
        )
      : el('p', { text: w.t('noneGiven', p) }),
  );
}

type Offer = NonNullable<Party['delegableRights']>;
type Area = { urn: string; name: string };

/** The last day of a power of attorney, as the end of that day in UTC. */
const endOfDay = (day: string) => `${day}T23:59:59.000Z`;

/**
 * Sjekk hva du kan gi / Check what you may give: the graph's delegation check for the typed recipient, one line per
 * right, with why not (the same reason codes a refused `delegate` carries).
 */
function checkPart(party: Party, to: HTMLInputElement, error: HTMLElement, ctx: PageContext, w: Words): HTMLElement {
  const result = el('ul', { id: 'delegate-check-result', class: 'cards', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', id: 'delegate-check', class: 'secondary', text: w.t('checkButton') });
  button.addEventListener('click', () => {
    const recipient = recipientUrn(to.value);
    if (!recipient) {
      error.textContent = w.t('badRecipient');
      to.setAttribute('aria-invalid', 'true');
      return;
    }
    void ctx.run(DELEGATION_CHECK, { party: party.urn, to: recipient }).then(({ data, errors }) => {
      const entries = data?.party?.delegationCheck;
      if (!entries) {
        error.textContent = `${w.t('error')} ${errors?.[0]?.message ?? ''}`.trim();
        return;
      }
      error.textContent = '';
      result.replaceChildren(
        el('li', { class: 'muted', text: w.t('checkHeading') }),
        ...entries.map((e) => {
          const what = w.right({ resource: e.resource, actions: e.action ? [e.action] : null, package: e.package });
          const text = e.delegable ? w.t('checkYes', { what }) : w.t('checkNo', { what, why: w.t(`reason${e.reason}` as AccessTextKey) });
          return el('li', { 'data-delegable': String(e.delegable), 'data-reason': e.reason ?? '', text });
        }),
      );
    });
  });
  return el('div', { id: 'delegate-check-part' }, button, result);
}

/** A refused delegation's words: the graph's message, and the reason code's meaning when it gives one. */
const refusalText = (w: Words, errors: { message: string; extensions?: { reason?: string } }[]) => {
  const reason = errors[0]?.extensions?.reason;
  const why = reason && `reason${reason}` in ACCESS_TEXTS.nb ? ` (${w.t(`reason${reason}` as AccessTextKey)})` : '';
  return `${errors[0]?.message ?? ''}${why}`;
};

function delegateSection(offer: Offer, areas: Area[], party: Party, ctx: PageContext, w: Words, p: { party: string }): HTMLElement {
  const { t } = w;
  if (!offer.resources.length && !offer.packages.length && !areas.length)
    return section('delegate', t('delegateHeading'), el('p', { text: t('nothingToDelegate', p) }));
  const to = el('input', {
    id: 'delegate-to',
    name: 'to',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    required: '',
    'aria-describedby': 'delegate-error',
  }) as HTMLInputElement;
  const what = el(
    'select',
    { id: 'delegate-what', name: 'what' },
    ...areas.map((a) => el('option', { value: `area:${a.urn}`, text: t('poaOption', { name: w.name(a.urn, a.name) }) })),
    ...offer.packages.map((pkg) => el('option', { value: `package:${pkg.urn}`, text: t('packageOption', { name: w.name(pkg.urn, pkg.name) }) })),
    ...offer.resources.map((r) => el('option', { value: `resource:${r.resource.id}`, text: w.resource(r.resource) })),
  ) as HTMLSelectElement;
  const actions = el('fieldset', { id: 'delegate-actions' });
  const validTo = el('input', { id: 'delegate-valid-to', name: 'validTo', type: 'date' }) as HTMLInputElement;
  const validToPart = el('div', { id: 'delegate-valid-to-part' }, el('label', { for: 'delegate-valid-to', text: t('poaValidTo') }), validTo);
  const error = el('p', { id: 'delegate-error', class: 'error', 'aria-live': 'polite' });
  const chosenResource = () => offer.resources.find((r) => `resource:${r.resource.id}` === what.value);
  const chosenArea = () => areas.find((a) => `area:${a.urn}` === what.value);
  const showActions = () => {
    const chosen = chosenResource();
    actions.hidden = !chosen;
    validToPart.hidden = !chosenArea();
    actions.replaceChildren(
      el('legend', { text: t('delegateActions') }),
      ...(chosen?.actions ?? []).map((a) =>
        el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'action', value: a, checked: '' }), ` ${w.action(a)}`),
      ),
    );
  };
  what.addEventListener('change', showActions);
  showActions();
  const form = el(
    'form',
    { id: 'delegate-form', class: 'access-form', novalidate: '' },
    el('label', { for: 'delegate-to', text: t('delegateTo') }),
    to,
    el('label', { for: 'delegate-what', text: t('delegateWhat') }),
    what,
    actions,
    validToPart,
    error,
    el('button', { type: 'submit', id: 'delegate-submit', text: t('delegateSubmit') }),
  );
  const give = (input: VariablesOf<typeof DELEGATE>['input'], done: (x: Words) => string) =>
    void act(ctx, () => ctx.run(DELEGATE, { input }), done, refusalText);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const recipient = recipientUrn(to.value);
    if (!recipient) {
      error.textContent = t('badRecipient');
      to.setAttribute('aria-invalid', 'true');
      to.focus();
      return;
    }
    const area = chosenArea();
    if (area) {
      if (!validTo.value) {
        error.textContent = t('poaNoEnd');
        validTo.focus();
        return;
      }
      give({ from: party.urn, to: recipient, package: area.urn, validTo: endOfDay(validTo.value) }, (x) =>
        x.t('delegated', { what: x.name(area.urn, area.name) }),
      );
      return;
    }
    const chosen = chosenResource();
    if (!chosen) {
      const pkg = offer.packages.find((x) => `package:${x.urn}` === what.value)!;
      give({ from: party.urn, to: recipient, package: pkg.urn }, (x) => x.t('delegated', { what: x.name(pkg.urn, pkg.name) }));
      return;
    }
    const picked = [...actions.querySelectorAll<HTMLInputElement>('input[name=action]:checked')].map((i) => i.value);
    if (!picked.length) {
      error.textContent = t('noActions');
      return;
    }
    give({ from: party.urn, to: recipient, resource: chosen.resource.id, actions: picked }, (x) =>
      x.t('delegated', { what: x.right({ resource: chosen.resource, actions: picked, package: null }) }),
    );
  });
  return section(
    'delegate',
    t('delegateHeading'),
    el('p', { class: 'muted', text: t('delegateIntro', p) }),
    form,
    checkPart(party, to, error, ctx, w),
  );
}

function receivedSection(received: NonNullable<Party['accessRequestsReceived']>, ctx: PageContext, w: Words, p: { party: string }): HTMLElement {
  const { t } = w;
  return section(
    'requests-received',
    t('receivedHeading', p),
    received.length
      ? el(
          'ul',
          { class: 'cards' },
          ...received.map((r) => {
            const slots = { name: r.requester.name, what: w.right(r) };
            const approve = el('button', { type: 'button', 'aria-label': t('approveLabel', slots), text: t('approve') });
            approve.addEventListener(
              'click',
              () =>
                void act(
                  ctx,
                  () => ctx.run(APPROVE_ACCESS_REQUEST, { id: r.id }),
                  (x) => x.t('approved', { name: r.requester.name }),
                ),
            );
            const reject = el('button', { type: 'button', class: 'danger', 'aria-label': t('rejectLabel', slots), text: t('reject') });
            reject.addEventListener(
              'click',
              () =>
                void act(
                  ctx,
                  () => ctx.run(REJECT_ACCESS_REQUEST, { id: r.id }),
                  (x) => x.t('rejected', { name: r.requester.name }),
                ),
            );
            return el(
              'li',
              { 'data-request': r.id },
              el('p', { text: t('asks', slots) }),
              r.message ? el('blockquote', { text: r.message }) : null,
              el('div', { class: 'actions' }, approve, reject),
            );
          }),
        )
      : el('p', { text: t('noneReceived') }),
  );
}

function sentSection(sent: NonNullable<NonNullable<Data['me']>['accessRequestsSent']>, ctx: PageContext, w: Words): HTMLElement {
  const { t } = w;
  return section(
    'requests-sent',
    t('sentHeading'),
    sent.length
      ? el(
          'ul',
          { class: 'cards' },
          ...sent.map((r) => {
            const what = w.right(r);
            const pending = r.status === 'PENDING';
            const withdraw = pending
              ? el('button', {
                  type: 'button',
                  class: 'secondary',
                  'aria-label': t('withdrawLabel', { party: r.from.name, what }),
                  text: t('withdraw'),
                })
              : null;
            withdraw?.addEventListener(
              'click',
              () =>
                void act(
                  ctx,
                  () => ctx.run(WITHDRAW_ACCESS_REQUEST, { id: r.id }),
                  (x) => x.t('withdrawn', { party: r.from.name }),
                ),
            );
            return el(
              'li',
              { 'data-request': r.id },
              el('p', { text: t('sentTo', { party: r.from.name, what }) }),
              el(
                'p',
                {},
                el('span', {
                  class: `status${pending ? ' active' : ' ended'}`,
                  'data-status': r.status,
                  text: t(`status${r.status}` as AccessTextKey),
                }),
              ),
              withdraw ? el('div', { class: 'actions' }, withdraw) : null,
            );
          }),
        )
      : el('p', { text: t('noneSent') }),
  );
}

/** The areas a person acting for themselves may give as a power of attorney; none for anyone else. */
const powerOfAttorneyAreas = (data: Data): Area[] =>
  data.party?.type === 'PERSON' && data.party.urn === data.me?.urn ? data.accessPackages.filter((a) => a.powerOfAttorney) : [];

/**
 * Tilganger / Access: the rights the party the person acts for has (for whom, and why), the rights given on its
 * behalf with revoke, a form to give a right (offering only what the person may give), requests to it for its
 * administrators to approve or reject, and the person's own requests. Sections the person may not see for the party
 * (its delegations, requests to it: administrators only) are left out.
 */
export const accessPage = definePage({
  id: 'access',
  path: '/portal/access',
  nav: { nb: 'Tilganger', en: 'Access' },
  title: { nb: 'Tilganger', en: 'Access' },
  query: ACCESS_QUERY,
  render(data, ctx) {
    const w = words(ctx.lang);
    const party = data.party;
    if (!party) return [el('p', { class: 'notice', id: 'problem', text: w.t('error') })];
    const p = { party: party.name };
    return [
      el('p', { id: 'access-notice', role: 'status', tabindex: '-1', class: notice ? 'notice' : 'notice empty', text: notice?.(w) ?? '' }),
      rightsSection(data, w, p),
      party.delegationsGiven ? givenSection(party.delegationsGiven, ctx, w, p) : null,
      party.delegableRights ? delegateSection(party.delegableRights, powerOfAttorneyAreas(data), party, ctx, w, p) : null,
      party.accessRequestsReceived ? receivedSection(party.accessRequestsReceived, ctx, w, p) : null,
      sentSection(data.me?.accessRequestsSent ?? [], ctx, w),
    ].filter((n): n is HTMLElement => n !== null);
  },
});
