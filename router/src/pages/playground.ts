import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const HEADERS_PLACEHOLDER = '"__HUB_STORED_HEADERS__"';
// Evaluated in the browser: the token the dev login stored, if any, becomes the playground's Authorization
// header. Without one the hint is a comment (GraphiQL reads headers as JSONC): a placeholder token would be
// sent, and refused, with the schema introspection.
const storedHeaders = `(localStorage.getItem('hub:token') ? JSON.stringify({ Authorization: 'Bearer ' + localStorage.getItem('hub:token') }, null, 2) : '{\\n  // Log in at /dev/login (or POST /dev/token) for a token:\\n  // "Authorization": "Bearer <token>"\\n}')`;

/**
 * The playground: GraphiQL bundled inline (no script, style or font from another host) with the contract
 * operations preloaded. They are also the initial query, so each visit opens on them: GraphiQL otherwise
 * restores its stored tabs and, when the stored headers changed (a new login), adds an empty one.
 */
export function playgroundHtml(contractOperations: string): string {
  // `query` is missing from the options' type, but Yoga's GraphiQL reads it (after a `?query=` parameter).
  const options: NonNullable<Parameters<typeof renderGraphiQL>[0]> & { query: string } = {
    title: 'Altinn hub playground',
    defaultQuery: contractOperations,
    query: contractOperations,
    headers: HEADERS_PLACEHOLDER.slice(1, -1),
    shouldPersistHeaders: true,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
  };
  const html = renderGraphiQL(options);
  return html.replace(HEADERS_PLACEHOLDER, storedHeaders);
}
