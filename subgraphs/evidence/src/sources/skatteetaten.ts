import { defineSource } from './define-source';
import { syntheticDigits } from './synthetic';

/** Skatteetaten: income and tax base per year, tax arrears. */
export const skatteetaten = defineSource('skatteetaten', '310000701', {
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
