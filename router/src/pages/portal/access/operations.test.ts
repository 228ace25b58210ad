import { print } from '@0no-co/graphql.web';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compose } from '@hub/schema';
import { OTHERS_CSV_QUERY } from '../others/query';
import { APPROVE_ACCESS_REQUEST, DELEGATE, REJECT_ACCESS_REQUEST, REVOKE_DELEGATION, WITHDRAW_ACCESS_REQUEST } from './query';
import { recipientUrn } from './words';

describe('the access pages’ other operations (their actions, the CSV download)', () => {
  it('validate against the supergraph’s API schema', async () => {
    const schema = buildSchema((await compose()).publicSdl);
    for (const op of [DELEGATE, REVOKE_DELEGATION, APPROVE_ACCESS_REQUEST, REJECT_ACCESS_REQUEST, WITHDRAW_ACCESS_REQUEST, OTHERS_CSV_QUERY]) {
      expect(validate(schema, parse(print(op))).map((e) => e.message)).toEqual([]);
    }
  }, 60_000);
});

describe('the delegate form’s recipient', () => {
  it('is a person by 11 digits, an organisation by 9, and nothing else', () => {
    expect(recipientUrn(' 258901 50058 ')).toBe('urn:altinn:person:identifier-no:25890150058');
    expect(recipientUrn('310000418')).toBe('urn:altinn:organization:identifier-no:310000418');
    expect(recipientUrn('3100004181')).toBeNull();
    expect(recipientUrn('SIRI')).toBeNull();
  });
});
