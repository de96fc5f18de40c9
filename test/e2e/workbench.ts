// What a person does in the VS Code workbench, as Playwright calls on code-server's web UI:
// the command palette, quick open, quick picks, editor selections, context menus, the Output
// panel, status bar items, notifications and webview frames. Selectors are the workbench's own
// DOM (VS Code 1.100); menus live in shadow roots, which Playwright's CSS engine pierces.
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget';

/** Where steps save the pictures they take (beside the runner's one per step). */
export const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits for the workbench to finish restoring (editor area, status bar, activity bar). */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Opens the command palette and runs the command shown with this title (e.g. "Firecrawl: Open live view"). */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput(`>${title}`);
    await this.quickPickRow(title).first().waitFor({ state: 'visible', timeout: 30_000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Hides the bottom panel if it is open. "View: Hide Panel" is offered only while the panel is
   * visible, so it is run only then (an earlier step may have closed the panel already).
   */
  async hidePanel(): Promise<void> {
    const panel = this.page.locator('.part.panel');
    if (!(await panel.isVisible())) return;
    await this.runCommand('View: Hide Panel');
    await panel.waitFor({ state: 'hidden', timeout: 30_000 });
  }

  /** Quick open (the palette without ">"): opens a workspace file by name. */
  async openFile(name: string): Promise<void> {
    // Quick open searches a cached file list: a file written a moment ago may be missing from
    // it ("No matching results") until the list is read again, which reopening the box does.
    for (let attempt = 1; ; attempt++) {
      await this.openQuickInput(name);
      const row = this.quickPickRow(name).first();
      const found = await row.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
      if (found) break;
      if (attempt === 4) throw new Error(`quick open did not list ${name} after ${attempt} tries`);
      await this.page.keyboard.press('Escape');
      await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
    await this.editor().locator('.view-lines').waitFor({ state: 'visible', timeout: 30_000 });
  }

  /** Opens the quick input (F1) and types `value`: a file name for quick open, `>title` for a command. */
  async openQuickInput(value: string): Promise<void> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    // F1 is sent again while the box stays closed: a key pressed while the focus is moving into a
    // webview that is still loading (the walkthrough's, the live view's) is lost there.
    for (let attempt = 1; !(await input.isVisible()); attempt++) {
      await this.page.keyboard.press('F1');
      const shown = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt === 6) throw new Error('the command palette did not open after F1 was pressed 6 times (5 s apart)');
    }
    await input.fill(value);
  }

  /** Rows of the open quick pick / palette whose text contains `text`. */
  quickPickRow(text: string): Locator {
    return this.page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({ hasText: text });
  }

  /**
   * Clicks the open notebook's Run All and sees that `kernel` runs the cells. VS Code either has
   * it selected already or asks with its kernel picker, which can come seconds late on a busy
   * machine: whichever happens, until the toolbar names `kernel`.
   */
  async runAllCells(kernel: string): Promise<void> {
    const runAll = this.page.locator('.notebook-toolbar-container').getByText('Run All').first();
    await runAll.waitFor({ state: 'visible', timeout: 60_000 });
    await runAll.click();
    const row = this.quickPickRow(kernel).first();
    const selected = this.page.locator('.notebook-toolbar-container .kernel-label').first();
    await poll(
      async () => {
        if (await row.isVisible().catch(() => false)) await row.click().catch(() => undefined);
        return selected.innerText().catch(() => '');
      },
      (label) => label.includes(kernel),
      60_000,
      `the notebook's kernel "${kernel}" (its toolbar label)`,
    );
  }

  /** Waits for a quick pick with this title, then chooses the row containing `rowText`. */
  async pickFromQuickPick(title: string, rowText: string): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible', timeout: 60_000 });
    const row = this.quickPickRow(rowText).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
  }

  /** Types into the open input box (e.g. after "Enter a job ID…") and accepts it. */
  async answerInputBox(title: string, value: string): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
    await this.page.locator(`${QUICK_INPUT} .quick-input-box input`).fill(value);
    await this.page.keyboard.press('Enter');
  }

  /** The active editor group's editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Selects whole lines `from`..`to` (1-based) with the keyboard, as a person would with Shift+Down. */
  async selectLines(from: number, to: number): Promise<void> {
    await this.editor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+Home');
    for (let i = 1; i < from; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Home');
    for (let i = from; i < to; i++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Shift+End');
    await this.editor().locator('.selected-text').first().waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Right-clicks inside the current selection and clicks the context menu item `label`. */
  async contextMenuOnSelection(label: string): Promise<void> {
    const box = await this.editor().locator('.selected-text').first().boundingBox();
    if (!box) throw new Error('no visible selection to right-click');
    await this.page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2, { button: 'right' });
    await this.clickMenuItem(label);
  }

  /**
   * Clicks the open context menu's item `label`. A menu can drop a click that comes right after
   * it opened (a run left it open with the item highlighted); a menu still open two seconds
   * after a click did not run the item, so it is clicked again.
   */
  private async clickMenuItem(label: string): Promise<void> {
    const item = this.page.getByRole('menuitem', { name: label });
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    for (let attempt = 0; attempt < 3; attempt++) {
      await item.click();
      if (await item.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false)) return;
    }
    throw new Error(`The context menu item "${label}" stayed open after three clicks.`);
  }

  /** Text of the editor shown in the panel (the Output view), lines in visual order. */
  async outputText(): Promise<string> {
    return this.page.locator('.part.panel .monaco-editor .view-lines').first().evaluate((el) =>
      Array.from(el.querySelectorAll<HTMLElement>('.view-line'))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }

  /** Polls the Output view until `predicate` holds; returns the text seen last. */
  async waitForOutput(predicate: (text: string) => boolean, timeoutMs: number): Promise<string> {
    return poll(() => this.outputText().catch(() => ''), predicate, timeoutMs, 'Output panel');
  }

  /** A status bar item by the id the extension gave createStatusBarItem (the DOM id ends with it). */
  statusItem(id: string): Locator {
    return this.page.locator(`.part.statusbar [id$="${id}"]`);
  }

  /** Texts of the visible notification toasts (and of the notification center when open). */
  async notificationTexts(): Promise<string[]> {
    return this.page.locator('.notification-list-item-message').allInnerTexts();
  }

  /**
   * Opens the Firecrawl view from its activity bar icon (if it is not open yet). A click on the
   * icon of the container already open closes the side bar, and after a reload the side bar may
   * still be restoring it: the icon is clicked only while it is not the open one.
   * `workbenchTitle` is the Workbench view's name in the display language.
   */
  async openFirecrawlView(workbenchTitle = 'Workbench'): Promise<Locator> {
    const view = this.page.locator('.part.sidebar .pane-header', { hasText: workbenchTitle });
    const icon = this.page.locator('.part.activitybar .action-item').filter({ has: this.page.locator('a[aria-label^="Firecrawl"]') }).first();
    await poll(
      async () => {
        if (await view.isVisible()) return true;
        const open = /\bchecked\b/.test((await icon.getAttribute('class').catch(() => null)) ?? '');
        if (!open) await icon.locator('a').first().click().catch(() => undefined);
        return false;
      },
      (shown) => shown,
      30_000,
      'the Firecrawl view in the side bar',
    );
    return this.page.locator('.part.sidebar');
  }

  /** Rows of a tree view in the side bar whose text contains `text`. */
  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row').filter({ hasText: text });
  }

  /** Right-clicks `row` and clicks the context menu item `label`. */
  async contextMenu(row: Locator, label: string): Promise<void> {
    await row.click({ button: 'right' });
    await this.clickMenuItem(label);
  }

  /** Clicks a button of the open modal dialog. */
  async answerDialog(button: string): Promise<void> {
    const b = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: button });
    await b.waitFor({ state: 'visible', timeout: 30_000 });
    await b.click();
  }

  /** Frames (any depth) whose URL starts with `prefix`. */
  framesUnder(prefix: string): Frame[] {
    return this.page.frames().filter((f) => f.url().startsWith(prefix));
  }
}

/** Re-reads `read()` until `predicate` holds or the time is up (then throws with the last value). */
export async function poll<T>(read: () => Promise<T>, predicate: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!predicate(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: condition not met within ${timeoutMs / 1000} s; last seen:\n${String(last).slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}
