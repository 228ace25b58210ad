import { defineSource } from './define-source';
import { syntheticDigits } from '@hub/source-kit';

/** NAV: work assessment allowance and disability benefit. */
export const nav = defineSource('nav', '310000906', {
  AapUforetrygd: {
    resource: 'nav-aap-uforetrygd',
    values: ({ code, subject, parameters }) => {
      const d = syntheticDigits(code, subject.urn, parameters);
      return [
        { name: 'mottarAap', type: 'BOOLEAN', value: d.bool(10) },
        { name: 'uforegrad', type: 'NUMBER', value: d.bool(10) ? d.int(1, 100) : 0 },
      ];
    },
  },
});
