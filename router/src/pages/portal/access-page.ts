/**
 * Tilganger / Access, in the browser: built from the one query `PortalAccess` (access.graphql) for the party the
 * person acts for, with its actions (delegate, revoke, approve, reject, withdraw) as the file's mutations. After
 * each action the query runs again, so the page always shows what the graph holds.
 */
import type { Lang } from '../messages';
import { LABELS } from '../messages';
import ACCESS_DOCUMENT from './access.graphql';
import { ACCESS_TEXTS, accessText, NAMES_EN, type AccessTextKey } from './access-texts';
import { errorsAt, runOperation } from './graph';

interface Named {
  id: string;
  name: string;
}
interface ResourceRef {
  id: string;
  title: string;
}
interface PackageRef {
  urn: string;
  name: string;
}
interface Right {
  actions: string[] | null;
  resource: ResourceRef | null;
  package: PackageRef | null;
}
type Delegation = Right & { id: string; validTo: string | null };

/** The result of `PortalAccess`, as access.graphql selects it. */
export interface PortalAccessResult {
  viewer: {
    id: string;
    name: string;
    urn: string;
    accessRequestsSent: (Right & { id: string; status: string; createdAt: string; from: Named })[] | null;
  } | null;
  party: {
    id: string;
    name: string;
    urn: string;
    type: 'PERSON' | 'ORGANIZATION';
    rolesHeld: { role: { code: string; urn: string; name: string }; from: Named & { urn: string } }[] | null;
    delegationsReceived: (Delegation & { from: Named })[] | null;
    delegationsGiven: (Delegation & { to: Named })[] | null;
    delegableRights: { resources: { resource: ResourceRef & { actions: string[] }; actions: string[] }[]; packages: PackageRef[] } | null;
    accessRequestsReceived: (Right & { id: string; message: string | null; requester: Named })[] | null;
  } | null;
  accessPackages: { urn: string; name: string; grantedByRoles: { code: string }[] }[];
}

export interface AccessPageContext {
  /** Where the page renders. */
  main: HTMLElement;
  /** The URN of the party the person acts for. */
  party: string;
  lang: () => Lang;
}

/** What the page builds its elements with. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

export interface Words {
  t: (key: AccessTextKey, slots?: Record<string, string | number>) => string;
  /** A role's or package's name in the page's language. */
  name: (urn: string, name: string) => string;
  resource: (r: ResourceRef) => string;
  action: (a: string) => string;
  /** A right as words: "Mva-melding (lese, signere)" or the package's name. */
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
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'nb' ? 'nb-NO' : 'en-GB', { timeZone: 'Europe/Oslo' });
  return { t, name, resource, action, right, date };
}

/** A person's or organisation's URN from the number typed: 11 digits a person, 9 an organisation; null otherwise. */
export function recipientUrn(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  if (/^\d{11}$/.test(digits)) return `urn:altinn:person:identifier-no:${digits}`;
  if (/^\d{9}$/.test(digits)) return `urn:altinn:organization:identifier-no:${digits}`;
  return null;
}

/** One row of "rights the party has": for whom, what, why. */
export interface HeldRight {
  forWhom: string;
  what: string;
  why: string;
  source: 'ROLE' | 'ACCESS_PACKAGE' | 'DELEGATION';
}

/** The rights `party` holds for others, by whom they are for: roles, the packages those roles grant, delegations. */
export function heldRights(data: PortalAccessResult, w: Words): HeldRight[] {
  const party = data.party!;
  const rows: HeldRight[] = [];
  for (const held of party.rolesHeld ?? []) {
    const roleName = w.name(held.role.urn, held.role.name);
    rows.push({ forWhom: held.from.name, what: roleName, why: w.t('reasonRole', { name: roleName }), source: 'ROLE' });
    for (const p of data.accessPackages.filter((p) => p.grantedByRoles.some((r) => r.code === held.role.code))) {
      rows.push({ forWhom: held.from.name, what: w.name(p.urn, p.name), why: w.t('reasonPackage', { name: roleName }), source: 'ACCESS_PACKAGE' });
    }
  }
  for (const d of party.delegationsReceived ?? []) {
    const until = d.validTo ? ` ${w.t('until', { date: w.date(d.validTo) })}` : '';
    rows.push({ forWhom: d.from.name, what: w.right(d) + until, why: w.t('reasonDelegation', { name: d.from.name }), source: 'DELEGATION' });
  }
  return rows.sort((a, b) => a.forWhom.localeCompare(b.forWhom, 'nb'));
}

/** What a rendered page offers its frame: rendering again (after a language switch) without asking the graph again. */
export interface RenderedPage {
  render(): void;
  /** Resolves once the first data is shown. */
  loaded: Promise<void>;
}

