/**
 * The local engine's output line saying that user code runs without a sandbox: the engine
 * writes it (src/engine/main.ts, through its "[engine] " log), the extension reads it to warn.
 */
import { stripAnsi } from './ansi';

const MARK = 'no sandbox: ';
const LINE_RE = new RegExp(`^\\[engine\\] ${MARK}(.*)$`);

/** What the engine logs when it has no sandbox for user code. */
export function noSandboxLine(reason: string): string {
  return `${MARK}${reason}`;
}

/** The reason in an output line of the engine that says it has no sandbox, else undefined. */
export function noSandboxReason(outputLine: string): string | undefined {
  return LINE_RE.exec(stripAnsi(outputLine).trim())?.[1];
}
