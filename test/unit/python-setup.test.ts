/**
 * Set up Python with a fake process runner and file system: the found interpreter makes the
 * environment and pip installs Playwright into it; each failure (no Python, too old, no venv
 * module, pip cannot reach its index, another pip error, no import) is one clear message and
 * the half-made environment is removed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunRecord } from '../../src/run/types';
import { needsPythonSetup } from '../../src/ui/run-presenter';
import { setUpPython, venvPython, type ProcessOutcome, type PythonSetupPorts } from '../../src/local-engine/python-setup';

const VENV = '/store/python';
type Answer = ProcessOutcome | ((args: string[], env?: Record<string, string>) => ProcessOutcome);

/** `answers` by program and first argument that tells the step apart (-c version, -m venv, -m pip, -c import). */
function fake(answers: Record<string, Answer>, platform: NodeJS.Platform = 'linux') {
  const files = new Set<string>();
  const calls: string[] = [];
  const removed: string[] = [];
  const logged: string[] = [];
  const envs: Record<string, string>[] = [];
  const ports: PythonSetupPorts = {
    platform,
    async run(command, args, opts) {
      const step = args.includes('venv') ? 'venv' : args.includes('pip') ? 'pip' : args.some((a) => a.includes('version_info')) ? 'version' : 'import';
      calls.push(`${command} ${step}`);
      if (opts.env) envs.push(opts.env);
      const answer = answers[`${command} ${step}`] ?? { code: null, output: '', startError: `spawn ${command} ENOENT` };
      const out = typeof answer === 'function' ? answer(args, opts.env) : answer;
      out.output.split('\n').filter(Boolean).forEach((l) => opts.onLine?.(l));
      if (step === 'venv' && out.code === 0) files.add(venvPython(VENV, platform));
      if (step === 'venv') files.add(VENV);
      return out;
    },
    exists: (p) => files.has(p),
    async remove(p) {
      removed.push(p);
      for (const f of [...files]) if (f.startsWith(p)) files.delete(f);
    },
    progress: () => undefined,
    log: (l) => logged.push(l),
  };
  return { ports, calls, removed, files, logged, envs };
}

const ok = (output = ''): ProcessOutcome => ({ code: 0, output });
const PY = venvPython(VENV, 'linux');

