import { asc, eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { evidenceCodeContexts, evidenceCodes, serviceContexts } from '@hub/db/evidence';
import { resources } from '@hub/db/roles';
import type { EvidenceCodeRow, ServiceContextRow } from './code.type';

export interface CodeEntry extends EvidenceCodeRow {
  contextIds: string[];
  /** The consent template of the code's resource: consent requests are grouped by it. */
  consentTemplate: string | null;
  /** The metadata keys the resource's consent carries (inntektsaar), filled from the code's parameters. */
  consentMetadata: string[] | null;
}

export interface Catalogue {
  codes: Map<string, CodeEntry>;
  contexts: Map<string, ServiceContextRow>;
}

/** The code catalogue is small: read whole (three statements), once per request. */
export function createCatalogueLoader(db: Db) {
  let loaded: Promise<Catalogue> | undefined;
  return () =>
    (loaded ??= (async () => {
      const [codes, links, contexts] = await Promise.all([
        db
          .select({ code: evidenceCodes, consentTemplate: resources.consentTemplate, consentMetadata: resources.consentMetadata })
          .from(evidenceCodes)
          .innerJoin(resources, eq(resources.id, evidenceCodes.resourceId))
          .orderBy(asc(evidenceCodes.name)),
        db.select().from(evidenceCodeContexts),
        db.select().from(serviceContexts).orderBy(asc(serviceContexts.id)),
      ]);
      const entries = codes.map(({ code, consentTemplate, consentMetadata }) => ({
        ...code,
        consentTemplate,
        consentMetadata,
        contextIds: links.filter((l) => l.code === code.name).map((l) => l.serviceContextId),
      }));
      return { codes: new Map(entries.map((c) => [c.name, c])), contexts: new Map(contexts.map((c) => [c.id, c])) };
    })());
}
