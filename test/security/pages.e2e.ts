import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let base: string;
beforeAll(async () => {
  stack = await startTestStack();
  base = stack.url.replace(/\/graphql$/, '');
});
afterAll(() => stack?.close());

const ID = '00000000-0000-4000-8000-000000000000';

describe('the consent answer endpoint', () => {
  it('answers a header-injection token with a plain refusal, no 500 and no stack trace', async () => {
    const body = new URLSearchParams({ id: ID, answer: 'accept', token: 'a\r\nx-injected: 1' }).toString();
    const res = await fetch(`${base}/consent/answer`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(text).not.toMatch(/TypeError|Headers\.append|\bat .*\.ts:\d+/);
    expect(text).toContain('Logg inn på nytt');
  });
});

describe('every HTML page', () => {
  it.each([['/consent/request?id=' + ID], ['/consent/request?id=bad'], ['/consent/overview'], ['/dev/login'], ['/graphql']])(
    '%s refuses to be framed',
    async (path) => {
      const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    },
  );
});

describe('the consent pages’ scripts', () => {
  it.each([['/consent/request?id=' + ID], ['/consent/request?id=bad'], ['/consent/overview']])(
    "%s allows scripts from this site only: no 'unsafe-inline', no inline script",
    async (path) => {
      const res = await fetch(`${base}${path}`);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(/script-src[^;]*/.exec(csp)![0]).not.toContain('unsafe');
      const html = await res.text();
      // Every <script> either loads a file from this site or is a JSON data block, which never runs.
      for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/g)) expect(attrs).toMatch(/src="\/assets\/|type="application\/json"/);
    },
  );

  it('serves the bundle under its content hash, cached for good, and nothing under another name', async () => {
    const html = await (await fetch(`${base}/consent/overview`)).text();
    const src = /<script src="(\/assets\/consent\.[\w-]+\.js)"/.exec(html)![1]!;
    const res = await fetch(`${base}${src}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('/auth/login');
    expect((await fetch(`${base}/assets/consent.0000000000000000.js`)).status).toBe(404);
  });
});

describe('the dev login’s next', () => {
  const nextOf = async (next: string) => {
    const html = await (await fetch(`${base}/dev/login?next=${encodeURIComponent(next)}`)).text();
    return { html, next: JSON.stringify(JSON.parse(/<script type="application\/json" id="dev-login-data">(.*?)<\/script>/.exec(html)![1]!).next) };
  };

  it('keeps a same-origin path', async () => {
    expect((await nextOf('/consent/request?id=x&state=y')).next).toBe('"/consent/request?id=x&state=y"');
  });

  it.each(['/\\evil.example/', '//evil.example/', 'https://evil.example/', '/\t/evil.example/'])('drops %s, which leaves the site', async (next) => {
    expect((await nextOf(next)).next).toBe('""');
  });

  it('never reflects markup into the page', async () => {
    const { html } = await nextOf('/</script><script>alert(1)</script>');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('runs no inline script: its CSP allows scripts from this site only, and its script is the bundle', async () => {
    const res = await fetch(`${base}/dev/login`);
    const scriptSrc = /script-src ([^;]*)/.exec(res.headers.get('content-security-policy') ?? '')![1];
    expect(scriptSrc).toBe("'self'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      ' type="application/json" id="dev-login-data"',
      expect.stringMatching(/^ src="\/assets\/dev-login\.[\w-]+\.js" defer$/),
    ]);
    const src = /src="([^"]+)"/.exec(html)![1];
    const js = await fetch(`${base}${src}`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('/dev/session');
  });
});
