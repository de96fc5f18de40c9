// Saved profiles: a session started with `profile: {name, saveChanges}` gets the browser state
// saved under that name (cookies, localStorage, IndexedDB), saves its changes when it stops, one
// writer at a time (409), and DELETE /v2/browser/profiles/{name} removes it. JS SDK where it has
// the call (browser(), scrape options), raw HTTP elsewhere.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Firecrawl from '@mendable/firecrawl-js';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, shown, withEngineAndFixtures } from './api';

const WRITE_STATE = `
document.cookie = 'who=ada; max-age=3600; path=/';
localStorage.setItem('cart', '3 items');
await new Promise((resolve, reject) => {
  const open = indexedDB.open('shop', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('kv');
  open.onsuccess = () => {
    const tx = open.result.transaction('kv', 'readwrite');
    tx.objectStore('kv').put('saved order', 'order');
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
});
return 'written';`;

const READ_STATE = `
const order = await new Promise((resolve) => {
  const open = indexedDB.open('shop', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('kv');
  open.onsuccess = () => {
    const req = open.result.transaction('kv').objectStore('kv').get('order');
    req.onsuccess = () => { open.result.close(); resolve(req.result ?? null); };
    req.onerror = () => resolve(null);
  };
});
return JSON.stringify({ cookie: document.cookie, cart: localStorage.getItem('cart'), order });`;

describe('engine: saved profiles', { timeout: 240_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let fc: Firecrawl;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
    fc = new Firecrawl({ apiKey: engine.apiKey, apiUrl: engine.url });
  });

  const inPage = (script: string): string => `await page.goto('${fx.url}/index.html'); await page.evaluate(async () => { ${script} })`;

  test('state saved by one session is there for the next (browser sessions and a scrape job), one writer at a time, delete', async () => {
    const writer = await fc.browser({ profile: { name: 'shop_1', saveChanges: true } });
    assert.equal(writer.success, true, shown(writer));
    const written = await fc.browserExecute(writer.id as string, { code: inPage(WRITE_STATE), language: 'node' });
    assert.equal(written.result, 'written', shown(written));

    // A second writer of the same profile is refused while the first runs; a reader is not.
    const second = await call(engine, 'POST', '/v2/browser', { profile: { name: 'shop_1', saveChanges: true } });
    assert.equal(second.status, 409);
    assert.match(second.body.error, /Profile "shop_1" is being written by another session.*saveChanges: false/);
    const busyDelete = await call(engine, 'DELETE', '/v2/browser/profiles/shop_1');
    assert.equal(busyDelete.status, 409);

    await fc.deleteBrowser(writer.id as string);

    // A reading browser session sees everything the writer saved.
    const reader = await fc.browser({ profile: { name: 'shop_1', saveChanges: false } });
    const read = await fc.browserExecute(reader.id as string, { code: inPage(READ_STATE), language: 'node' });
    assert.deepEqual(JSON.parse(read.result as string), { cookie: 'who=ada', cart: '3 items', order: 'saved order' });
    // It may change its copy; that is not saved.
    await fc.browserExecute(reader.id as string, { code: inPage("localStorage.setItem('cart', 'changed'); return 1"), language: 'node' });
    await fc.deleteBrowser(reader.id as string);

    // A scrape naming the profile gives its interact session the saved state.
    const doc = await fc.scrape(`${fx.url}/index.html`, { profile: { name: 'shop_1', saveChanges: false } });
    const job = doc.metadata?.scrapeId as string;
    const viaJob = await fc.interact(job, { code: `await page.evaluate(async () => { ${READ_STATE} })` });
    assert.deepEqual(JSON.parse(viaJob.result as string), { cookie: 'who=ada', cart: '3 items', order: 'saved order' }, shown(viaJob));
    await fc.stopInteraction(job);

    const deleted = await call(engine, 'DELETE', '/v2/browser/profiles/shop_1');
    assert.deepEqual([deleted.status, deleted.body.success], [200, true]);
    const again = await call(engine, 'DELETE', '/v2/browser/profiles/shop_1');
    assert.deepEqual([again.status, again.body.error], [404, 'Profile "shop_1" not found.']);
    const fresh = await fc.browser({ profile: { name: 'shop_1', saveChanges: false } });
    const empty = await fc.browserExecute(fresh.id as string, { code: inPage(READ_STATE), language: 'node' });
    assert.deepEqual(JSON.parse(empty.result as string), { cookie: '', cart: null, order: null });
    await fc.deleteBrowser(fresh.id as string);
  });

  test('profile names: the allowed characters are named', async () => {
    for (const name of ['../etc', 'a b', '', 'x'.repeat(65)]) {
      const r = await call(engine, 'POST', '/v2/browser', { profile: { name } });
      assert.equal(r.status, 400, name);
      assert.match(r.body.error, /Profile names are 1–64 characters: letters A–Z and a–z, digits, '-' and '_'\./);
    }
    const scrape = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html`, profile: { name: 'ok', extra: 1 } });
    assert.match(scrape.body.error, /Unrecognized key\(s\) in object: 'extra'/);
    const del = await call(engine, 'DELETE', '/v2/browser/profiles/a%20b');
    assert.equal(del.status, 400);
    assert.match(del.body.error, /Invalid profile name "a b"/);
  });
});
