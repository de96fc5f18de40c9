// Part of `npm run lint`: fails on an import cycle among the project's own modules, or on the
// engine importing anything of the extension but src/shared. Type-only imports count as edges
// (`import type`, `typeof import('…')`): a circle through types still ties the layers together.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(new URL('..', import.meta.url).pathname);
const sources = ['src', 'media'].flatMap((dir) => listTs(join(root, dir)));
const graph = new Map(sources.map((file) => [rel(file), importsOf(file).map(rel)]));

const state = new Map();
const cycles = [];
function visit(file, stack) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next, stack);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
const crossings = [...graph].flatMap(([file, imports]) => (file.startsWith('src/engine/') ? imports.filter((i) => !i.startsWith('src/engine/') && !i.startsWith('src/shared/')).map((i) => `${file} → ${i}`) : []));
for (const c of cycles) console.error(`import cycle: ${c.join(' → ')}`);
for (const c of crossings) console.error(`the engine imports extension code: ${c} (only src/shared is common ground)`);
if (cycles.length + crossings.length > 0) process.exit(1);
console.log(`no import cycles among ${graph.size} modules (type-only imports included); the engine imports only itself and src/shared`);

function listTs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listTs(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
}

function rel(file) {
  return relative(root, file);
}

/** The project's files `file` imports, values and types alike. */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers = [];
  const walk = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) specifiers.push(node.moduleReference.expression.text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) specifiers.push(node.argument.literal.text);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, walk);
  };
  walk(source);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolveModule(dirname(file), s)).filter((f) => f !== undefined);
}

function resolveModule(from, specifier) {
  const base = resolve(from, specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((f) => f.endsWith('.ts') && existsSync(f));
}
