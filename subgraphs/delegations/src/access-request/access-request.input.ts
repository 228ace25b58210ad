import { Field, InputType } from 'type-graphql';

/** The longest message a requester may write. */
export const MAX_MESSAGE_LENGTH = 1_000;

@InputType({ description: 'Exactly one of resource (with actions) or package.' })
export class RequestAccessInput {
  @Field(() => String, { description: 'URN of the party asked; its administrators answer.' })
  from!: string;

  @Field(() => String, { nullable: true, description: 'A resource id; needs actions.' })
  resource?: string | null;

  @Field(() => String, { nullable: true, description: 'An access package urn; takes no actions.' })
  package?: string | null;

  @Field(() => [String], { nullable: true })
  actions?: string[] | null;

  @Field(() => String, { nullable: true, description: `Why; at most ${MAX_MESSAGE_LENGTH} characters.` })
  message?: string | null;
}
