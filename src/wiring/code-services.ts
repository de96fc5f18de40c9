/** What the cell, Markdown-block, notebook and screenshot commands need beyond the shared services. */
import type { Services } from './services';

export interface CodeServices extends Services {
  /** Folder where screenshots are written before they are opened. */
  screenshotDir: string;
}
