/**
 * Turns one REPL input into the body of an async function so that top-level `await` works,
 * top-level declarations (const/let/var, function, class) become global assignments that
 * survive into the next call, and the value of the last expression statement is returned.
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

/** Returns the wrapped source, or throws a SyntaxError with acorn's position-bearing message. */
export function rewriteForRepl(code: string): string {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true }) as Program;
  const src = (n: Ranged): string => code.slice(n.start, n.end);
  const hoisted: string[] = [];
  const body: string[] = [];
  const statements = program.body as unknown as (Ranged & Record<string, unknown>)[];
  statements.forEach((stmt, i) => {
    const last = i === statements.length - 1;
    switch (stmt.type) {
      case 'VariableDeclaration': {
        const decls = (stmt.declarations as Declarator[]).map((d) => `${src(d.id)} = ${d.init ? src(d.init) : 'undefined'}`);
        body.push(`(${decls.join(', ')});`);
        break;
      }
      case 'FunctionDeclaration':
        // Functions are hoisted as in a script: callable from earlier statements of the same input.
        hoisted.push(`${src(stmt.id as Ranged)} = ${src(stmt)};`);
        break;
      case 'ClassDeclaration':
        body.push(`${src(stmt.id as Ranged)} = ${src(stmt)};`);
        break;
      case 'ExpressionStatement':
        body.push(last ? `return (${src(stmt.expression as Ranged)});` : src(stmt));
        break;
      default:
        body.push(src(stmt));
    }
  });
  return `(async () => {\n${[...hoisted, ...body].join('\n')}\n})()`;
}
