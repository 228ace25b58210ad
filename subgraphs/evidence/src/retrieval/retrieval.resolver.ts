import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { Accreditation, type AccreditationRow } from '../accreditation/accreditation.type';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
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

/** The subject's view: guarded per party (the party and those who may act for it) in permissions.ts. */
@Resolver(() => Party)
export class PartyEvidenceResolver {
  @FieldResolver(() => [EvidenceRetrieval], { nullable: true, description: 'Who has retrieved what about this party, newest first.' })
  evidenceRetrievals(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<RetrievalRow[]> {
    return ctx.loaders.retrievalsBySubjectId.load(party.id);
  }

  @FieldResolver(() => [Accreditation], { nullable: true, description: 'Accreditations about this party, newest first: who asked, in which context, when.' })
  accreditationsAboutMe(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<AccreditationRow[]> {
    return ctx.loaders.accreditations.bySubjectId.load(party.id);
  }
}
