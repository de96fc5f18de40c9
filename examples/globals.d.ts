// What the interact environment provides to node code: the job's live page and its context.
declare const page: import('playwright-core').Page;
declare const context: import('playwright-core').BrowserContext;
