/**
 * One-off codemod for the split of `@hub/db` into per-domain entry points: rewrites every named import of a table,
 * enum or row type from `@hub/db` into an import from the domain's entry (`@hub/db/<domain>`), or from its read API
 * (`@hub/db/<domain>/read`) where the file is outside that domain and the name is part of the read API. Platform
 * names (Db, createDatabase, urn helpers, story …) stay on `@hub/db`. Run it again after merging a branch that still
 * imports tables from `@hub/db`; `npm run lint` then names what must move to a read API by hand.
 *
 *   npx tsx scripts/codemods/split-db-imports.ts [files…]   (no files: every .ts file of the workspaces)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import ts from 'typescript';

const DOMAINS = ['parties', 'roles', 'delegations', 'consents', 'evidence'] as const;
type Domain = (typeof DOMAINS)[number];
const root = resolve(import.meta.dirname, '../..');

/** The names each module exports, types included. */
function exportsOf(files: string[]): Map<string, Set<string>> {
  const program = ts.createProgram(files, { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true });
  const checker = program.getTypeChecker();
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    out.set(file, new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []));
  }
  return out;
}

const tableFile = (d: Domain) => resolve(root, `db/src/schema/${d}.ts`);
const readFile = (d: Domain) => resolve(root, `db/src/${d}/read.ts`);
const platformFile = resolve(root, 'db/src/index.ts');
const known = exportsOf([platformFile, ...DOMAINS.map(tableFile), ...DOMAINS.filter((d) => d !== 'evidence').map(readFile)]);
const domainOf = new Map<string, Domain>();
for (const d of DOMAINS) for (const name of [...known.get(tableFile(d))!, ...(known.get(readFile(d)) ?? [])]) domainOf.set(name, d);
// A name the platform still exports (partyIdOf …) stays where it is.
for (const name of known.get(platformFile)!) domainOf.delete(name);

const isTest = (file: string) => /\.test\.ts$|\.e2e\.ts$/.test(file) || file.startsWith('test/') || file.startsWith('db/');
const ownerOf = (file: string): Domain | null => DOMAINS.find((d) => file.startsWith(`subgraphs/${d}/`)) ?? null;

function targetOf(name: string, file: string): string {
  const d = domainOf.get(name);
  if (!d) return '@hub/db';
  if (isTest(file) || ownerOf(file) === d) return `@hub/db/${d}`;
  return known.get(readFile(d))?.has(name) ? `@hub/db/${d}/read` : `@hub/db/${d}`;
}

function rewrite(file: string): boolean {
  const text = readFileSync(resolve(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== '@hub/db') continue;
    const clause = statement.importClause;
    if (!clause?.namedBindings || !ts.isNamedImports(clause.namedBindings) || clause.name) continue;
    const groups = new Map<string, string[]>();
    for (const element of clause.namedBindings.elements) {
      const name = (element.propertyName ?? element.name).text;
      const target = targetOf(name, file);
      groups.set(target, [...(groups.get(target) ?? []), element.getText(source)]);
    }
    if (!groups.size || (groups.size === 1 && groups.has('@hub/db'))) continue;
    const ordered = [...groups].sort(([a], [b]) => Number(b === '@hub/db') - Number(a === '@hub/db'));
    const lines = ordered.map(([target, names]) => {
      const allTypes = clause.isTypeOnly || names.every((n) => n.startsWith('type '));
      const list = allTypes ? names.map((n) => n.replace(/^type /, '')) : names;
      return `${allTypes ? 'import type' : 'import'} { ${list.join(', ')} } from '${target}';`;
    });
    edits.push({ start: statement.getStart(source), end: statement.getEnd(), text: lines.join('\n') });
  }
  if (!edits.length) return false;
  let out = text;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  writeFileSync(resolve(root, file), out);
  return true;
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : execFileSync('git', ['ls-files', '*.ts'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.startsWith('db/src/') && !f.startsWith('scripts/codemods/'));
for (const file of files) if (rewrite(file)) console.log(`rewrote ${file}`);
