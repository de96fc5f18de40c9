/** The language picked locators are written in, from the editor's language and, in Markdown, the block at the cursor. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeLanguageAt } from '../../src/run/code-language';

test('JS and TS files (and their React flavours) get JavaScript, Python files Python, others none', () => {
  for (const id of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact']) assert.equal(codeLanguageAt(id, ['x'], 0), 'javascript', id);
  assert.equal(codeLanguageAt('python', ['x'], 0), 'python');
  assert.equal(codeLanguageAt('shellscript', ['x'], 0), undefined);
  assert.equal(codeLanguageAt('plaintext', ['x'], 0), undefined);
});

test('in Markdown, the fenced block at the cursor decides; outside a block there is none', () => {
  const lines = ['# Steps', '```js', 'await page.title()', '```', 'text', '```python', '', '```', '```bash', 'ls', '```'];
  assert.equal(codeLanguageAt('markdown', lines, 0), undefined, 'a heading');
  assert.equal(codeLanguageAt('markdown', lines, 2), 'javascript');
  assert.equal(codeLanguageAt('markdown', lines, 4), undefined, 'text between blocks');
  assert.equal(codeLanguageAt('markdown', lines, 6), 'python', 'an empty line inside a python block');
  assert.equal(codeLanguageAt('markdown', lines, 9), undefined, 'a bash block has no Playwright');
});
