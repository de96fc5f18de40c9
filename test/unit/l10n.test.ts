// The translations keep up with the English: every manifest key of package.nls.json, every text
// of the runtime bundle (l10n/bundle.l10n.json, which must be what `npm run l10n` makes of the
// sources today) and every walkthrough page has a Japanese and a Simplified Chinese version, and
// a translation keeps the placeholders ({0}), the command links and the code spans of its
// English text, so no message loses an argument, a button or a setting name in another language.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatNumber, l10n, useTranslator } from '../../src/shared/l10n';
import { formatDuration, formatRunReport } from '../../src/ui/run-report';
import { LANGUAGES, ROOT, manifestKeys, nlsMessages, rawManifest } from '../support/manifest';

const sorted = (items: Iterable<string>): string[] => [...items].sort();
/** What a translation must carry over unchanged: `{0}`/`{name}`, `(command:…)` targets and `code` spans. */
const fixedParts = (text: string): Record<string, string[]> => ({
  placeholders: sorted(text.match(/\{[\w.]+\}/g) ?? []),
  commandLinks: sorted(text.match(/\(command:[^)\s]+\)/g) ?? []),
  codeSpans: sorted((text.replace(/```[\s\S]*?```/g, '').match(/`[^`\n]+`/g) ?? [])),
});
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Each difference between an English text and its translation, one line each. */
function mismatches(english: Record<string, string>, translated: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    if (!(key in translated)) problems.push(`missing key ${key}`);
    else if (!CJK.test(translated[key]) && /\s/.test(english[key].trim())) problems.push(`${key} is not translated: ${JSON.stringify(translated[key])}`);
    else {
      const want = fixedParts(english[key]);
      const got = fixedParts(translated[key]);
      for (const part of Object.keys(want)) {
        if (JSON.stringify(want[part]) !== JSON.stringify(got[part])) problems.push(`${key}: ${part} ${JSON.stringify(got[part])} instead of ${JSON.stringify(want[part])}`);
      }
    }
  }
  for (const key of Object.keys(translated)) if (!(key in english)) problems.push(`${key} is not in the English (stale)`);
  return problems;
}

test('l10n: every %key% of package.json is in package.nls.json, and every key there is used', () => {
  const english = nlsMessages();
  const used = new Set(manifestKeys());
  assert.ok(used.size > 50, 'package.json refers to too few %keys%');
  assert.deepEqual(sorted([...used].filter((k) => !(k in english))), [], 'keys package.json uses that package.nls.json lacks');
  assert.deepEqual(sorted(Object.keys(english).filter((k) => !used.has(k))), [], 'keys of package.nls.json that package.json does not use');
});

test('l10n: the manifest\'s user-visible strings are all %keys%, none left in English in package.json', () => {
  const visible = /\.(title|category|name|description|markdownDescription|contents|displayName|label|(markdown)?[eE]numDescriptions\.\d+)$/;
  const brand = new Set(['Firecrawl', 'Firecrawl Interact']);
  const literal: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (visible.test(path) && !/^%[\w.-]+%$/.test(value) && !brand.has(value)) literal.push(`${path}: ${value}`);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}.${i}`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
  };
  const { contributes, capabilities } = rawManifest() as { contributes: unknown; capabilities: unknown };
  visit(contributes, 'contributes');
  visit(capabilities, 'capabilities');
  assert.deepEqual(literal, []);
});

const readBundle = (file: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, 'l10n', file), 'utf8')) as Record<string, string>;

test('l10n: l10n/bundle.l10n.json holds every l10n.t text of the sources, and package.json points VS Code to it', async () => {
  // A computed path: the script is an ES module, imported at run time (as run-vsix.ts imports package.mjs).
  const { englishBundle } = (await import(join(ROOT, 'scripts', 'l10n-bundle.mjs'))) as { englishBundle: () => Promise<Record<string, string>> };
  const fresh = await englishBundle();
  assert.ok(Object.keys(fresh).length > 100, 'too few l10n.t texts found in src/');
  assert.deepEqual(readBundle('bundle.l10n.json'), fresh, 'l10n/bundle.l10n.json is stale: run `npm run l10n` and translate the new texts');
  assert.equal((rawManifest() as { l10n?: string }).l10n, './l10n');
});

