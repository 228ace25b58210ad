import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const HEADERS_PLACEHOLDER = '"__HUB_STORED_HEADERS__"';
// Evaluated in the browser: the token the dev login stored, if any, becomes the playground's Authorization header.
const storedHeaders = `(localStorage.getItem('hub:token') ? JSON.stringify({ Authorization: 'Bearer ' + localStorage.getItem('hub:token') }, null, 2) : '{\\n  "Authorization": "Bearer <token from /dev/login or POST /dev/token>"\\n}')`;

/**
 * The playground: GraphiQL bundled inline (no script, style or font from another host) with the contract
 * operations preloaded.
 */
export function playgroundHtml(contractOperations: string): string {
  const html = renderGraphiQL({
    title: 'Altinn hub playground',
    defaultQuery: contractOperations,
    headers: HEADERS_PLACEHOLDER.slice(1, -1),
    shouldPersistHeaders: true,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
  });
  return html.replace(HEADERS_PLACEHOLDER, storedHeaders);
}
