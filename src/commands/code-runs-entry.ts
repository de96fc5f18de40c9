/**
 * Everything of cells, Markdown blocks, notebooks and screenshots that is not needed to
 * register them: bundled on its own into dist/code-runs.js and loaded on first use
 * (code-runs-lazy.ts), so the activation bundle stays small.
 */
export { chooseNotebookJob, exportNotebookScripts, newNotebook } from './notebook';
export { runBlock } from './run-block';
export { runAbove, runCell, runCellAndAdvance, runCellAndBelow } from './run-cell';
export { screenshotPage } from './screenshot';
export { scrapePageNow } from './scrape-now';
export { runNotebookCell, showPageInCell } from '../ui/notebook-execution';
export { deserializeFcnb, serializeFcnb } from '../ui/notebook-convert';
export { presentScreenshot } from '../ui/screenshot-presenter';
export { nodeFailure, pythonFailure } from '../run/stack-map';
export { cellLenses, markdownLenses } from '../ui/code-lenses';
