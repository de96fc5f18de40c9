/**
 * Everything of cells, Markdown blocks, notebooks and screenshots that is not needed to
 * register them: bundled on its own into dist/code-runs.js and loaded on first use, so the
 * activation bundle stays small. src/extension.ts makes the one loader and hands it to ui/
 * (as ui/code-runs-view.ts's CodeRunsView) and to the features.
 */
export { chooseNotebookJob, exportNotebookScripts, newNotebook } from './commands/notebook';
export { runBlock } from './commands/run-block';
export { runAbove, runCell, runCellAndAdvance, runCellAndBelow } from './commands/run-cell';
export { screenshotPage } from './commands/screenshot';
export { scrapePageNow } from './commands/scrape-now';
export { runNotebookCell, showPageInCell } from './ui/notebook-execution';
export { deserializeFcnb, serializeFcnb } from './ui/notebook-convert';
export { presentScreenshot } from './ui/screenshot-presenter';
export { nodeFailure, pythonFailure } from './run/stack-map';
export { useTranslator } from './shared/l10n';
export { cellLenses, markdownLenses } from './ui/code-lenses';
