/**
 * "Export as script": the notebook's code cells as one file per language, each cell under a
 * `// %%` or `# %%` marker so the file runs cell by cell with the same lenses (src/run/cells.ts).
 * Prompt cells become a Markdown runbook of `prompt` blocks, which run the same way.
 * Markdown cells are left out: they are notes on the code, not steps. Pure: no vscode.
 */
import type { NotebookCell } from './format';

export interface ScriptFile {
  /** File name suffix, e.g. `.js`, `.prompts.md`. */
  extension: string;
  languageId: string;
  text: string;
}

const SCRIPT: Record<string, { extension: string; marker: string }> = {
  javascript: { extension: '.js', marker: '// %%' },
  typescript: { extension: '.ts', marker: '// %%' },
  python: { extension: '.py', marker: '# %%' },
  shellscript: { extension: '.sh', marker: '# %%' },
};

export function exportScripts(cells: readonly NotebookCell[]): ScriptFile[] {
  const byLanguage = new Map<string, string[]>();
  for (const cell of cells) {
    if (cell.kind !== 'code' || cell.source.trim() === '') continue;
    const chunks = byLanguage.get(cell.language) ?? [];
    chunks.push(cell.source.replace(/\s+$/, ''));
    byLanguage.set(cell.language, chunks);
  }
  const files: ScriptFile[] = [];
  for (const [language, chunks] of byLanguage) {
    const script = Object.hasOwn(SCRIPT, language) ? SCRIPT[language] : undefined;
    if (script) {
      const text = chunks.map((c, i) => `${script.marker} Cell ${i + 1}\n${c}\n`).join('\n');
      files.push({ extension: script.extension, languageId: language, text: language === 'shellscript' ? `#!/usr/bin/env bash\n${text}` : text });
    } else if (language === 'prompt') {
      files.push({ extension: '.prompts.md', languageId: 'markdown', text: chunks.map((c, i) => `## Prompt ${i + 1}\n\n\`\`\`prompt\n${c}\n\`\`\`\n`).join('\n') });
    }
  }
  return files;
}
