import { defineSource } from './define-source';
import { syntheticDigits } from '@hub/source-kit';

/** Brønnøysundregistrene: bankruptcy and winding-up status, open to anyone. */
export const brreg = defineSource('brreg', '310001007', {
  KonkursStatus: {
    resource: 'brreg-konkurs',
    open: true,
    values: ({ code, subject, parameters }) => {
      const d = syntheticDigits(code, subject.urn, parameters);
      return [
        { name: 'erKonkurs', type: 'BOOLEAN', value: d.bool(5) },
        { name: 'underAvvikling', type: 'BOOLEAN', value: d.bool(5) },
      ];
    },
  },
});
