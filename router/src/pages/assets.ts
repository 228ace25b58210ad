import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A bundled script, served at `path` (named by its content hash, so it can be cached for good). */
export interface ScriptAsset {
  path: string;
  body: string;
}

/**
 * Bundles the consent pages' browser module in memory with esbuild. Done once when the router starts (tens of
 * milliseconds), so `npm start` needs no build step and the served script always matches the source.
 */
export async function bundleConsentScript(): Promise<ScriptAsset> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./client/consent.ts', import.meta.url))],
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
  return { path: `/assets/consent.${hash}.js`, body };
}
