/**
 * Replacing VS Code UI prompts for one test (what a person would have typed or clicked), and
 * recording the notifications the extension shows. No stubbing library: a stub is a property
 * swap on the `vscode` API object, which the extension shares with this suite (same extension).
 */
import * as vscode from 'vscode';

type Restore = () => void;

/** Owns the stubs of one test; `restore()` (in teardown) puts every original back. */
export class Stubs {
  private readonly restores: Restore[] = [];

  replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
    const original = target[key];
    target[key] = value;
    this.restores.push(() => {
      target[key] = original;
    });
  }

  restore(): void {
    while (this.restores.length > 0) (this.restores.pop() as Restore)();
  }

  /** Answers showQuickPick with `choose(items, options)`; every call is recorded. */
  quickPick(choose: (items: vscode.QuickPickItem[], options: vscode.QuickPickOptions | undefined) => vscode.QuickPickItem | undefined): QuickPickCall[] {
    const calls: QuickPickCall[] = [];
    const fake = async (items: unknown, options?: vscode.QuickPickOptions): Promise<unknown> => {
      const list = (await Promise.resolve(items)) as vscode.QuickPickItem[];
      const picked = choose(list, options);
      calls.push({ items: list, options, picked });
      return picked;
    };
    this.replace(vscode.window, 'showQuickPick', fake as typeof vscode.window.showQuickPick);
    return calls;
  }

  /** Answers showInputBox with `answer(options)` (undefined = the person pressed Escape). */
  inputBox(answer: (options: vscode.InputBoxOptions | undefined) => string | undefined): InputBoxCall[] {
    const calls: InputBoxCall[] = [];
    const fake = async (options?: vscode.InputBoxOptions): Promise<string | undefined> => {
      const value = answer(options);
      calls.push({ options, value });
      return value;
    };
    this.replace(vscode.window, 'showInputBox', fake as typeof vscode.window.showInputBox);
    return calls;
  }

  /**
   * Records error/warning/info messages with their buttons, and the command links in their
   * text (a run's outcome: `text [A](command:x?%5B...%5D) · [B](command:y)`) as buttons too.
   * Each resolves to the button that `click(message)` names (a person clicking it), else to
   * undefined (dismissed); a clicked link runs its command URI as VS Code would.
   */
  notifications(click: (message: ShownMessage) => string | undefined = () => undefined): ShownMessage[] {
    const shown: ShownMessage[] = [];
    const fake = (severity: ShownMessage['severity']) =>
      (async (text: string, ...rest: unknown[]): Promise<unknown> => {
        const items = rest.filter((r) => typeof r === 'string' || (typeof r === 'object' && r !== null && 'title' in r));
        const { message, links } = parseLinks(text);
        const buttons = [...items.map((r) => (typeof r === 'string' ? r : (r as vscode.MessageItem).title)), ...links.map((l) => l.label)];
        const record: ShownMessage = { severity, message, buttons };
        shown.push(record);
        const label = click(record);
        const link = links.find((l) => l.label === label);
        if (link) void vscode.commands.executeCommand(link.command, ...link.args);
        return label === undefined || link ? undefined : items[buttons.indexOf(label)];
      }) as never;
    this.replace(vscode.window, 'showErrorMessage', fake('error'));
    this.replace(vscode.window, 'showWarningMessage', fake('warning'));
    this.replace(vscode.window, 'showInformationMessage', fake('info'));
    return shown;
  }
}

/** `text [A](command:x?%5B...%5D) · [B](command:y)` → the text before the links, and the links. */
export function parseLinks(text: string): { message: string; links: { label: string; command: string; args: unknown[] }[] } {
  const links = [...text.matchAll(/\[([^\]]+)\]\(command:([^?)]+)(?:\?([^)]*))?\)/g)].map((m) => ({ label: m[1], command: m[2], args: m[3] ? (JSON.parse(decodeURIComponent(m[3])) as unknown[]) : [] }));
  const first = text.search(/ \[[^\]]+\]\(command:/);
  return { message: (first >= 0 ? text.slice(0, first) : text).trim(), links };
}

export interface QuickPickCall {
  items: vscode.QuickPickItem[];
  options: vscode.QuickPickOptions | undefined;
  picked: vscode.QuickPickItem | undefined;
}

export interface InputBoxCall {
  options: vscode.InputBoxOptions | undefined;
  value: string | undefined;
}

export interface ShownMessage {
  severity: 'error' | 'warning' | 'info';
  message: string;
  buttons: string[];
}
