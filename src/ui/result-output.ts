/**
 * The "Firecrawl Interact" output channel, where run results go. Shown without taking focus
 * from the editor; ANSI colour codes are stripped by the run-report formatter before text
 * gets here, and again here for anything else (server messages).
 */
import type * as vscode from 'vscode';
import { stripAnsi } from './run-report';
import { TextCapture } from '../host/text-capture';

export class ResultOutput {
  private readonly capture = new TextCapture();

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
  }

  text(): string {
    return this.capture.text();
  }
}
