import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badInput, CurrentOrganization, forbidden, type OrganizationViewer, requirePartyByUrn, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { EvidenceStatus } from './evidence-status.type';
import { harvestOne, logRetrievals } from './harvest';

type Context = SubgraphContext<Loaders>;

@Resolver()
export class OpenEvidenceResolver {
  @Query(() => EvidenceStatus, {
    description: 'Harvests an OPEN code (KonkursStatus) about a subject without an accreditation; logged as a retrieval.',
  })
  async openEvidence(
    @Arg('subject', () => String) subjectUrn: string,
    @Arg('code', () => String) codeName: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<EvidenceStatus> {
    const [{ codes }, requestor, subject] = await Promise.all([
      ctx.loaders.catalogue(),
      ctx.loaders.parties.byId.load(viewer.partyId),
      requirePartyByUrn(subjectUrn, ctx.loaders.parties, 'subject'),
    ]);
    const code = codes.get(codeName);
    if (!code) throw badInput('code', `no evidence code ${codeName}`);
    if (code.requirement !== 'OPEN') throw badInput('code', `${codeName} is not open (${code.requirement}); ask for it in an accreditation`);
    if (!requestor) throw forbidden('Your organisation is not in the register of parties, so it cannot retrieve evidence.');
    const now = new Date();
    const result = await harvestOne(code, { requestor, subject, parameters: {}, legalBasis: null }, ctx, now);
    await logRetrievals(ctx, [result], { requestorId: requestor.id, subjectId: subject.id, accreditationId: null, at: now });
    return result;
  }
}
