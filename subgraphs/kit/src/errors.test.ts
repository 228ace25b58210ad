import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badInput, maskError } from './errors';

describe('maskError', () => {
  it('keeps a registered code and drops stack traces', () => {
    const logged: unknown[] = [];
    const out = maskError({ message: 'urn: bad', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['x'] } }, badInput('urn', 'bad'), (e) =>
      logged.push(e),
    );
    expect(out).toEqual({ message: 'urn: bad', extensions: { code: 'BAD_USER_INPUT' } });
    expect(logged).toHaveLength(0);
  });
  it('masks anything else as INTERNAL and logs the original', () => {
    const logged: unknown[] = [];
    const original = new GraphQLError('connection refused to 10.0.0.3', { originalError: new Error('secret detail') });
    const out = maskError({ message: original.message, path: ['me'] }, original, (e) => logged.push(e));
    expect(out).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL' } });
    expect(logged).toEqual([original]);
  });
  it('answers UNAVAILABLE with a retry time when the database cannot be reached, without logging it as a bug', () => {
    const logged: unknown[] = [];
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.3:5432'), { code: 'ECONNREFUSED' });
    const original = new GraphQLError('Failed query', { originalError: Object.assign(new Error('Failed query'), { cause: refused }) });
    const out = maskError({ message: original.message, path: ['me'] }, original, (e) => logged.push(e));
    expect(out).toMatchObject({ path: ['me'], extensions: { code: 'UNAVAILABLE', retryAfter: 1, retryAt: expect.any(String) } });
    expect(out.message).not.toContain('10.0.0.3');
    expect(logged).toHaveLength(0);
  });
});
