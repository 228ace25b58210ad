import { defineSource } from './define-source';
import { syntheticDigits } from '@hub/source-kit';

/** Lånekassen: the balance of a student loan. */
export const lanekassen = defineSource('lanekassen', '310000809', {
  StudielanSaldo: {
    resource: 'lanekassen-studielan-saldo',
    values: ({ code, subject, parameters }) => [
      { name: 'saldo', type: 'AMOUNT', value: syntheticDigits(code, subject.urn, parameters).int(0, 650_000) },
    ],
  },
});
