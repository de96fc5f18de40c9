/**
 * The "Firecrawl Interact" output channel, where run results go. Shown without taking focus
 * from the editor; ANSI colour codes are stripped by the run-report formatter before text
 * gets here, and again here for anything else (server messages).
 */
import type * as vscode from 'vscode';
import { stripAnsi } from '../shared/ansi';
import { TextCapture } from '../host/text-capture';

/**
 * VS Code shows an output channel's new text only on an append made while the channel is
 * visible; text appended before the panel opened (a run's header) waits in its file for the
 * next append, which may be the run's answer seconds later. After a show, empty appends
 * (which write nothing) bring it in as soon as the panel is up.
 */
const NUDGE_MS = [100, 250, 500, 1_000, 2_000, 4_000];

export class ResultOutput {
  private readonly capture = new TextCapture();
  private nudges: ReturnType<typeof setTimeout>[] = [];

  constructor(private readonly channel: vscode.OutputChannel) {}

  append(text: string): void {
    const clean = stripAnsi(text);
    this.capture.append(clean);
    this.channel.append(clean);
  }

  appendLine(text: string): void {
    this.append(`${text}\n`);
  }

  show(): void {
    this.channel.show(true);
    for (const t of this.nudges) clearTimeout(t);
    this.nudges = NUDGE_MS.map((ms) => setTimeout(() => this.channel.append(''), ms).unref());
  }

  text(): string {
    return this.capture.text();
  }
}
