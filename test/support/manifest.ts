// The manifest as VS Code shows it: package.json with every `%key%` replaced from
// package.nls.json, or from package.nls.<language>.json (the languages the extension ships).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const LANGUAGES = ['ja', 'zh-cn'] as const;
export type Language = (typeof LANGUAGES)[number];

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

export const rawManifest = (): unknown => readJson('package.json');

/** package.nls.json, or a language's package.nls.<language>.json ({} when that file is missing). */
export function nlsMessages(language?: Language): Record<string, string> {
  const file = language ? `package.nls.${language}.json` : 'package.nls.json';
  return existsSync(join(ROOT, file)) ? (readJson(file) as Record<string, string>) : {};
}

/** Every `%key%` the manifest refers to, in order of appearance. */
export function manifestKeys(): string[] {
  return [...JSON.stringify(rawManifest()).matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
}

/** package.json with its `%key%` strings replaced the way VS Code does (a key a translation lacks falls back to English). */
export function localizedManifest(language?: Language): unknown {
  const english = nlsMessages();
  const messages = language ? { ...english, ...nlsMessages(language) } : english;
  return JSON.parse(JSON.stringify(rawManifest()), (_key, value: unknown) => {
    const key = typeof value === 'string' ? /^%([\w.-]+)%$/.exec(value)?.[1] : undefined;
    return key !== undefined && key in messages ? messages[key] : value;
  });
}
