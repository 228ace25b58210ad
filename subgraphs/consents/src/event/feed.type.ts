import { Field, ObjectType } from 'type-graphql';
import { ConsentEvent } from './event.type';

@ObjectType({ description: 'One event in the feed, with the cursor to continue after it.' })
export class ConsentEventEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ConsentEvent)
  node!: ConsentEvent;
}

@ObjectType({ description: 'Where a feed page ends.' })
export class ConsentEventPageInfo {
  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page (on an empty page, the cursor you gave; null before the first event).',
  })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'More events exist now; when false, ask again later with endCursor.' })
  hasNextPage!: boolean;
}

@ObjectType({ description: 'A page of the event feed.' })
export class ConsentEventConnection {
  @Field(() => [ConsentEventEdge])
  edges!: ConsentEventEdge[];

  @Field(() => ConsentEventPageInfo)
  pageInfo!: ConsentEventPageInfo;
}
