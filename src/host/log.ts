/**
 * Diagnostics: one LogOutputChannel shared by every component, each message prefixed with
 * its component. Secrets registered with `addSecret`, key-like strings and URL query strings
 * are masked before anything is written: a second line of defence behind "never log them".
 */
import type * as vscode from 'vscode';
import { redact } from '../api/redact';
import { TextCapture } from './text-capture';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface ComponentLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class Log {
  private readonly secrets = new Set<string>();
  private readonly capture = new TextCapture();

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  addSecret(value: string | undefined | null): void {
    if (value && value.length >= 8) this.secrets.add(value);
  }

  for(component: string): ComponentLog {
    return {
      debug: (m) => this.write('debug', component, m),
      info: (m) => this.write('info', component, m),
      warn: (m) => this.write('warn', component, m),
      error: (m) => this.write('error', component, m),
    };
  }

  /** Registered secrets, key-like strings and URL query strings (capability tokens) masked. */
  mask(text: string): string {
    return redact(text, [...this.secrets]);
  }

  /**
   * Only registered secrets (keys, capability URLs) and Firecrawl-style keys masked: for code,
   * where URL queries and other look-alikes are the user's own and must stay as written.
   */
  maskExact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out.replace(/\bfc-[A-Za-z0-9_-]{8,}/g, 'fc-***');
  }

  text(): string {
    return this.capture.text();
  }

  private write(level: LogLevel, component: string, message: string): void {
    const line = `[${component}] ${this.mask(message)}`;
    this.capture.append(`${level} ${line}\n`);
    this.channel[level](line);
  }
}
