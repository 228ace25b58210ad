import { Field, ObjectType } from 'type-graphql';
import type { ConsentTemplateRow } from '../resource/resource.loader';
import type { ConsentRow } from '../consent/consent.type';

@ObjectType({ description: 'A consent text in Norwegian Bokmål and English, as written, with its placeholders.' })
export class ConsentText {
  @Field(() => String)
  nb!: string;

  @Field(() => String)
  en!: string;
}

/** The root of ConsentRequestTemplate: the template of the requested resources, with the request it is shown for. */
export type ConsentTemplateView = ConsentTemplateRow & { consent: ConsentRow };

@ObjectType({
  description:
    'The text a person is asked to consent to: {CoveredBy}, {OfferedBy}, {HandledBy}, {Expiration}, {Subject} ("deg"/"you" for the party asked, its name for others) and {Sources} (every data source) are filled in by renderedText.',
})
export class ConsentRequestTemplate {
  @Field(() => String, { description: 'The template id in the resource registry (default, sblanesoknad …).' })
  id!: string;

  @Field(() => ConsentText)
  title!: ConsentText;

  @Field(() => ConsentText)
  text!: ConsentText;
}
