import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxNoticeToShow } from '../../src/local-engine/controller';
import { noSandboxLine, noSandboxReason } from '../../src/shared/sandbox-line';

const REASON = "bwrap (Debian package bubblewrap) is not installed. Node, python and bash runs execute as this engine's user.";

test('sandbox line: what the engine logs (behind its "[engine] " prefix) is what the extension reads; other lines are not', () => {
  assert.equal(noSandboxReason(`[engine] ${noSandboxLine(REASON)}`), REASON);
  assert.equal(noSandboxReason(`\u001b[33m[engine] ${noSandboxLine(REASON)}\u001b[0m\n`), REASON, 'colours and the line end do not matter');
  assert.equal(noSandboxReason('[engine] SIGTERM: closing sessions and browsers'), undefined);
  assert.equal(noSandboxReason(`[recorder] ${noSandboxLine(REASON)}`), undefined, 'only the engine says it');
});

test('sandbox line: it becomes one warning of the local engine, shown again only when the reason changes', () => {
  const store = new Map<string, unknown>();
  const memento = { get: <T>(key: string) => store.get(key) as T, update: async (key: string, value: unknown) => void store.set(key, value) };
  assert.equal(sandboxNoticeToShow(`[engine] ${noSandboxLine(REASON)}`, memento), `The local engine runs code without a sandbox: ${REASON}`);
  assert.equal(sandboxNoticeToShow(`[engine] ${noSandboxLine(REASON)}`, memento), undefined);
  assert.equal(sandboxNoticeToShow('[engine] listening on http://127.0.0.1:3002', memento), undefined);
});
