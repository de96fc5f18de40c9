/**
 * The whole extension (src/extension.ts `activate()`, with its lazily built features) running
 * on the fake `vscode` of ./index.ts, with a fake ExtensionContext (in-memory Mementos and
 * SecretStorage, a temporary global storage folder). `require('vscode')` is answered with the
 * fake of the running activation, as VS Code's extension host answers it with the real API.
 * One activation at a time per process (extension.ts keeps one instance); `deactivate()`
 * ends it as closing the window would.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import type { ExtensionApi } from '../../../src/extension-api';
import type { VSCode } from '../../../src/host/vscode-types';
import { TEST_CAPABILITIES_ENV } from '../../../src/sessions/session-snapshot';
import { createFakeVSCode, EventEmitter, type FakeOptions, type FakeVSCode } from './index';

const ROOT = join(__dirname, '..', '..', '..');
export const EXTENSION_ID = 'firecrawl-interact.firecrawl-interact';

let current: VSCode | undefined;
const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request !== 'vscode') return load.call(this, request, parent, isMain);
  return new Proxy({}, { get: (_, key) => (current ? Reflect.get(current, key) : undefined) });
};

class Memento {
  private readonly values = new Map<string, unknown>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : fallback;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }

  setKeysForSync(): void {
    // Nothing syncs in the fake.
  }
}

class SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new EventEmitter<{ key: string }>();
  readonly onDidChange = this.changed.event;

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }

  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
  }
}

export interface FakeExtension {
  api: ExtensionApi;
  fake: FakeVSCode;
  context: vscode.ExtensionContext;
  /** Runs a command as the palette, a button or a keybinding would. */
  command<T = unknown>(id: string, ...args: unknown[]): Promise<T>;
  /** Closes the window: the extension's deactivate(), then its storage is removed. */
  close(): Promise<void>;
}

export interface ActivateOptions extends FakeOptions {
  /** Settings in place before activation (`firecrawlInteract.apiUrl` …), as user settings. */
  settings?: Record<string, unknown>;
  /** Session capability URLs through the API (a test run's harness asks for them). */
  capabilities?: boolean;
}

export async function activateOnFake(options: ActivateOptions = {}): Promise<FakeExtension> {
  const fake = createFakeVSCode(options);
  for (const [key, value] of Object.entries(options.settings ?? {})) fake.setSetting(key, value);
  const storage = mkdtempSync(join(tmpdir(), 'interact-fake-storage-'));
  const packageJSON = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as unknown;
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    extension: { id: EXTENSION_ID, packageJSON, extensionPath: ROOT, extensionUri: URI.file(ROOT), isActive: true },
    extensionPath: ROOT,
    extensionUri: URI.file(ROOT),
    globalStorageUri: URI.file(join(storage, 'global')),
    storageUri: URI.file(join(storage, 'workspace')),
    logUri: URI.file(join(storage, 'log')),
    workspaceState: new Memento(),
    globalState: new Memento(),
    secrets: new SecretStorage(),
    extensionMode: 3,
    asAbsolutePath: (p: string) => join(ROOT, p),
  } as unknown as vscode.ExtensionContext;
  if (options.capabilities) process.env[TEST_CAPABILITIES_ENV] = '1';
  else delete process.env[TEST_CAPABILITIES_ENV];
  current = fake.vscode;
  // Loaded only now, after the hook above is in place (a static import would load it first).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require('../../../src/extension') as typeof import('../../../src/extension');
  const api = extension.activate(context);
  return {
    api,
    fake,
    context,
    command: async <T>(id: string, ...args: unknown[]) => (await fake.vscode.commands.executeCommand(id, ...args)) as T,
    close: async () => {
      await extension.deactivate();
      for (const d of context.subscriptions) d.dispose();
      current = undefined;
      rmSync(storage, { recursive: true, force: true });
    },
  };
}
