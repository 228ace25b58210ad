import { evidenceSettings } from '../settings';
import { defineSource } from './define-source';
import { askHttpSource } from './http-source';
import type { EvidenceSource } from './source';
import { syntheticDigits } from './synthetic';

/** Skatteetaten in-process: the stand-in when its own service is not configured (the same answers). */
const inProcess = defineSource('skatteetaten', '310000701', {
  SummertSkattegrunnlag: {
    resource: 'ske-inntekt-skattegrunnlag',
    values: ({ code, subject, parameters }) => {
      const d = syntheticDigits(code, subject.urn, parameters);
      return [
        { name: 'inntektsaar', type: 'NUMBER', value: Number(parameters.inntektsaar) },
        { name: 'samletInntekt', type: 'AMOUNT', value: d.int(250_000, 1_200_000) },
        { name: 'nettoformue', type: 'AMOUNT', value: d.int(-500_000, 3_000_000) },
      ];
    },
  },
  Restanser: {
    resource: 'ske-restanser',
    values: ({ code, subject, parameters }) => {
      const d = syntheticDigits(code, subject.urn, parameters);
      const harRestanser = d.bool(20);
      return [
        { name: 'harRestanser', type: 'BOOLEAN', value: harRestanser },
        { name: 'sumRestanser', type: 'AMOUNT', value: harRestanser ? d.int(1_000, 400_000) : 0 },
      ];
    },
  },
});

/**
 * Skatteetaten: income and tax base per year, tax arrears. With EVIDENCE_SKATTEETATEN_URL, a harvest under consent
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
