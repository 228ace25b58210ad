import { evidenceSettings } from '../settings';
import { CODES, type Code } from '@hub/datasource-skatteetaten/codes';
import { defineSource, type SourceCode } from './define-source';
import { askHttpSource } from './http-source';
import type { EvidenceSource } from './source';

/** A code of the tax administration's own service, as the hub's in-process stand-in serves it: the same answers. */
const standIn = (code: Code): SourceCode => ({ resource: code.resource, values: ({ subject, parameters }) => code.values(subject.urn, parameters) });

/** Skatteetaten in-process: the stand-in when its own service is not configured. */
const inProcess = defineSource('skatteetaten', '310000701', {
  SummertSkattegrunnlag: standIn(CODES.SummertSkattegrunnlag!),
  Restanser: standIn(CODES.Restanser!),
  DodsboOpplysninger: standIn(CODES.DodsboOpplysninger!),
});

/**
 * Skatteetaten: income and tax base per year, tax arrears, an estate's assets and debts. With EVIDENCE_SKATTEETATEN_URL, a harvest under consent
 * is sent to its own service (datasources/skatteetaten), which verifies the token and reports the use itself; a
 * harvest on a legal basis, which carries no token for the service to verify, stays with the hub's stand-in.
 */
export const skatteetaten: EvidenceSource = {
  ...inProcess,
  harvest(request) {
    const settings = evidenceSettings(request.hub);
    const url = settings.sourceUrls.skatteetaten;
    const { consentToken } = request;
    if (url && consentToken && inProcess.codes.includes(request.code)) return askHttpSource(url, { ...request, consentToken }, settings.timeoutMs);
    return inProcess.harvest(request);
  },
};
