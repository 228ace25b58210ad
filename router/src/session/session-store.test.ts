import { describe, expect, it } from 'vitest';
import { IDENTITY_KIND_CLAIM } from '@hub/kit';
import { cookiePolicy, readCookie, setCookie } from './session-cookie';
import { createSessionStore, SWEEP_EVERY_MS } from './session-store';

const claims = { pid: '12888510018', acr: 'idporten-loa-substantial', [IDENTITY_KIND_CLAIM]: 'person' as const };

describe('page sessions', () => {
  it('end after the idle time without a request, and live on while used', () => {
    let now = 0;
    const store = createSessionStore({ idleSeconds: 60, maxSeconds: 3600 }, () => now);
    const s = store.create(claims);
    now = 59_000;
    expect(store.get(s.id)?.claims.pid).toBe('12888510018');
    now = 118_000;
    expect(store.get(s.id)).not.toBeNull();
    now = 178_001;
    expect(store.get(s.id)).toBeNull();
    // Forgotten, not revived.
    now = 0;
    expect(store.get(s.id)).toBeNull();
  });

  it('end at the absolute limit however busy, and when deleted (logout)', () => {
    let now = 0;
    const store = createSessionStore({ idleSeconds: 60, maxSeconds: 100 }, () => now);
    const busy = store.create(claims);
    const other = store.create(claims);
    for (now = 0; now <= 100_000; now += 30_000) expect(store.get(busy.id)).not.toBeNull();
    now = 100_001;
    expect(store.get(busy.id)).toBeNull();
    now = 0;
    store.delete(other.id);
    expect(store.get(other.id)).toBeNull();
  });

  it('are swept when expired, at most once per sweep interval however many log in', () => {
    let now = 0;
    const store = createSessionStore({ idleSeconds: 30, maxSeconds: 3600 }, () => now);
    for (let i = 0; i < 1000; i++) store.create(claims);
    // Expired (idle past 30 s) but not yet swept: a login within the interval does not pass over the others.
    now = SWEEP_EVERY_MS - 1;
    store.create(claims);
    expect(store.size).toBe(1001);
    now = 2 * SWEEP_EVERY_MS;
    const fresh = store.create(claims);
    expect(store.size).toBe(1);
    expect(store.get(fresh.id)).not.toBeNull();
  });

  it('have unguessable ids and CSRF tokens of their own', () => {
    const store = createSessionStore({ idleSeconds: 60, maxSeconds: 100 });
    const a = store.create(claims);
    const b = store.create(claims);
    expect(a.id).toMatch(/^[\w-]{43}$/);
    expect(new Set([a.id, b.id, a.csrf, b.csrf]).size).toBe(4);
  });
});

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Lax, Secure and __Host- on an https site', () => {
    const policy = cookiePolicy('https://hub.example', true);
    expect(policy.session).toBe('__Host-hub_session');
    expect(setCookie(policy, policy.session, 'abc')).toBe('__Host-hub_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure');
  });

  it('stays Secure on a plain-http address that is not localhost, and in production whatever the address', () => {
    expect(cookiePolicy('http://hub.internal:4000', false).secure).toBe(true);
    expect(cookiePolicy('http://localhost:4000', true).secure).toBe(true);
  });

  it('drops Secure only on http://localhost outside production (a browser would not keep it there)', () => {
    const policy = cookiePolicy('http://localhost:4000', false);
    expect(setCookie(policy, policy.session, 'abc', 0)).toBe('hub_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it('is read by exact name from the Cookie header', () => {
    const request = new Request('http://x/', { headers: { cookie: 'other_hub_session=no; hub_session=yes; x=1' } });
    expect(readCookie(request, 'hub_session')).toBe('yes');
    expect(readCookie(request, 'missing')).toBeNull();
  });
});
