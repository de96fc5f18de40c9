/**
 * Which bash runs bash code, per OS, with a fake file system and environment; and the
 * no-sandbox warning (Windows, macOS) shown once, not on every engine start.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findBash, type BashHost } from '../../src/engine/runners/bash-path';
import { sandboxNoticeToShow } from '../../src/local-engine/controller';

const host = (platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}): BashHost => ({ platform, env, exists: (p) => files.includes(p) });
const WIN_ENV = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', SystemRoot: 'C:\\Windows', Path: 'C:\\Windows\\System32;C:\\tools\\msys\\usr\\bin' };

describe('findBash', () => {
  test('Linux and macOS: bash on PATH', () => {
    assert.deepEqual(findBash(undefined, host('linux', [])), { path: 'bash' });
    assert.deepEqual(findBash(undefined, host('darwin', [])), { path: 'bash' });
  });

  test('the configured path wins on every OS, and must exist', () => {
    assert.deepEqual(findBash('/opt/bash5/bin/bash', host('darwin', ['/opt/bash5/bin/bash'])), { path: '/opt/bash5/bin/bash' });
    const missing = findBash('D:\\git\\bin\\bash.exe', host('win32', ['C:\\Program Files\\Git\\bin\\bash.exe'], WIN_ENV));
    assert.match('problem' in missing ? missing.problem : '', /D:\\git\\bin\\bash\.exe .*localEngine\.bashPath\) does not exist/);
  });

  test('Windows: Git for Windows in Program Files, Program Files (x86), or the per-user install', () => {
    for (const path of ['C:\\Program Files\\Git\\bin\\bash.exe', 'C:\\Program Files (x86)\\Git\\bin\\bash.exe', 'C:\\Users\\ann\\AppData\\Local\\Programs\\Git\\bin\\bash.exe']) {
      assert.deepEqual(findBash(undefined, host('win32', [path], WIN_ENV)), { path });
    }
  });

  test('Windows: a bash.exe on PATH, but never System32\'s (it starts WSL)', () => {
    assert.deepEqual(findBash(undefined, host('win32', ['C:\\tools\\msys\\usr\\bin\\bash.exe', 'C:\\Windows\\System32\\bash.exe'], WIN_ENV)), { path: 'C:\\tools\\msys\\usr\\bin\\bash.exe' });
    const wslOnly = findBash(undefined, host('win32', ['C:\\Windows\\System32\\bash.exe'], WIN_ENV));
    assert.ok('problem' in wslOnly);
  });

  test('Windows without one: says to install Git for Windows or set localEngine.bashPath', () => {
    const none = findBash(undefined, host('win32', [], WIN_ENV));
    assert.match('problem' in none ? none.problem : '', /need Git for Windows' bash\.exe.*C:\\Program Files\\Git\\bin\\bash\.exe.*https:\/\/git-scm\.com\/download\/win.*localEngine\.bashPath/);
  });
});

describe('the no-sandbox warning', () => {
  test('is shown on the first engine start, not on later ones; a new reason is shown again', () => {
    const stored = new Map<string, unknown>();
    const memento = { get: <T>(k: string) => stored.get(k) as T, update: async (k: string, v: unknown) => void stored.set(k, v) };
    const windows = '[engine] no sandbox: runs are not sandboxed on Windows. Node, python and bash runs execute as this engine\'s user.';
    assert.match(sandboxNoticeToShow(windows, memento) ?? '', /without a sandbox: runs are not sandboxed on Windows/);
    assert.equal(sandboxNoticeToShow(windows, memento), undefined);
    assert.equal(sandboxNoticeToShow('[engine] listening', memento), undefined);
    assert.match(sandboxNoticeToShow('[engine] no sandbox: bwrap is not installed.', memento) ?? '', /bwrap is not installed/);
  });
});
