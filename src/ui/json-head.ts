/**
 * The first characters of `JSON.stringify(JSON.parse(text), null, 2)` without parsing or
 * printing the rest: a re-indenter that walks the raw JSON text and stops once it has written
 * `max` characters. A multi-megabyte result is shown cut at the output limit, so this keeps the
 * report's work proportional to the limit, not to the result (see bench/big-result.mjs).
 * Tokens are copied as written: for JSON made by JSON.stringify (what the engine and the cloud
 * send) the output is identical to the full pretty-print's start.
 */
export interface JsonHead {
  text: string;
  /** The whole input was re-indented (the text is all of it, not a head). */
  complete: boolean;
}

const INDENT = '  ';

/** undefined when the text does not look like JSON within the part read. */
export function prettyJsonHead(text: string, max: number): JsonHead | undefined {
  const out: string[] = [];
  let written = 0;
  let depth = 0;
  let i = 0;
  const n = text.length;
  const emit = (s: string) => {
    out.push(s);
    written += s.length;
  };
  const newline = () => emit(`\n${INDENT.repeat(depth)}`);
  while (i < n && written < max) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      if (end - i > max - written) {
        emit(text.slice(i, i + max - written));
        return { text: out.join(''), complete: false };
      }
      emit(text.slice(i, end));
      i = end;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const next = nextSignificant(text, i + 1);
      if (text[next] === close) {
        emit(c + close);
        i = next + 1;
      } else {
        depth++;
        emit(c);
        newline();
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      newline();
      emit(c);
      i++;
    } else if (c === ',') {
      emit(',');
      newline();
      i++;
    } else if (c === ':') {
      emit(': ');
      i++;
    } else {
      const m = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) return undefined;
      emit(m[0]);
      i += m[0].length;
    }
  }
  const whole = out.join('');
  const complete = written <= max && nextSignificant(text, i) >= n;
  return { text: complete ? whole : whole.slice(0, max), complete };
}

/** Index just past the string literal starting at `start` (a quote), or -1 if unterminated. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let j = q - 1; text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Whether `text` is JSON as a whole. */
export function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
