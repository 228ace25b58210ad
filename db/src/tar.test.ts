import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTar } from './tar';

const scratch = mkdtempSync(join(tmpdir(), 'hub-tar-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A POSIX (ustar) tarball of `files` (path → contents; a path ending in / is an empty directory), made by tar(1). */
function tarball(name: string, files: Record<string, string>): Buffer {
  const source = join(scratch, `${name}-source`);
  for (const [path, contents] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(source, path), { recursive: true });
    else {
      mkdirSync(join(source, path, '..'), { recursive: true });
      writeFileSync(join(source, path), contents);
    }
  }
  return execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', source, '.']);
}

describe('extractTar', () => {
  it('writes every file and directory of a tarball, long paths included', () => {
    const long = `${'base/'.repeat(25)}1255`;
    const tar = tarball('ok', { PG_VERSION: '17\n', [long]: 'pages', 'pg_wal/archive_status/': '', 'global/pg_control': '\u0000control' });
    const dir = join(scratch, 'ok');
    extractTar(tar, dir);
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect(readFileSync(join(dir, long), 'utf8')).toBe('pages');
    expect(readdirSync(join(dir, 'pg_wal', 'archive_status'))).toEqual([]);
    expect(readFileSync(join(dir, 'global', 'pg_control'), 'utf8')).toBe('\u0000control');
  });

  it('refuses an entry that would land outside the directory', () => {
    const tar = tarball('escape', { evil: 'x' });
    // The first entry is `./`, the second `./evil`: renamed in place to a path that climbs out.
    const second = tar.indexOf('./evil');
    tar.write('../../evil\0', second, 'utf8');
    const dir = join(scratch, 'escape', 'inner');
    expect(() => extractTar(tar, dir)).toThrow(/leaves/);
    expect(existsSync(join(scratch, 'evil'))).toBe(false);
  });

  it('refuses links, which a data directory of PGlite never holds', () => {
    const source = join(scratch, 'link-source');
    mkdirSync(source, { recursive: true });
    symlinkSync('/etc/passwd', join(source, 'passwd'));
    const tar = execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', source, '.']);
    expect(() => extractTar(tar, join(scratch, 'link'))).toThrow(/neither a file nor a directory/);
    expect(existsSync(join(scratch, 'link', 'passwd'))).toBe(false);
  });
});
