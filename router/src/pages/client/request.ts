import {
  byId,
  currentLang,
  describeRight,
  el,
  formatDate,
  graph,
  joinNames,
  label,
  needLogin,
  onLanguageSwitch,
  showLanguage,
  t,
  type Resource,
} from './common';

const CONSENT_QUERY = /* GraphQL */ `query ConsentPage($id: ID!) {
  me { id }
  consentRequest(id: $id) {
    id status validTo requestMessage oneTimeConsent
    from { id urn name } to { urn name } handledBy { urn name }
    rights { action actions metadata resource { id title owner { id name } } }
    template { title { nb en } text { nb en } nb: renderedText(lang: "nb") en: renderedText(lang: "en") }
  }
}`;

type Bilingual = { nb: string; en: string };
interface ConsentRequest {
  id: string;
  status: string;
  validTo: string;
  requestMessage: string | null;
  oneTimeConsent: boolean;
  from: { id: string; name: string };
  to: { name: string };
  handledBy: { name: string } | null;
  rights: {
    actions?: string[];
    metadata: Record<string, string> | null;
    resource: Resource & { owner: { id: string; name: string } | null };
  }[];
  template: { title: Bilingual; text: Bilingual } & Bilingual;
}

/**
 * The page a person answers a consent request on. It reads the request through the graph in the person's login
 * session; the answer is a form POST to /consent/answer, which answers through the graph and redirects (303).
 */
export function requestPage(options: { id: string; state: string | null; csrf: string | null }): void {
  let consent: ConsentRequest | undefined;
  let viewerId: string | undefined;
  let problem: (() => string) | undefined;

  function render() {
    showLanguage();
    const lang = currentLang();
    const main = byId('main');
    if (problem) {
      main.replaceChildren(el('h1', { text: t('title') }), el('p', { id: 'problem', text: problem() }));
      return;
    }
    if (!consent) {
      main.replaceChildren(el('p', { text: t('loading') }));
      return;
    }
    const c = consent;
    const closed =
      { EXPIRED: t('expired'), DELETED: t('withdrawn') }[c.status] ??
      (c.status !== 'CREATED' ? `${t('answered')} (${t('status').toLowerCase()}: ${label('status', c.status)}).` : null);
    const rights = el('ul', { id: 'rights' }, ...c.rights.map((r) => el('li', { text: describeRight(r) })));
    const owners = c.rights.flatMap((r) => (r.resource.owner ? [r.resource.owner] : []));
    const sources = [...new Map(owners.map((o) => [o.id, o.name])).values()];
    // A representative answers for someone else: say so, rather than "you".
    const self = viewerId === c.from.id;
    const parts: (HTMLElement | string)[] = [
      el('h1', { text: c.template.title[lang] }),
      el('p', { id: 'requester', text: `${c.to.name} ${t('asks')}.` }),
      ...(c.handledBy ? [el('p', { id: 'handled-by', text: `${t('handledBy')}: ${c.handledBy.name}` })] : []),
      self ? el('p', { text: `${t('onBehalfOf')}: ${c.from.name}` }) : el('p', { id: 'on-behalf-of', text: `${t('answeringFor')} ${c.from.name}.` }),
      el('p', { id: 'text', text: c.template[lang] }),
      el('h2', { text: t('rights') }),
      rights,
      ...(sources.length ? [el('p', { id: 'sources', text: `${t('sources')} ${joinNames(sources)}.` })] : []),
      // The template's own text usually names the end date; say it once.
      ...(c.template.text[lang].includes('{Expiration}') ? [] : [el('p', { id: 'valid-to', text: `${t('validTo')} ${formatDate(c.validTo)}.` })]),
      ...(c.oneTimeConsent ? [el('p', { text: t('oneTime') })] : []),
      ...(c.requestMessage ? [el('h2', { text: t('message') }), el('blockquote', { id: 'message', text: c.requestMessage })] : []),
    ];
    if (closed) parts.push(el('p', { id: 'problem', text: closed }));
    else {
      parts.push(
        el(
          'form',
          { method: 'post', action: '/consent/answer', id: 'answer' },
          el('input', { type: 'hidden', name: 'id', value: c.id }),
          el('input', { type: 'hidden', name: 'csrf', value: options.csrf ?? '' }),
          ...(options.state !== null ? [el('input', { type: 'hidden', name: 'state', value: options.state })] : []),
          el('button', { type: 'submit', name: 'answer', value: 'accept', id: 'accept', text: t('accept') }),
          ' ',
          el('button', { type: 'submit', name: 'answer', value: 'reject', id: 'reject', text: t('reject') }),
        ),
      );
    }
    main.replaceChildren(...parts);
  }

  onLanguageSwitch(render);
  render();
  if (needLogin(byId('main'), options.csrf)) return;
  void (async () => {
    try {
      const result = await graph<{ me: { id: string } | null; consentRequest: ConsentRequest | null }>(CONSENT_QUERY, { id: options.id });
      consent = result.data?.consentRequest ?? undefined;
      viewerId = result.data?.me?.id;
      if (!consent) problem = () => t('notFound');
    } catch {
      problem = () => t('error');
    }
    render();
  })();
}
