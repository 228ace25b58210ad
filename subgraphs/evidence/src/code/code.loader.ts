import { asc } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { evidenceCodeContexts, evidenceCodes, serviceContexts } from '@hub/db/evidence';
import { resourcesByIds } from '@hub/db/roles/read';
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

/** The code catalogue is small: read whole (four statements), once per request. */
export function createCatalogueLoader(db: Db) {
  let loaded: Promise<Catalogue> | undefined;
  return () =>
    (loaded ??= (async () => {
      const [codes, links, contexts] = await Promise.all([
        db.select().from(evidenceCodes).orderBy(asc(evidenceCodes.name)),
        db.select().from(evidenceCodeContexts),
        db.select().from(serviceContexts).orderBy(asc(serviceContexts.id)),
      ]);
      // The consent template and metadata keys belong to the code's resource, in the roles domain's registry.
      const resources = new Map((await resourcesByIds(db, [...new Set(codes.map((c) => c.resourceId))])).map((r) => [r.id, r]));
      const entries = codes.map((code) => ({
        ...code,
        consentTemplate: resources.get(code.resourceId)!.consentTemplate,
        consentMetadata: resources.get(code.resourceId)!.consentMetadata,
        contextIds: links.filter((l) => l.code === code.name).map((l) => l.serviceContextId),
      }));
      return { codes: new Map(entries.map((c) => [c.name, c])), contexts: new Map(contexts.map((c) => [c.id, c])) };
    })());
}