describe('Set up Python', () => {
  it('makes the environment with python3 and installs Playwright with pip into it, no browser download', async () => {
    const f = fake({ 'python3 version': ok('3.11.7\n'), 'python3 venv': ok(), [`${PY} pip`]: ok('Successfully installed playwright-1.50.0\n'), [`${PY} import`]: ok() });
    const result = await setUpPython({ venvDir: VENV, pipEnv: { HTTPS_PROXY: 'http://proxy:3128' } }, f.ports);
    assert.deepEqual(result, { ok: true, python: PY });
    assert.deepEqual(f.calls, ['python3 version', 'python3 venv', `${PY} pip`, `${PY} import`]);
    assert.equal(f.envs[0].HTTPS_PROXY, 'http://proxy:3128');
    assert.equal(f.envs[0].PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, '1');
    assert.ok(f.files.has(PY));
    assert.ok(f.logged.includes('Successfully installed playwright-1.50.0'), 'pip output goes to the log');
  });

  it('uses localEngine.pythonPath when set, and only it', async () => {
    const f = fake({ '/opt/py/bin/python3.12 version': ok('3.12.1\n'), '/opt/py/bin/python3.12 venv': ok(), [`${PY} pip`]: ok(), [`${PY} import`]: ok() });
    const result = await setUpPython({ venvDir: VENV, pythonPath: '/opt/py/bin/python3.12' }, f.ports);
    assert.equal(result.ok, true);
    assert.equal(f.calls[0], '/opt/py/bin/python3.12 version');
  });

  it('on Windows tries py -3 first and uses Scripts\\python.exe', async () => {
    const win = venvPython(VENV, 'win32');
    assert.match(win, /Scripts[\\/]python\.exe$/);
    const f = fake({ 'py version': ok('3.10.4\r\n'), 'py venv': ok(), [`${win} pip`]: ok(), [`${win} import`]: ok() }, 'win32');
    assert.deepEqual(await setUpPython({ venvDir: VENV }, f.ports), { ok: true, python: win });
  });

  it('no Python: says so, names the setting, makes nothing', async () => {
    const f = fake({});
    const result = await setUpPython({ venvDir: VENV }, f.ports);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /No Python found \(tried python3, python\).*3\.9 or later.*localEngine\.pythonPath/);
    assert.ok(!f.calls.some((c) => c.endsWith('venv')));
  });

  it('a Python older than 3.9 is named, not used', async () => {
    const f = fake({ 'python3 version': ok('3.8.10\n'), 'python version': ok('2.7.18\n') });
    const result = await setUpPython({ venvDir: VENV }, f.ports);
    assert.match(!result.ok ? result.message : '', /need Python 3\.9 or later; python is Python 2\.7\.18|need Python 3\.9 or later; python3 is Python 3\.8\.10/);
    assert.ok(!f.calls.some((c) => c.endsWith('venv')));
  });

  it('no venv module: names Debian\'s python3-venv and removes the half-made folder', async () => {
    const debian = 'The virtual environment was not created successfully because ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\npackage using the following command.\n';
    const f = fake({ 'python3 version': ok('3.11.2\n'), 'python3 venv': { code: 1, output: debian } });
    const result = await setUpPython({ venvDir: VENV }, f.ports);
    assert.match(!result.ok ? result.message : '', /no working venv module.*python3-venv/);
    assert.ok(f.removed.includes(VENV));
    assert.equal(f.files.size, 0, 'nothing half-made is left');
  });

  it('pip cannot reach its index: says so, names http.proxy, removes the environment', async () => {
    const offline = "WARNING: Retrying (Retry(total=4, ...)) after connection broken by 'NewConnectionError(...: Failed to establish a new connection: [Errno 111] Connection refused')': /simple/playwright/\nERROR: Could not find a version that satisfies the requirement playwright (from versions: none)\nERROR: No matching distribution found for playwright\n";
    const f = fake({ 'python3 version': ok('3.11.2\n'), 'python3 venv': ok(), [`${PY} pip`]: { code: 1, output: offline } });
    const result = await setUpPython({ venvDir: VENV }, f.ports);
    assert.match(!result.ok ? result.message : '', /pip could not reach its package index.*http\.proxy/);
    assert.equal(f.files.size, 0);
    assert.ok(!f.calls.some((c) => c.endsWith('import')));
  });

  it('another pip error: quotes pip\'s error line and removes the environment', async () => {
    const f = fake({ 'python3 version': ok('3.11.2\n'), 'python3 venv': ok(), [`${PY} pip`]: { code: 1, output: 'Collecting playwright\nERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\n' } });
    const result = await setUpPython({ venvDir: VENV }, f.ports);
    assert.match(!result.ok ? result.message : '', /^pip install playwright failed \(exit 1\): ERROR: Could not install packages due to an OSError: \[Errno 28\] No space left on device/);
    assert.equal(f.files.size, 0);
  });

  it('installed but not importable: a clear message, the environment removed', async () => {
    const f = fake({ 'python3 version': ok('3.11.2\n'), 'python3 venv': ok(), [`${PY} pip`]: ok(), [`${PY} import`]: { code: 1, output: "ModuleNotFoundError: No module named 'greenlet'\n" } });
    const result = await setUpPython({ venvDir: VENV }, f.ports);
    assert.match(!result.ok ? result.message : '', /does not import: ModuleNotFoundError/);
    assert.equal(f.files.size, 0);
  });
});

describe('the Set up Python link on a run', () => {
  const record = (language: 'python' | 'node', kind: 'local' | 'cloud', stderr: string): RunRecord => ({
    id: 'r1',
    input: { kind: 'code', code: 'print(1)', language },
    jobId: 'job',
    server: { apiUrl: 'http://127.0.0.1:1', kind, label: kind },
    startedAt: 0,
    status: 'failed',
    response: { success: false, stdout: '', stderr, exitCode: 1 },
  });
  const missing = 'Python runs need Playwright for Python, which python3 cannot import (No module named playwright).';

  it('is offered for a local python run without Playwright for Python, or without Python', () => {
    assert.equal(needsPythonSetup(record('python', 'local', missing)), true);
    assert.equal(needsPythonSetup(record('python', 'local', 'Python runs cannot start: could not start python3: spawn python3 ENOENT.')), true);
  });

  it('is not offered for other failures, other languages or the cloud', () => {
    assert.equal(needsPythonSetup(record('python', 'local', 'NameError: name x is not defined')), false);
    assert.equal(needsPythonSetup(record('node', 'local', missing)), false);
    assert.equal(needsPythonSetup(record('python', 'cloud', missing)), false);
  });
});
