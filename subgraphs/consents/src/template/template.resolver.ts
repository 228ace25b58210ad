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
  const [to, from, handledBy, sources, actions] = await Promise.all([
    byId.load(consent.toId),
    byId.load(consent.fromId),
    consent.handledById ? byId.load(consent.handledById) : null,
    sourceNames(consent, ctx),
    rightsShown(consent, ctx),
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

/** The consent's rights as {Actions} names them: actions, the resource's title, the form a right is for. */
async function rightsShown(consent: ConsentRow, ctx: Context): Promise<RightShown[]> {
  const rights = await ctx.loaders.consents.rightsByConsentId.load(consent.id);
  const resources = await ctx.loaders.resources.byId.loadMany(rights.map((r) => r.resourceId));
  return rights.map((r, i) => {
    const resource = resources[i];
    const title = resource && !(resource instanceof Error) ? resource.title : r.resourceId;
    return { actions: r.actions, title, form: r.metadata[INSTANCE_METADATA_KEY] ?? null };
  });
}

/** How the text addresses the party asked when it reads the text itself. */
const SELF: Record<Language, string> = { nb: 'deg', en: 'you' };

/** The names of the requested resources' owners, each once, in the order of the rights. */
async function sourceNames(consent: ConsentRow, ctx: Context): Promise<string[]> {
  const rights = await ctx.loaders.consents.rightsByConsentId.load(consent.id);
  const resources = await ctx.loaders.resources.byId.loadMany(rights.map((r) => r.resourceId));
  const owners = [...new Set(resources.flatMap((r) => (r && !(r instanceof Error) ? [r.ownerId] : [])))];
  const parties = await ctx.loaders.parties.byId.loadMany(owners);
  return parties.flatMap((p) => (p && !(p instanceof Error) ? [p.name] : []));
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
