import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const BLOCK = 512;

/** A NUL-terminated field of a tar header. */
function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

/**
 * Writes the files and directories of an uncompressed (ustar) tarball, such as PGlite's `dumpDataDir` makes, into `dir`.
 * Refuses any other kind of entry and any path that leaves `dir`.
 */
export function extractTar(tar: Uint8Array, dir: string): void {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return;
    const name = field(header, 0, 100);
    const prefix = field(header, 257, 6) === 'ustar' ? field(header, 345, 155) : '';
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const path = resolve(root, `.${sep}${join(prefix, name)}`);
    if (path !== root && !path.startsWith(root + sep)) throw new Error(`tar entry ${name} leaves ${dir}`);
    const data = at + BLOCK;
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0' || type === '\0') {
      mkdirSync(resolve(path, '..'), { recursive: true });
      writeFileSync(path, tar.subarray(data, data + size));
    } else throw new Error(`tar entry ${name} is of type ${JSON.stringify(type)}, neither a file nor a directory`);
    at = data + Math.ceil(size / BLOCK) * BLOCK;
  }
}
