/**
 * The fake `vscode`'s settings: defaults and scopes from this extension's package.json
 * (`contributes.configuration`), user (global) and workspace values, and VS Code's rule that a
 * `machine` or `application` setting in workspace settings does not apply. Every update is
 * recorded and fires onDidChangeConfiguration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { ConfigWrite } from './record';

interface Contributed {
  default?: unknown;
  scope?: string;
}

const ROOT = join(__dirname, '..', '..', '..');

function contributed(): Map<string, Contributed> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes?: { configuration?: { properties?: Record<string, Contributed> } | { properties?: Record<string, Contributed> }[] } };
  const sections = [pkg.contributes?.configuration ?? []].flat();
  return new Map(sections.flatMap((s) => Object.entries(s.properties ?? {})));
}

export const TARGET = { Global: 1, Workspace: 2, WorkspaceFolder: 3 } as const;
const TARGET_NAME: Record<number, ConfigWrite['target']> = { 1: 'global', 2: 'workspace', 3: 'workspaceFolder' };

export class FakeConfiguration {
  private readonly properties = contributed();
  private readonly global = new Map<string, unknown>();
  private readonly workspace = new Map<string, unknown>();
  private readonly listeners = new Set<(e: vscode.ConfigurationChangeEvent) => void>();

  constructor(
    private readonly writes: ConfigWrite[],
    private readonly reads: Set<string>,
  ) {}

  onDidChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** `workspace.getConfiguration(section)`. */
  section(section?: string): vscode.WorkspaceConfiguration {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    const config = {
      get: <T>(key: string, fallback?: T): T | undefined => {
        const value = this.value(full(key));
        return (value === undefined ? fallback : value) as T | undefined;
      },
      has: (key: string) => this.value(full(key)) !== undefined,
      inspect: <T>(key: string) => {
        const k = full(key);
        this.reads.add(k);
        return { key: k, defaultValue: this.properties.get(k)?.default as T, globalValue: this.global.get(k) as T, workspaceValue: this.workspace.get(k) as T, workspaceFolderValue: undefined };
      },
      update: async (key: string, value: unknown, target?: boolean | number | null) => {
        const where = target === true || target === TARGET.Global || target === undefined || target === null ? TARGET.Global : TARGET.Workspace;
        this.write(full(key), value, where);
      },
    };
    return config as unknown as vscode.WorkspaceConfiguration;
  }

  /** A test editing a settings file by hand (user or workspace), as a person would. */
  write(key: string, value: unknown, target: number = TARGET.Global): void {
    const store = target === TARGET.Global ? this.global : this.workspace;
    if (value === undefined) store.delete(key);
    else store.set(key, structuredClone(value));
    this.writes.push({ key, value, target: TARGET_NAME[target] ?? 'global' });
    const event = { affectsConfiguration: (s: string) => key === s || key.startsWith(`${s}.`) || s.startsWith(`${key}.`) };
    for (const l of [...this.listeners]) l(event);
  }

  private value(key: string): unknown {
    this.reads.add(key);
    const scope = this.properties.get(key)?.scope;
    const workspaceApplies = scope !== 'machine' && scope !== 'application';
    const set = (workspaceApplies ? this.workspace.get(key) : undefined) ?? this.global.get(key) ?? this.properties.get(key)?.default;
    return set === undefined ? undefined : structuredClone(set);
  }
}
