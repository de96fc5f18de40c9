/**
 * Where in the sent code a failed run went wrong: the frames of a Node stack (the REPL runs the
 * code as `interact.js`, lines kept as sent), a REPL syntax error's `(line:column)`, and the
 * `<interact>` frames of a Python traceback. Lines are 1-based within the sent code; the caller
 * adds the document offset of the selection or cell. The local engine names the frames of a
 * function defined by an earlier run of the session after that run (`interact-3.js`,
 * `<interact-3>`), so only the running run's frames match here. Pure: no vscode.
 */

export interface CodeLocation {
  /** 1-based line within the sent code. */
  line: number;
  /** 1-based column, when the frame has one. */
  column?: number;
}

export interface RunFailure {
  /** The error's own message (e.g. `TypeError: x is not a function`). */
  message: string;
  /** Innermost first: the first one is where the error was raised. */
  locations: CodeLocation[];
}

const NODE_FRAME_RE = /^\s+at .*?\binteract\.js:(\d+):(\d+)\)?\s*$/;
const NODE_SYNTAX_RE = /^SyntaxError: .*\((\d+):(\d+)\)/;
const PY_FRAME_RE = /^\s*File "<interact>", line (\d+)/;

/** The failure in a node run's stderr (or error), or undefined when it names no line of the sent code. */
export function nodeFailure(text: string, sentLines: number): RunFailure | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const syntax = NODE_SYNTAX_RE.exec(lines[i]);
    if (syntax) return within({ message: lines[i].replace(/\s*\(\d+:\d+\).*$/, ''), locations: [{ line: Number(syntax[1]), column: Number(syntax[2]) + 1 }] }, sentLines);
    const frame = NODE_FRAME_RE.exec(lines[i]);
    if (!frame) continue;
    // The message is the non-frame text just above the first frame (after any "Uncaught …:" prefix).
    let head = i - 1;
    while (head > 0 && /^\s+at /.test(lines[head])) head--;
    const message = (lines[head] ?? '').replace(/^(Unhandled rejection|Uncaught exception): /, '').trim();
    const locations: CodeLocation[] = [];
    for (let j = i; j < lines.length && /^\s+at /.test(lines[j]); j++) {
      const m = NODE_FRAME_RE.exec(lines[j]);
      if (m) locations.push({ line: Number(m[1]), column: Number(m[2]) });
    }
    return within({ message, locations }, sentLines);
  }
  return undefined;
}

/**
 * The failure in a python run's traceback: frames are outermost first there, so they are
 * reversed. Of chained exceptions ("During handling of the above exception…") the last
 * traceback is the one raised.
 */
export function pythonFailure(text: string, sentLines: number): RunFailure | undefined {
  const all = text.split('\n');
  const lines = all.slice(Math.max(0, all.lastIndexOf('Traceback (most recent call last):')));
  const locations: CodeLocation[] = [];
  let lastFrame = -1;
  lines.forEach((l, i) => {
    const m = PY_FRAME_RE.exec(l);
    if (m) {
      locations.unshift({ line: Number(m[1]) });
      lastFrame = i;
    }
  });
  if (lastFrame < 0) return undefined;
  // The exception line is the first unindented line after the last frame.
  const message = lines.slice(lastFrame + 1).find((l) => /^\S/.test(l))?.trim() ?? 'Error';
  return within({ message, locations }, sentLines);
}

/** Keeps the locations that are really in the sent code (a server that does not name earlier runs' frames apart may point past its end). */
function within(f: RunFailure, sentLines: number): RunFailure | undefined {
  const locations = f.locations.filter((l) => l.line >= 1 && l.line <= sentLines);
  return locations.length > 0 ? { message: f.message, locations } : undefined;
}