for (const language of LANGUAGES) {
  test(`l10n: l10n/bundle.l10n.${language}.json translates every runtime text and keeps its placeholders`, () => {
    assert.deepEqual(mismatches(readBundle('bundle.l10n.json'), readBundle(`bundle.l10n.${language}.json`)), []);
  });

  test(`l10n: package.nls.${language}.json translates every key and keeps placeholders, command links and code spans`, () => {
    assert.ok(existsSync(join(ROOT, `package.nls.${language}.json`)), `package.nls.${language}.json is missing`);
    assert.deepEqual(mismatches(nlsMessages(), nlsMessages(language)), []);
  });

  test(`l10n: every walkthrough page has a ${language} version with the same code blocks and setting names`, () => {
    const steps = (rawManifest() as { contributes: { walkthroughs: { steps: { media: { markdown?: string } }[] }[] } }).contributes.walkthroughs.flatMap((w) => w.steps);
    const pages = steps.map((s) => s.media.markdown).filter((p): p is string => p !== undefined);
    assert.ok(pages.length >= 6);
    for (const page of pages) {
      // VS Code's walkthrough reads <name>.nls.<language>.md beside <name>.md when the display language is <language>.
      const localized = join(ROOT, page.replace(/\.md$/, `.nls.${language}.md`));
      assert.ok(existsSync(localized), `${localized} is missing`);
      const english = readFileSync(join(ROOT, page), 'utf8');
      const translated = readFileSync(localized, 'utf8');
      assert.ok(CJK.test(translated), `${localized} is not translated`);
      assert.equal((translated.match(/```/g) ?? []).length, (english.match(/```/g) ?? []).length, `${localized}: code blocks differ`);
      const settings = (text: string): string[] => sorted(new Set(text.match(/firecrawlInteract\.[\w.]+/g) ?? []));
      assert.deepEqual(settings(translated), settings(english), `${localized}: setting names differ`);
    }
  });
}

test('l10n: the check finds a missing key, a lost placeholder, a changed command link and an untranslated text', () => {
  const english = { a: 'Stopped {0} after {1} s', b: '[Set API key](command:x.setApiKey)', c: 'Two words', d: 'Uses `apiUrl`' };
  const problems = mismatches(english, { a: '{0} を停止しました', b: '[API キーを設定](command:x.other)', c: 'Two words', d: '`apiUrl` を使います', e: '余分' });
  assert.deepEqual(problems, [
    'a: placeholders ["{0}"] instead of ["{0}","{1}"]',
    'b: commandLinks ["(command:x.other)"] instead of ["(command:x.setApiKey)"]',
    'c is not translated: "Two words"',
    'e is not in the English (stale)',
  ]);
  assert.deepEqual(mismatches({ z: 'Z' }, {}), ['missing key z']);
});

test('l10n: with the ja bundle as translator, a run report and durations read in Japanese, numbers in the language\'s format', (t) => {
  const ja = readBundle('bundle.l10n.ja.json');
  // What vscode.l10n.t does with an extension's bundle: look the English up, fill the placeholders.
  useTranslator({ t: (message, ...args) => (ja[message] ?? message).replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])), language: 'ja' });
  t.after(() => useTranslator({ t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])), language: 'en' }));
  assert.equal(l10n.t('exit code: {0}', 0), '終了コード: 0');
  assert.equal(formatDuration(12_345), '12.3 秒');
  assert.equal(formatNumber(1234567), '1,234,567');
  const report = formatRunReport({ kind: 'code', language: 'node', jobId: 'j1', startedAt: new Date(0), durationMs: 850, response: { success: true, stdout: 'hi', result: '42', exitCode: 0 } }, { limit: 1000 });
  assert.match(report.text, /▶ node コード · ジョブ j1/);
  assert.match(report.text, /終了コード: 0\n└ 850 ミリ秒で完了/);
});