/** Renders the page and wires its actions. */
export function accessPage(ctx: AccessPageContext): RenderedPage {
  let data: PortalAccessResult | null = null;
  let failed = false;
  let notice = '';
  let forbidden = new Set<string>();

  const run = <T>(operation: string, variables: Record<string, unknown>) => runOperation<T>(ACCESS_DOCUMENT, operation, variables);

  async function load() {
    try {
      const result = await run<PortalAccessResult>('PortalAccess', { party: ctx.party });
      data = result.data ?? null;
      failed = !data?.party;
      forbidden = new Set(['delegationsGiven', 'delegableRights', 'accessRequestsReceived', 'rolesHeld'].filter((f) => errorsAt(result, f).length));
    } catch {
      failed = true;
    }
    render();
  }

  /** Runs a mutation, then shows `done` (or the graph's refusal) and the page as it now is. */
  async function act(operation: string, variables: Record<string, unknown>, done: string) {
    const result = await run<Record<string, unknown>>(operation, variables).catch(() => ({ errors: [{ message: '' }] }) as never);
    notice = result.errors?.length ? `${words(ctx.lang()).t('error')} ${result.errors[0]!.message}`.trim() : done;
    await load();
    document.getElementById('access-notice')?.focus();
  }

  function section(id: string, heading: string, ...content: (Node | string)[]) {
    return el('section', { id, 'aria-labelledby': `${id}-heading` }, el('h2', { id: `${id}-heading`, text: heading }), ...content);
  }

  function render() {
    const w = words(ctx.lang());
    const { t } = w;
    if (!data) {
      ctx.main.replaceChildren(el('h1', { text: t('accessTitle') }), el('p', { text: failed ? t('error') : t('loading') }));
      return;
    }
    const party = data.party;
    if (!party) {
      ctx.main.replaceChildren(el('h1', { text: t('accessTitle') }), el('p', { id: 'access-problem', text: t('error') }));
      return;
    }
    const p = { party: party.name };
    const parts: Node[] = [el('h1', { text: t('accessTitle') }), el('p', { id: 'acting-for', text: t('actingFor', p) })];
    parts.push(el('p', { id: 'access-notice', role: 'status', tabindex: '-1', class: 'notice', text: notice }));

    // Rights the party has, for whom, and why.
    const held = heldRights(data, w);
    parts.push(
      section(
        'rights',
        t('rightsHeading', p),
        el('p', { class: 'muted', text: t('rightsIntro', p) }),
        held.length
          ? el(
              'ul',
              { class: 'cards' },
              ...held.map((r) =>
                el(
                  'li',
                  { 'data-source': r.source },
                  el('strong', { text: r.forWhom }),
                  el('br'),
                  r.what,
                  el('br'),
                  el('span', { class: 'muted', text: `${t('why')}: ${r.why}` }),
                ),
              ),
            )
          : el('p', { text: t('noRights') }),
      ),
    );

    // Rights given on its behalf, each revocable.
    if (!forbidden.has('delegationsGiven') && party.delegationsGiven) {
      const given = party.delegationsGiven;
      parts.push(
        section(
          'given',
          t('givenHeading', p),
          given.length
            ? el(
                'ul',
                { class: 'cards' },
                ...given.map((d) => {
                  const what = w.right(d);
                  const button = el('button', {
                    type: 'button',
                    class: 'danger',
                    'aria-label': t('revokeLabel', { name: d.to.name, what }),
                    text: t('revoke'),
                  });
                  button.addEventListener('click', () => void act('PortalRevokeDelegation', { id: d.id }, t('revoked', { name: d.to.name })));
                  return el(
                    'li',
                    { 'data-delegation': d.id },
                    el('strong', { text: d.to.name }),
                    el('br'),
                    what + (d.validTo ? ` ${t('until', { date: w.date(d.validTo) })}` : ''),
                    el('br'),
                    button,
                  );
                }),
              )
            : el('p', { text: t('noneGiven', p) }),
        ),
      );
    }

    // Give a right: only what the viewer may give.
    if (!forbidden.has('delegableRights') && party.delegableRights) parts.push(delegateForm(party.delegableRights, party.urn, w, p));

    // Requests to the party, for its administrators.
    if (!forbidden.has('accessRequestsReceived') && party.accessRequestsReceived) {
      const received = party.accessRequestsReceived;
      parts.push(
        section(
          'requests-received',
          t('receivedHeading', p),
          received.length
            ? el(
                'ul',
                { class: 'cards' },
                ...received.map((r) => {
                  const what = w.right(r);
                  const slots = { name: r.requester.name, what };
                  const approve = el('button', { type: 'button', 'aria-label': t('approveLabel', slots), text: t('approve') });
                  approve.addEventListener('click', () => void act('PortalApproveAccessRequest', { id: r.id }, t('approved', slots)));
                  const reject = el('button', { type: 'button', class: 'danger', 'aria-label': t('rejectLabel', slots), text: t('reject') });
                  reject.addEventListener('click', () => void act('PortalRejectAccessRequest', { id: r.id }, t('rejected', slots)));
                  return el(
                    'li',
                    { 'data-request': r.id },
                    t('asks', slots),
                    ...(r.message ? [el('br'), el('q', { text: r.message })] : []),
                    el('br'),
                    approve,
                    ' ',
                    reject,
                  );
                }),
              )
            : el('p', { text: t('noneReceived') }),
        ),
      );
    }

    // The viewer's own requests.
    const sent = data.viewer?.accessRequestsSent ?? [];
    parts.push(
      section(
        'requests-sent',
        t('sentHeading'),
        sent.length
          ? el(
              'ul',
              { class: 'cards' },
              ...sent.map((r) => {
                const what = w.right(r);
                const item = el(
                  'li',
                  { 'data-request': r.id },
                  t('sentTo', { party: r.from.name, what }),
                  ' — ',
                  el('span', { class: 'status', 'data-status': r.status, text: t(`status${r.status}` as AccessTextKey) }),
                );
                if (r.status === 'PENDING') {
                  const withdraw = el('button', {
                    type: 'button',
                    'aria-label': t('withdrawLabel', { party: r.from.name, what }),
                    text: t('withdraw'),
                  });
                  withdraw.addEventListener(
                    'click',
                    () => void act('PortalWithdrawAccessRequest', { id: r.id }, t('withdrawn', { party: r.from.name })),
                  );
                  item.append(el('br'), withdraw);
                }
                return item;
              }),
            )
          : el('p', { text: t('noneSent') }),
      ),
    );
    ctx.main.replaceChildren(...parts);
  }

  function delegateForm(
    offer: NonNullable<NonNullable<PortalAccessResult['party']>['delegableRights']>,
    from: string,
    w: Words,
    p: { party: string },
  ) {
    const { t } = w;
    if (!offer.resources.length && !offer.packages.length)
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
      ...offer.packages.map((pkg) => el('option', { value: `package:${pkg.urn}`, text: t('packageOption', { name: w.name(pkg.urn, pkg.name) }) })),
      ...offer.resources.map((r) => el('option', { value: `resource:${r.resource.id}`, text: w.resource(r.resource) })),
    ) as HTMLSelectElement;
    const actions = el('fieldset', { id: 'delegate-actions' });
    const error = el('p', { id: 'delegate-error', class: 'error', 'aria-live': 'polite' });
    const showActions = () => {
      const chosen = offer.resources.find((r) => `resource:${r.resource.id}` === what.value);
      actions.hidden = !chosen;
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
      { id: 'delegate-form', novalidate: '' },
      el('label', { for: 'delegate-to', text: t('delegateTo') }),
      to,
      el('label', { for: 'delegate-what', text: t('delegateWhat') }),
      what,
      actions,
      error,
      el('button', { type: 'submit', id: 'delegate-submit', text: t('delegateSubmit') }),
    ) as HTMLFormElement;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const recipient = recipientUrn(to.value);
      if (!recipient) {
        error.textContent = t('badRecipient');
        to.setAttribute('aria-invalid', 'true');
        to.focus();
        return;
      }
      const [kind, id] = [what.value.slice(0, what.value.indexOf(':')), what.value.slice(what.value.indexOf(':') + 1)];
      const input: Record<string, unknown> = { from, to: recipient };
      let label: string;
      if (kind === 'package') {
        input.package = id;
        const pkg = offer.packages.find((x) => x.urn === id)!;
        label = w.name(pkg.urn, pkg.name);
      } else {
        const picked = [...actions.querySelectorAll<HTMLInputElement>('input[name=action]:checked')].map((i) => i.value);
        if (!picked.length) {
          error.textContent = t('noActions');
          return;
        }
        Object.assign(input, { resource: id, actions: picked });
        label = w.right({ resource: offer.resources.find((r) => r.resource.id === id)!.resource, actions: picked, package: null });
      }
      void act('PortalDelegate', { input }, t('delegated', { what: label }));
    });
    return section('delegate', t('delegateHeading'), el('p', { class: 'muted', text: t('delegateIntro', p) }), form);
  }

  render();
  return { render, loaded: load() };
}
