import { syntheticDigits } from '@hub/source-kit';

export interface Value {
  name: string;
  type: string;
  value: unknown;
}

/** One evidence code this source delivers: the consent resource that must cover it, and its values. */
export interface Code {
  resource: string;
  values(subjectUrn: string, parameters: Record<string, unknown>): Value[];
}

/** The tax administration's codes (synthetic data, the same answers as the hub's in-process stand-in). */
export const CODES: Record<string, Code> = {
  SummertSkattegrunnlag: {
    resource: 'ske-inntekt-skattegrunnlag',
    values(subject, parameters) {
      const d = syntheticDigits('SummertSkattegrunnlag', subject, parameters);
      return [
        { name: 'inntektsaar', type: 'NUMBER', value: Number(parameters.inntektsaar) },
        { name: 'samletInntekt', type: 'AMOUNT', value: d.int(250_000, 1_200_000) },
        { name: 'nettoformue', type: 'AMOUNT', value: d.int(-500_000, 3_000_000) },
      ];
    },
  },
  Restanser: {
    resource: 'ske-restanser',
    values(subject, parameters) {
      const d = syntheticDigits('Restanser', subject, parameters);
      const harRestanser = d.bool(20);
      return [
        { name: 'harRestanser', type: 'BOOLEAN', value: harRestanser },
        { name: 'sumRestanser', type: 'AMOUNT', value: harRestanser ? d.int(1_000, 400_000) : 0 },
      ];
    },
  },
  /** An estate's (dødsbo) assets and debts as of the death, asked with an heir's consent on the estate's behalf. */
  DodsboOpplysninger: {
    resource: 'ske-dodsbo-opplysninger',
    values(subject, parameters) {
      const d = syntheticDigits('DodsboOpplysninger', subject, parameters);
      const bankinnskudd = d.int(10_000, 2_000_000);
      const gjeld = d.int(0, 1_500_000);
      return [
        { name: 'bankinnskudd', type: 'AMOUNT', value: bankinnskudd },
        { name: 'gjeld', type: 'AMOUNT', value: gjeld },
        { name: 'nettoformue', type: 'AMOUNT', value: bankinnskudd - gjeld },
      ];
    },
  },
  /** A tax certificate: its consent is one-time, so one token gives one certificate. */
  Skatteattest: {
    resource: 'ske-skatteattest',
    values(subject, parameters) {
      const d = syntheticDigits('Skatteattest', subject, parameters);
      return [
        { name: 'harRestanser', type: 'BOOLEAN', value: d.bool(20) },
        { name: 'utstedt', type: 'DATETIME', value: new Date().toISOString() },
      ];
    },
  },
};
