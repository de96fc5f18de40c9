// `npm run l10n`: writes l10n/bundle.l10n.json, the English text of every `l10n.t(...)` call of
// the extension (src/, without the engine and the recorder helper, whose texts are API errors
// and logs), with @vscode/l10n-dev's extractor. The extractor recognises `l10n.t` only in files
// that import `vscode` or `@vscode/l10n`; ours get `l10n` from src/host/l10n.ts, so each file
// is read as if it imported the l10n namespace under that name.
import { getL10nJson } from '@vscode/l10n-dev';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');
const SKIP = /^(engine|recorder)\//;

/** The English bundle as the sources say it today: keys sorted, so the file diffs well. */
export async function englishBundle() {
  const files = readdirSync(join(root, 'src'), { recursive: true })
    .filter((f) => f.endsWith('.ts') && !SKIP.test(f))
    .map((f) => readFileSync(join(root, 'src', f), 'utf8'))
    .filter((text) => text.includes('l10n.t('))
    .map((text) => ({ extension: '.ts', contents: `import * as l10n from '@vscode/l10n';\n${text}` }));
  const bundle = await getL10nJson(files);
  return Object.fromEntries(Object.keys(bundle).sort().map((k) => [k, bundle[k]]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void englishBundle().then((bundle) => {
    writeFileSync(BUNDLE, `${JSON.stringify(bundle, null, 2)}\n`);
    console.log(`${Object.keys(bundle).length} texts in ${BUNDLE.slice(root.length)}`);
  });
}
