/**
 * Turns one REPL input into the body of an async function so that top-level `await` works,
 * top-level declarations (const/let/var, function, class) become global assignments that
 * survive into the next call, and the value of the last expression statement is returned.
 *
 * Every statement stays on the line it was written on (the wrapper opens on line 1), so the
 * line numbers of a stack trace are the lines of the sent code and the editor can mark them.
 */
import { parse, type Node, type Program } from 'acorn';

interface Ranged extends Node {
  start: number;
  end: number;
}
interface Declarator extends Ranged {
  id: Ranged;
  init: Ranged | null;
}
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Returns the wrapped source, or throws a SyntaxError with acorn's position-bearing message. */
export function rewriteForRepl(code: string): string {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true }) as Program;
  const src = (n: Ranged): string => code.slice(n.start, n.end);
  const globals: string[] = [];
  const edits: Edit[] = [];
  const statements = program.body as unknown as (Ranged & Record<string, unknown>)[];
  statements.forEach((stmt, i) => {
    const last = i === statements.length - 1;
    switch (stmt.type) {
      case 'VariableDeclaration': {
        const decls = stmt.declarations as Declarator[];
        const parts = decls.map((d, k) => {
          // The newlines between declarators are kept so the next one stays on its line.
          const gap = k === 0 ? '' : `,${newlines(code.slice(decls[k - 1].end, d.start))}`;
          return `${gap}${src(d.id)} = ${d.init ? src(d.init) : 'undefined'}`;
        });
        const text = `(${parts.join('')});`;
        edits.push({ start: stmt.start, end: stmt.end, text: text + newlines(src(stmt)).slice(newlines(text).length) });
        break;
      }
      case 'FunctionDeclaration': {
        // The declaration stays where it is (hoisted inside the wrapper, callable from earlier
        // statements of the same input); it is published as a global before anything runs.
        const name = src(stmt.id as Ranged);
        globals.push(`globalThis[${JSON.stringify(name)}] = ${name};`);
        break;
      }
      case 'ClassDeclaration':
        edits.push({ start: stmt.start, end: stmt.end, text: `${src(stmt.id as Ranged)} = ${src(stmt)};` });
        break;
      case 'ExpressionStatement':
        if (last) edits.push({ start: stmt.start, end: stmt.end, text: `return (${src(stmt.expression as Ranged)});` });
        break;
    }
  });
  let body = '';
  let at = 0;
  for (const e of edits) {
    body += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  body += code.slice(at);
  return `(async () => {${globals.join(' ')}${body}\n})()`;
}

/** Only the line breaks of `s`, so a replacement can keep the line count of what it replaces. */
function newlines(s: string): string {
  return s.replace(/[^\n]/g, '');
}
