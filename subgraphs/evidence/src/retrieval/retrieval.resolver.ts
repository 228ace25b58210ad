import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, PageType, type Page, type SubgraphContext } from '@hub/kit';
import { Accreditation, type AccreditationRow } from '../accreditation/accreditation.type';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { retrievalsPage } from './retrieval.list';
import { EvidenceRetrieval, type RetrievalRow } from './retrieval.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => EvidenceRetrieval)
export class EvidenceRetrievalResolver {
  @FieldResolver(() => Party, { description: 'Who retrieved it.' })
  requestor(@Root() r: RetrievalRow): PartyRef {
    return partyRef(r.requestorId);
  }

  @FieldResolver(() => Party, { description: 'Whom it is about.' })
  subject(@Root() r: RetrievalRow): PartyRef {
    return partyRef(r.subjectId);
  }
}

const EvidenceRetrievalPage = PageType(EvidenceRetrieval);

const RETRIEVALS = 'Who has retrieved what about this party, newest first.';

/** The subject's view: guarded per party (the party and those who may act for it) in permissions.ts. */
@Resolver(() => Party)
export class PartyEvidenceResolver {
  @FieldResolver(() => [EvidenceRetrieval], {
    nullable: true,
    description: `${RETRIEVALS} Pages of \`first\` (default 100, at most 500) after the cursor \`after\`; \`evidenceRetrievalsPage\` gives the cursor.`,
  })
  async evidenceRetrievals(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<RetrievalRow[]> {
    return (await retrievalsPage(party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => EvidenceRetrievalPage, { nullable: true, description: `${RETRIEVALS} A page of them, with the cursor for the next.` })
  evidenceRetrievalsPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<RetrievalRow>> {
    return retrievalsPage(party.id, page, ctx);
  }

  @FieldResolver(() => [Accreditation], {
    nullable: true,
    description: 'Accreditations about this party, newest first: who asked, in which context, when.',
  })
  accreditationsAboutMe(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<AccreditationRow[]> {
    return ctx.loaders.accreditations.bySubjectId.load(party.id);
  }
}
