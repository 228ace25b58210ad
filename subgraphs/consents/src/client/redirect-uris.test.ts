import { describe, expect, it } from 'vitest';
import { checkRedirect, isRegisteredRedirect } from './redirect-uris';

const BANK = ['https://banken.example/samtykke/retur', 'http://localhost:9999/callback'];

describe('isRegisteredRedirect', () => {
  it('matches a registered URL exactly, and nothing merely like it', () => {
    expect(isRegisteredRedirect('https://banken.example/samtykke/retur', BANK)).toBe(true);
    for (const url of [
      'https://banken.example/samtykke/retur/',
      'https://banken.example/samtykke/retur?x=1',
      'https://banken.example/samtykke/returx',
      'https://BANKEN.example/samtykke/retur',
      'https://banken.example:443/samtykke/retur',
      'https://banken.example.evil.test/samtykke/retur',
      'https://evil.test/samtykke/retur',
    ]) {
      expect(isRegisteredRedirect(url, BANK), url).toBe(false);
    }
  });

  it('lets a loopback URL use another port (RFC 8252 §7.3), but not another host or path', () => {
    expect(isRegisteredRedirect('http://localhost:9999/callback', BANK)).toBe(true);
    expect(isRegisteredRedirect('http://localhost:41234/callback', BANK)).toBe(true);
    expect(isRegisteredRedirect('http://localhost/callback', BANK)).toBe(true);
    expect(isRegisteredRedirect('http://127.0.0.1:9999/callback', BANK)).toBe(false);
    expect(isRegisteredRedirect('http://localhost:9999/other', BANK)).toBe(false);
    expect(isRegisteredRedirect('http://localhost.evil.test:9999/callback', BANK)).toBe(false);
    expect(isRegisteredRedirect('https://banken.example:8443/samtykke/retur', BANK)).toBe(false);
  });
});

describe('checkRedirect', () => {
  const client = { id: 'banken-system', organizationId: 'bank', redirectUris: BANK, jwks: null };

  it('names the problem when the client is missing, unregistered, someone else’s or has no URLs', () => {
    expect(checkRedirect(BANK[0]!, null, null, 'bank')).toMatchObject({ ok: false, problem: expect.stringContaining('names no client') });
    expect(checkRedirect(BANK[0]!, 'dev-1', null, 'bank')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('dev-1 has no registered redirect URLs'),
    });
    expect(checkRedirect(BANK[0]!, 'banken-system', client, 'other')).toMatchObject({ ok: false });
    expect(checkRedirect(BANK[0]!, 'banken-system', { ...client, redirectUris: [] }, 'bank')).toMatchObject({ ok: false });
    expect(checkRedirect('https://evil.test/cb', 'banken-system', client, 'bank')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('is not a redirect URL registered for client banken-system'),
    });
    expect(checkRedirect(BANK[0]!, 'banken-system', client, 'bank')).toEqual({ ok: true });
  });
});
