import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { INSTANCE_METADATA_KEY } from '@hub/db/consents/read';
import { badInput, type SubgraphContext } from '@hub/kit';
import type { ConsentRow } from '../consent/consent.type';
import type { Loaders } from '../loaders';
import type { ConsentTemplateRow } from '../resource/resource.loader';
import { describeRights, LANGUAGES, renderTemplate, type Language, type RightShown } from './render';
import { ConsentRequestTemplate, type ConsentTemplateView } from './template.type';

type Context = SubgraphContext<Loaders>;

/**
 * The text of `template` for `consent` in `lang`. The party names come from a batched read of parties.parties, not
 * from the parties subgraph: federation resolves fields for the client, it cannot hand a name to a resolver here
 * that builds one string out of several parties.
 */
export async function renderConsentText(consent: ConsentRow, template: ConsentTemplateRow, lang: Language, ctx: Context): Promise<string> {
  const { byId } = ctx.loaders.parties;
  const [to, from, handledBy, { sources, actions }] = await Promise.all([
    byId.load(consent.toId),
    byId.load(consent.fromId),
    consent.handledById ? byId.load(consent.handledById) : null,
    rightsAndSources(consent, ctx),
  ]);
  const offeredBy = from?.name ?? '';
  return renderTemplate(
    template.text[lang],
    {
      coveredBy: to?.name ?? '',
      offeredBy,
      handledBy: handledBy?.name ?? null,
      validTo: consent.validTo,
      subject: ctx.viewer?.partyId === consent.fromId ? SELF[lang] : offeredBy,
      sources,
      actions: describeRights(actions, lang),
    },
    lang,
  );
}

/** How the text addresses the party asked when it reads the text itself. */
const SELF: Record<Language, string> = { nb: 'deg', en: 'you' };

/**
 * The consent's rights as {Actions} names them (actions, the resource's title, the form a right is for), and the names
 * of the requested resources' owners ({Sources}), each once, in the order of the rights. One chain of batched reads
 * (rights, resources, owners): every consent of a list renders in the same rounds, however many there are.
 */
async function rightsAndSources(consent: ConsentRow, ctx: Context): Promise<{ actions: RightShown[]; sources: string[] }> {
  const rights = await ctx.loaders.consents.rightsByConsentId.load(consent.id);
  const resources = await ctx.loaders.resources.byId.loadMany(rights.map((r) => r.resourceId));
  const found = resources.map((r) => (r && !(r instanceof Error) ? r : null));
  const owners = [...new Set(found.flatMap((r) => (r ? [r.ownerId] : [])))];
  const parties = await ctx.loaders.parties.byId.loadMany(owners);
  return {
    actions: rights.map((r, i) => ({ actions: r.actions, title: found[i]?.title ?? r.resourceId, form: r.metadata[INSTANCE_METADATA_KEY] ?? null })),
    sources: parties.flatMap((p) => (p && !(p instanceof Error) ? [p.name] : [])),
  };
}

@Resolver(() => ConsentRequestTemplate)
export class ConsentTemplateResolver {
  @FieldResolver(() => String, { description: 'The text with every placeholder filled in, as the person is shown it. lang: "nb" or "en".' })
  renderedText(
    @Root() view: ConsentTemplateView,
    @Arg('lang', () => String, { defaultValue: 'nb' }) lang: string,
    @Ctx() ctx: Context,
  ): Promise<string> {
    if (!(LANGUAGES as readonly string[]).includes(lang)) throw badInput('lang', `must be one of ${LANGUAGES.join(', ')}`);
    return renderConsentText(view.consent, view, lang as Language, ctx);
  }
}
