// CSI sequences (colours, cursor moves), OSC sequences (titles, links), and lone ESC pairs.
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** The text without terminal escape sequences. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, '');
}
