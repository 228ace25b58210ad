import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A bundled script, served at `path` (named by its content hash, so it can be cached for good). */
export interface ScriptAsset {
  path: string;
  body: string;
}

/**
 * Bundles one browser module of `./client/` in memory with esbuild. Done once when the router starts (tens of
 * milliseconds), so `npm start` needs no build step and the served script always matches the source.
 */
export function bundleScript(name: 'consent' | 'dev-login'): Promise<ScriptAsset> {
  return bundleEntry(new URL(`./client/${name}.ts`, import.meta.url), name);
}

/** Bundles the browser module at `entry` (and what it imports) as `/assets/<name>.<content hash>.js`. */
export async function bundleEntry(entry: URL, name: string): Promise<ScriptAsset> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const body = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { path: `/assets/${name}.${hash}.js`, body };
}

/** The consent pages' script. */
export const bundleConsentScript = () => bundleScript('consent');

/**
 * The answer to `GET <pathname>` for a bundled script: the script, cached for good (its name changes with its
 * content), or 404 for any other hash.
 */
export async function scriptResponse(
  asset: Promise<ScriptAsset>,
  pathname: string,
  contentType = 'text/javascript; charset=utf-8',
): Promise<Response> {
  const { path, body } = await asset;
  if (pathname !== path) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  return new Response(body, {
    headers: { 'content-type': contentType, 'cache-control': 'public, max-age=31536000, immutable' },
  });
}

/** A style sheet served as `/assets/<name>.<content hash>.css`. */
export function styleAsset(name: string, body: string): ScriptAsset {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { path: `/assets/${name}.${hash}.css`, body };
}
