/** One cookie as a browser keeps it, with the attributes its Set-Cookie gave. */
export interface JarCookie {
  value: string;
  /** The Set-Cookie line as received, to check its attributes. */
  line: string;
}

export interface Step {
  url: URL;
  res: Response;
}

/**
 * A browser's cookie handling, enough for following a login by hand: cookies kept per host (no Domain attribute
 * is used by the hub or the test provider), removed by `Max-Age=0`, sent back on every request to that host.
 */
export class CookieJar {
  readonly hosts = new Map<string, Map<string, JarCookie>>();

  cookie(url: string | URL, name: string): JarCookie | undefined {
    return this.hosts.get(new URL(url).host)?.get(name);
  }

  header(url: URL): string {
    return [...(this.hosts.get(url.host) ?? new Map<string, JarCookie>()).entries()].map(([n, c]) => `${n}=${c.value}`).join('; ');
  }

  store(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const jar = this.hosts.get(url.host) ?? new Map<string, JarCookie>();
      this.hosts.set(url.host, jar);
      if (/;\s*max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, { value, line });
    }
  }

  /** One request, no redirect followed; cookies sent and stored. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Step> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = this.header(target);
    if (cookies) headers.set('cookie', cookies);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.store(target, res);
    return { url: target, res };
  }

  /**
   * Follows redirects by hand, as a browser: a 303 (or 302 after a POST) goes on as GET. A page that only submits its
   * one form on load (oidc-provider's "Submitting Callback", when a login replaces another account's session) is
   * submitted, as the browser's script would. Returns every step.
   */
  async follow(url: string | URL, init: RequestInit = {}, max = 20): Promise<Step[]> {
    const steps: Step[] = [];
    let step = await this.fetch(url, init);
    steps.push(step);
    while (steps.length < max) {
      if (step.res.status >= 300 && step.res.status < 400) {
        await step.res.arrayBuffer();
        step = await this.fetch(new URL(step.res.headers.get('location')!, step.url));
      } else {
        const form =
          step.res.status === 200 && step.res.headers.get('content-type')?.startsWith('text/html')
            ? autoSubmitForm(await step.res.clone().text())
            : null;
        if (!form) break;
        step = await this.fetch(new URL(form.action, step.url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form.fields).toString(),
        });
      }
      steps.push(step);
    }
    return steps;
  }
}

/** The form of a page whose script submits its first form on load, or null. */
function autoSubmitForm(html: string): { action: string; fields: [string, string][] } | null {
  if (!html.includes('document.forms[0].submit()')) return null;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return null;
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
  return { action, fields };
}
