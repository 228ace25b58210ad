import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A text in Norwegian Bokmål and English.' })
export class LocalizedText {
  @Field(() => String)
  nb!: string;

  @Field(() => String)
  en!: string;
}

@ObjectType({
  description:
    'What a person sees when asked for consent; {CoveredBy}, {OfferedBy}, {HandledBy}, {Expiration}, {Subject} and {Sources} are filled in.',
})
export class ConsentTemplate {
  @Field(() => String)
  id!: string;

  @Field(() => LocalizedText)
  title!: LocalizedText;

  @Field(() => LocalizedText)
  text!: LocalizedText;
}
