import { Field, ObjectType } from 'type-graphql';
import { ConsentRequest, ConsentStatus } from './consent.type';

@ObjectType({ description: 'The outcome of an answer, and where to send the person next.' })
export class ConsentAnswer {
  @Field(() => ConsentStatus)
  status!: ConsentStatus;

  @Field(() => String, {
    description:
      'The requester’s redirectUrl with `status`, `state` when given, and on acceptance a one-time `code` (60 seconds). ' +
      'status=PENDING: a joint request waits for the other representatives; no code yet.',
  })
  redirectUrl!: string;

  @Field(() => ConsentRequest)
  consent!: ConsentRequest;
}

/** Where the person goes after answering: the request's redirectUrl with the answer in its query. */
export function answerRedirect(
  redirectUrl: string,
  answer: { status: 'ACCEPTED' | 'REJECTED' | 'PENDING'; code?: string; state?: string | null },
): string {
  const url = new URL(redirectUrl);
  if (answer.code) url.searchParams.set('code', answer.code);
  url.searchParams.set('status', answer.status);
  if (answer.state != null) url.searchParams.set('state', answer.state);
  return url.toString();
}
