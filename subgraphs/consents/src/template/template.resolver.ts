import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { badInput, type SubgraphContext } from '@hub/kit';
import type { ConsentRow } from '../consent/consent.type';
import type { Loaders } from '../loaders';
import type { ConsentTemplateRow } from '../resource/resource.loader';
import { LANGUAGES, renderTemplate, type Language } from './render';
import { ConsentRequestTemplate, type ConsentTemplateView } from './template.type';

type Context = SubgraphContext<Loaders>;

/**
 * The text of `template` for `consent` in `lang`. The party names come from a batched read of parties.parties, not
 * from the parties subgraph: federation resolves fields for the client, it cannot hand a name to a resolver here
 * that builds one string out of several parties.
 */
export async function renderConsentText(consent: ConsentRow, template: ConsentTemplateRow, lang: Language, ctx: Context): Promise<string> {
  const { byId } = ctx.loaders.parties;
  const [to, from, handledBy] = await Promise.all([
    byId.load(consent.toId),
    byId.load(consent.fromId),
    consent.handledById ? byId.load(consent.handledById) : null,
  ]);
  return renderTemplate(template.text[lang], {
    coveredBy: to?.name ?? '',
    offeredBy: from?.name ?? '',
    handledBy: handledBy?.name ?? null,
    validTo: consent.validTo,
  });
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
