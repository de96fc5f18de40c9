/**
 * Text documents, positions and selections of the fake `vscode` (see ./index.ts): the parts of
 * VS Code's text model the extension reads (getText of a range, lineAt, languageId, uri) and
 * writes (WorkspaceEdit replacements), with VS Code's language ids by file extension.
 */
import { readFileSync } from 'node:fs';
import { URI } from 'vscode-uri';

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}

  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }

  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }

  isAfter(other: Position): boolean {
    return !this.isBefore(other) && !this.isEqual(other);
  }

  translate(lineDelta = 0, characterDelta = 0): Position {
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }

  with(line = this.line, character = this.character): Position {
    return new Position(line, character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    const [p, q] = typeof a === 'number' ? [new Position(a, b as number), new Position(c as number, d as number)] : [a, b as Position];
    [this.start, this.end] = q.isBefore(p) ? [q, p] : [p, q];
  }

  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }

  get isSingleLine(): boolean {
    return this.start.line === this.end.line;
  }

  contains(p: Position | Range): boolean {
    if (p instanceof Range) return this.contains(p.start) && this.contains(p.end);
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
}

export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }

  get isReversed(): boolean {
    return this.active.isBefore(this.anchor);
  }
}

/** VS Code's built-in language ids for the file types the tests open. */
const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascriptreact',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  py: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  md: 'markdown',
  json: 'json',
  txt: 'plaintext',
  log: 'log',
};

export function languageOf(path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGUAGE_BY_EXTENSION[ext] ?? 'plaintext';
}

export class TextDocument {
  version = 1;
  readonly isUntitled: boolean;
  readonly isClosed = false;
  readonly eol = 1;
  private lines: string[] = [];

  constructor(
    readonly uri: URI,
    public languageId: string,
    private text: string,
  ) {
    this.isUntitled = uri.scheme === 'untitled';
    this.setText(text);
  }

  static fromFile(uri: URI): TextDocument {
    return new TextDocument(uri, languageOf(uri.path), readFileSync(uri.fsPath, 'utf8'));
  }

  get fileName(): string {
    return this.uri.scheme === 'file' ? this.uri.fsPath : this.uri.path;
  }

  /** Files are written only by tests; a virtual document (result, report) has nothing to save. */
  get isDirty(): boolean {
    return false;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  lineAt(lineOrPosition: number | Position): { lineNumber: number; text: string; range: Range; isEmptyOrWhitespace: boolean } {
    const line = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
    if (line < 0 || line >= this.lines.length) throw new Error(`Illegal value for \`line\`: ${line}`);
    const text = this.lines[line];
    return { lineNumber: line, text, range: new Range(line, 0, line, text.length), isEmptyOrWhitespace: text.trim() === '' };
  }

  offsetAt(p: Position): number {
    let offset = 0;
    const line = Math.min(p.line, this.lines.length - 1);
    for (let i = 0; i < line; i++) offset += this.lines[i].length + 1;
    return offset + Math.min(p.character, this.lines[line].length);
  }

  positionAt(offset: number): Position {
    let rest = Math.max(0, Math.min(offset, this.text.length));
    for (let line = 0; line < this.lines.length; line++) {
      if (rest <= this.lines[line].length) return new Position(line, rest);
      rest -= this.lines[line].length + 1;
    }
    const last = this.lines.length - 1;
    return new Position(last, this.lines[last].length);
  }

  async save(): Promise<boolean> {
    return true;
  }

  /** Replaces `range` with `text` (a WorkspaceEdit being applied). */
  replace(range: Range, text: string): void {
    const start = this.offsetAt(range.start);
    this.setText(this.text.slice(0, start) + text + this.text.slice(this.offsetAt(range.end)));
    this.version++;
  }

  private setText(text: string): void {
    this.text = text;
    this.lines = text.split(/\r?\n/);
  }
}

export class TextEditor {
  selections: Selection[];
  readonly visibleRanges: Range[] = [];
  readonly options = { tabSize: 2, insertSpaces: true };

  constructor(
    readonly document: TextDocument,
    selection: Selection,
    readonly viewColumn: number,
  ) {
    this.selections = [selection];
  }

  get selection(): Selection {
    return this.selections[0];
  }

  set selection(s: Selection) {
    this.selections = [s];
  }

  revealRange(): void {
    // Nothing scrolls in the fake.
  }

  async edit(build: (b: { replace(r: Range, t: string): void; insert(p: Position, t: string): void }) => void): Promise<boolean> {
    build({ replace: (r, t) => this.document.replace(r, t), insert: (p, t) => this.document.replace(new Range(p, p), t) });
    return true;
  }
}

/** The replacements of a WorkspaceEdit, applied by the fake's workspace.applyEdit. */
export class WorkspaceEdit {
  readonly edits: { uri: URI; range: Range; text: string }[] = [];

  replace(uri: URI, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }

  insert(uri: URI, position: Position, text: string): void {
    this.edits.push({ uri, range: new Range(position, position), text });
  }

  delete(uri: URI, range: Range): void {
    this.edits.push({ uri, range, text: '' });
  }

  set(): void {
    throw new Error('fake vscode: WorkspaceEdit.set (notebook edits) is not modelled; test this in the extension host');
  }

  get size(): number {
    return this.edits.length;
  }
}
