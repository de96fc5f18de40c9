/**
 * Assertions recorded from the live view, as plain checks that throw: the session's REPLs have
 * no `@playwright/test` `expect` (Playwright's library generators only comment theirs out).
 * The element comes from Playwright's recorder (its selector), the locator code from
 * Playwright's converter; only the check around it is written here.
 */
import { locatorCode, type RecordedAction } from './playwright-internals';
import type { CodeLanguage } from './protocol';

/** A string literal both languages read the same way. */
const str = (text: string) => JSON.stringify(text);

/** The check for an assertion action, or undefined for any other action. */
export function assertionCode(action: RecordedAction, language: CodeLanguage): string | undefined {
  if (!action.name.startsWith('assert') || typeof action.selector !== 'string') return undefined;
  const locator = `page.${locatorCode(action.selector, language)}`;
  const js = language === 'javascript';
  const fail = (what: string) => (js ? `throw new Error(${str(`expected ${locator} ${what}`)});` : `raise AssertionError(${str(`expected ${locator} ${what}`)})`);
  switch (action.name) {
    case 'assertText': {
      const text = action.text ?? '';
      const verb = action.substring ? 'to contain the text' : 'to have the text';
      // Playwright's text assertions compare with runs of whitespace collapsed; so does this.
      if (js) {
        const actual = `((await ${locator}.textContent()) ?? '').replace(/\\s+/g, ' ').trim()`;
        return `if (!${actual}${action.substring ? `.includes(${str(text)})` : ` === ${str(text)}`}) ${fail(`${verb} ${str(text)}`)}`;
      }
      const actual = `" ".join((await ${locator}.text_content() or "").split())`;
      return `if ${str(text)} ${action.substring ? 'not in' : '!='} ${actual}: ${fail(`${verb} ${str(text)}`)}`;
    }
    case 'assertVisible':
      return js ? `if (!(await ${locator}.isVisible())) ${fail('to be visible')}` : `if not await ${locator}.is_visible(): ${fail('to be visible')}`;
    case 'assertValue': {
      const value = action.value ?? '';
      return js ? `if ((await ${locator}.inputValue()) !== ${str(value)}) ${fail(`to have the value ${str(value)}`)}` : `if await ${locator}.input_value() != ${str(value)}: ${fail(`to have the value ${str(value)}`)}`;
    }
    case 'assertChecked': {
      const not = action.checked === false;
      const what = not ? 'not to be checked' : 'to be checked';
      return js ? `if (${not ? '' : '!'}(await ${locator}.isChecked())) ${fail(what)}` : `if ${not ? '' : 'not '}await ${locator}.is_checked(): ${fail(what)}`;
    }
    default:
      return undefined;
  }
}
