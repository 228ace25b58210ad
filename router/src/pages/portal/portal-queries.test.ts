import { print } from '@0no-co/graphql.web';
import { buildSchema, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose } from '@hub/schema';
import { matchPage } from './page';
import { PORTAL_PAGES } from './pages';

let schema: ReturnType<typeof buildSchema>;
beforeAll(async () => {
  schema = buildSchema((await compose()).publicSdl);
}, 60_000);

describe('the portal pages’ queries', () => {
  it.each(PORTAL_PAGES.map((p) => [p.id, p] as const))('%s: its one query validates against the supergraph’s API schema', (_id, page) => {
    const document = parse(print(page.query));
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    expect(document.definitions.filter((d) => d.kind === 'OperationDefinition')).toHaveLength(1);
  });

  it('have distinct ids and paths under /portal', () => {
    expect(new Set(PORTAL_PAGES.map((p) => p.id)).size).toBe(PORTAL_PAGES.length);
    expect(new Set(PORTAL_PAGES.map((p) => p.path)).size).toBe(PORTAL_PAGES.length);
    for (const p of PORTAL_PAGES) expect(p.path).toMatch(/^\/portal(\/|$)/);
  });
});

describe('the portal’s routing', () => {
  it('finds a page by path, with its parameters, and nothing for an unknown path', () => {
    expect(matchPage(PORTAL_PAGES, '/portal/')?.page.id).toBe('overview');
    expect(matchPage(PORTAL_PAGES, '/portal')?.page.id).toBe('overview');
    expect(matchPage(PORTAL_PAGES, '/portal/party')?.page.id).toBe('party');
    expect(matchPage(PORTAL_PAGES, '/portal/nope')).toBeNull();
    const pages = [{ ...PORTAL_PAGES[0]!, id: 'detail', path: '/portal/things/:id' }];
    expect(matchPage(pages, '/portal/things/a%20b')).toEqual({ page: pages[0], params: { id: 'a b' } });
    expect(matchPage(pages, '/portal/things/')).toBeNull();
  });
});
