// The manifest and src/ids.ts name the same things: every command id the code uses is
// contributed, every contributed command is one the code knows, and the views, walkthrough and
// `when` context keys in package.json are the ids.ts ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CMD, CONTEXT, ITEM, SETTING_KEYS, settingId, VIEW, WALKTHROUGH } from '../../src/ids';
import { RUNS_SOMETHING } from '../../src/ui/restricted-mode';
import { localizedManifest } from '../support/manifest';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    viewsWelcome: { view: string }[];
    walkthroughs: { id: string; steps: { id: string }[] }[];
  };
}

const manifest = localizedManifest() as Manifest;

test('manifest: every command in ids.ts is contributed and every contributed command is in ids.ts', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(CMD).sort());
});

test('manifest: the settings in ids.ts are the contributed ones', () => {
  const sections = [manifest.contributes.configuration].flat();
  const contributed = sections.flatMap((c) => Object.keys(c.properties)).sort();
  assert.deepEqual(contributed, SETTING_KEYS.map(settingId).sort());
});

test("manifest: every menu's viewItem names a contextValue of ids.ts", () => {
  const values: string[] = Object.values(ITEM);
  const whens = Object.values(manifest.contributes.menus).flatMap((items) => items.map((i) => i.when ?? '')).join('\n');
  const exact = [...whens.matchAll(/viewItem\s*==\s*([\w.]+)/g)].map((m) => m[1]);
  const prefixes = [...whens.matchAll(/viewItem\s*=~\s*\/\^([\w.]+)\//g)].map((m) => m[1]);
  assert.ok(exact.length > 0 && prefixes.length > 0, 'the view menus use viewItem');
  for (const v of exact) assert.ok(values.includes(v), `viewItem == ${v} is no ITEM of ids.ts`);
  for (const p of prefixes) assert.ok(values.some((v) => v.startsWith(p)), `viewItem =~ /^${p}/ matches no ITEM of ids.ts`);
});

test('manifest: views, container, welcome and walkthrough use the ids.ts names', () => {
  assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [VIEW.container]);
  assert.deepEqual(manifest.contributes.views[VIEW.container].map((v) => v.id), [VIEW.workbench, VIEW.runs]);
  assert.ok(manifest.contributes.viewsWelcome.some((w) => w.view === VIEW.workbench));
  assert.deepEqual(manifest.contributes.walkthroughs.map((w) => w.id), [WALKTHROUGH]);
});

test('manifest: the welcome offers Choose job, Scrape a URL, Start local engine and Set API key on the cloud and a custom URL', () => {
  const welcomes = manifest.contributes.viewsWelcome as { view: string; contents: string; when?: string }[];
  for (const kind of ['cloud', 'custom']) {
    const w = welcomes.find((x) => x.view === VIEW.workbench && x.when === `${CONTEXT.backendKind} == ${kind} && isWorkspaceTrusted`);
    assert.ok(w, `no welcome for the ${kind} backend`);
    for (const command of [CMD.chooseJob, CMD.scrapeUrl, CMD.startLocalEngine, CMD.setApiKey]) assert.ok(w.contents.includes(`(command:${command})`), `the ${kind} welcome lacks ${command}`);
  }
});

test('manifest: commands that need a session, a run or a running request are hidden from the palette without one', () => {
  const palette = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when ?? '']));
  assert.match(palette.get(CMD.stopSession) ?? '', new RegExp(CONTEXT.hasSessions));
  assert.match(palette.get(CMD.cancelRun) ?? '', new RegExp(CONTEXT.running));
  assert.match(palette.get(CMD.runAgain) ?? '', new RegExp(CONTEXT.hasRuns));
  assert.match(palette.get(CMD.stopLocalEngine) ?? '', new RegExp(CONTEXT.engineRunning));
  for (const hidden of [CMD.historyRerun, CMD.sessionMenu, CMD.removeJob]) assert.equal(palette.get(hidden), 'false', `${hidden} is offered in the palette`);
  const keys = new Set(Object.values(CONTEXT));
  const used = [...JSON.stringify(manifest.contributes).matchAll(/firecrawlInteract\.(\w+)(?= |&|\||'|"|$|!)/g)].map((m) => `firecrawlInteract.${m[1]}`);
  for (const key of used.filter((k) => /hasJob|hasSessions|running|hasRuns|hasFullResult|backendKind|engineRunning/.test(k))) assert.ok(keys.has(key as never), `unknown context key ${key}`);
});

test('manifest: the extension activates after startup, not on every file or at once', () => {
  assert.ok(manifest.activationEvents.includes('onStartupFinished'));
  assert.ok(!manifest.activationEvents.some((e) => e === '*' || e.startsWith('onLanguage:') || e.startsWith('workspaceContains:')));
});

test('manifest: Restricted Mode is declared, its welcome says why, and workspaces cannot set autoStart or the cost guards', () => {
  const trust = (manifest as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: string } } }).capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.match(trust?.description ?? '', /runs nothing/);
  const welcomes = manifest.contributes.viewsWelcome as { view: string; contents: string; when?: string }[];
  for (const view of [VIEW.workbench, VIEW.runs]) {
    const restricted = welcomes.filter((w) => w.view === view && w.when === '!isWorkspaceTrusted');
    assert.equal(restricted.length, 1, `${view} has no Restricted Mode welcome`);
    assert.match(restricted[0].contents, /Restricted Mode[\s\S]*\(command:workbench\.trust\.manage\)/);
    for (const w of welcomes.filter((x) => x.view === view && x !== restricted[0])) assert.match(w.when ?? '', /(^|&& )isWorkspaceTrusted$/, `a ${view} welcome with run buttons shows in Restricted Mode`);
  }
  const props = (manifest.contributes as unknown as { configuration: { properties: unknown } }).configuration.properties as Record<string, { scope?: string; markdownDescription?: string }>;
  for (const key of ['localEngine.autoStart', 'stopSessionsOnClose', 'sessionCreditBudget', 'creditsPerMinute', 'promptCreditsPerMinute', 'apiUrl']) {
    assert.ok(['machine', 'application'].includes(props[`firecrawlInteract.${key}`].scope ?? ''), `${key} can be set by a workspace`);
  }
  assert.doesNotMatch(props['firecrawlInteract.localEngine.autoStart'].markdownDescription ?? '', /does not load at window startup/);
});

test('Restricted Mode: every command that runs, scrapes or starts something is refused', () => {
  const runs = Object.entries(CMD).filter(([name]) => /^(run|ask|scrape|start|setup|screenshot|history(Rerun|Rescrape))|ChooseJob$|^chooseJob$/.test(name));
  assert.ok(runs.length >= 15, 'the pattern found too few commands');
  for (const [name, id] of runs) assert.ok(RUNS_SOMETHING.has(id), `${name} runs in Restricted Mode`);
  for (const id of [CMD.stopSession, CMD.showOutput, CMD.historyOpenOutput, CMD.historyOpenFullResult, CMD.openFullResult]) assert.ok(!RUNS_SOMETHING.has(id), `${id} is refused although it only shows or stops`);
});
