import { badInput, forbidden } from '@hub/kit';
import type { PartyRow } from '@hub/db/parties/read';
import type { Catalogue, CodeEntry } from '../code/code.loader';
import type { ServiceContextRow } from '../code/code.type';
import type { CreateAccreditationInput } from './accreditation.type';

export interface CheckedCode {
  entry: CodeEntry;
  parameters: Record<string, unknown>;
  legalBasis: string | null;
  needsConsent: boolean;
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  NUMBER: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)),
  AMOUNT: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)),
  BOOLEAN: (v) => typeof v === 'boolean',
  STRING: (v) => typeof v === 'string',
  DATETIME: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

/** The service context exists and the requestor may ask in it (only public agencies where it says so). */
export function checkContext(catalogue: Catalogue, id: string, requestor: PartyRow | null): ServiceContextRow {
  const context = catalogue.contexts.get(id);
  if (!context) throw badInput('input.serviceContext', `no service context ${id} (there are ${[...catalogue.contexts.keys()].join(', ')})`);
  if (!requestor) throw forbidden('Your organisation is not in the register of parties, so it cannot ask for evidence.');
  if (context.requestorMustBe === 'PUBLIC' && !requestor.isPublic) {
    throw forbidden(`${requestor.name} is not a public agency; only public agencies may ask for evidence in ${context.id} (${context.name}).`);
  }
  return context;
}

const kindName = (kind: string) => (kind === 'PERSON' ? 'persons' : 'organisations');

/** The context may be about this subject (public procurement is about organisations only). */
export function checkSubject(context: ServiceContextRow, subject: PartyRow): void {
  if (!context.subjects.includes(subject.type)) {
    throw badInput('input.subject', `${context.id} (${context.name}) is about ${context.subjects.map(kindName).join(' and ')} only`);
  }
}

/**
 * A legal basis given instead of consent is one the code lists, and applies to the subject: any text will not do.
 * Null when none was given.
 */
function checkLegalBasis(entry: CodeEntry, given: string | null | undefined, subject: PartyRow, field: string): string | null {
  const id = given?.trim() || null;
  if (!id) return null;
  const accepted = entry.legalBases;
  if (!accepted.length)
    throw badInput(field, `${entry.name} is not harvested on a legal basis (requirement ${entry.requirement}); leave legalBasis out`);
  const basis = accepted.find((b) => b.id === id);
  if (!basis) throw badInput(field, `${id} is not a legal basis ${entry.name} accepts (it accepts ${accepted.map((b) => b.id).join(', ')})`);
  if (!basis.subjects.includes(subject.type)) {
    throw badInput(field, `${basis.id} applies to ${basis.subjects.map(kindName).join(' and ')} only, and the subject is not one`);
  }
  return basis.id;
}

/** Every code belongs to the context, its parameters are the declared ones with the declared types, and its basis is given and accepted. */
export function checkCodes(catalogue: Catalogue, context: ServiceContextRow, input: CreateAccreditationInput, subject: PartyRow): CheckedCode[] {
  if (!input.evidenceCodes.length) throw badInput('input.evidenceCodes', 'ask for at least one code');
  const seen = new Set<string>();
  return input.evidenceCodes.map((asked, i) => {
    const field = `input.evidenceCodes[${i}]`;
    const entry = catalogue.codes.get(asked.code);
    if (!entry || !entry.contextIds.includes(context.id)) {
      const inContext = [...catalogue.codes.values()].filter((c) => c.contextIds.includes(context.id)).map((c) => c.name);
      throw badInput(`${field}.code`, `${asked.code} is not a code of ${context.id} (its codes: ${inContext.join(', ')})`);
    }
    if (seen.has(entry.name)) throw badInput(`${field}.code`, `${entry.name} is asked for twice`);
    seen.add(entry.name);

    const given = asked.parameters ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) throw badInput(`${field}.parameters`, 'must be an object');
    const parameters = given as Record<string, unknown>;
    for (const key of Object.keys(parameters)) {
      if (!entry.parameters.some((p) => p.name === key)) {
        const takes = entry.parameters.length ? `takes ${entry.parameters.map((p) => p.name).join(', ')}` : 'takes no parameters';
        throw badInput(`${field}.parameters`, `unknown parameter ${key} (${entry.name} ${takes})`);
      }
    }
    for (const spec of entry.parameters) {
      const value = parameters[spec.name];
      if (value == null) {
        if (spec.required) throw badInput(`${field}.parameters`, `${spec.name} is required (${spec.type})`);
        continue;
      }
      const ok = TYPE_CHECKS[spec.type] ?? (() => true);
      if (!ok(value)) throw badInput(`${field}.parameters`, `${spec.name} must be a ${spec.type}`);
    }

    const legalBasis = checkLegalBasis(entry, asked.legalBasis, subject, `${field}.legalBasis`);
    if (entry.requirement === 'LEGAL_BASIS' && !legalBasis) {
      throw badInput(`${field}.legalBasis`, `${entry.name} needs one of its legal bases (${entry.legalBases.map((b) => b.id).join(', ')})`);
    }
    const needsConsent = entry.requirement === 'CONSENT' || (entry.requirement === 'LEGAL_BASIS_OR_CONSENT' && !legalBasis);
    return { entry, parameters, legalBasis, needsConsent };
  });
}
