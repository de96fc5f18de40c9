/**
 * Node runs that try to make a session's browser read a local file (defect 1 of issue 17): each
 * answers whatever text it got hold of, so a caller checks that no secret is in it. Used by the
 * engine's isolation test and by the soak's attacker section.
 */

export interface FileReadPayload {
  name: string;
  /** A node run (page, context and browser in scope) that tries to read `file`. */
  code(file: string): string;
}

/** Every page's HTML a moment later: where a navigation that got through shows the file. */
const ALL_PAGES = "await new Promise((r) => setTimeout(r, 1500)); (await Promise.all(context.pages().map((p) => p.content().catch(() => '')))).join('\\n')";

const navigate = (url: string): string =>
  `const c = await context.newCDPSession(page); const sent = await c.send('Page.navigate', { url: ${url} }).then(() => '', (e) => e.message); sent + ${ALL_PAGES}`;

const createTarget = (url: string): string =>
  `const s = await browser.newBrowserCDPSession(); const sent = await s.send('Target.createTarget', { url: ${url} }).then(() => '', (e) => e.message); sent + ${ALL_PAGES}`;

export const FILE_READ_PAYLOADS: FileReadPayload[] = [
  { name: 'page.goto view-source: with a space', code: (f) => `await page.goto(${JSON.stringify(`view-source: file://${f}`)}).catch(() => {}); ${ALL_PAGES}` },
  { name: 'Page.navigate, tab inside the scheme', code: (f) => navigate(JSON.stringify(`fi\tle://${f}`)) },
  { name: 'Page.navigate, control character and newline', code: (f) => navigate(JSON.stringify(`\x01fi\nle://${f}`)) },
  { name: 'Page.navigate, upper-case view-source: and a tab', code: (f) => navigate(JSON.stringify(`VIEW-SOURCE:\tFILE://${f}`)) },
  { name: 'Target.createTarget, view-source: and a tab in the scheme', code: (f) => createTarget(JSON.stringify(`view-source:fi\tle://${f}`)) },
  { name: 'Target.createTarget, tab in the scheme', code: (f) => createTarget(JSON.stringify(`fil\te://${f}`)) },
  {
    name: 'Page.navigate wrapped in Target.sendMessageToTarget',
    code: (f) => `const s = await browser.newBrowserCDPSession();
const { targetInfos } = await s.send('Target.getTargets');
const t = targetInfos.find((i) => i.type === 'page');
const { sessionId } = await s.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
const sent = await s.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Page.navigate', params: { url: ${JSON.stringify(`file://${f}`)} } }) }).then(() => '', (e) => e.message);
sent + ${ALL_PAGES}`,
  },
  {
    name: 'DOM.setFileInputFiles',
    code: (f) => `await page.setContent('<input type=file id=f>');
const c = await context.newCDPSession(page);
const { root } = await c.send('DOM.getDocument');
const { nodeId } = await c.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#f' });
const sent = await c.send('DOM.setFileInputFiles', { nodeId, files: [${JSON.stringify(f)}] }).then(() => '', (e) => e.message);
sent + (await page.evaluate(async () => { const file = document.getElementById('f').files[0]; return file ? await file.text() : 'no file'; }).catch((e) => e.message))`,
  },
  {
    name: 'Network.loadNetworkResource',
    code: (f) => `const c = await context.newCDPSession(page);
await c.send('Network.enable');
const { frameTree } = await c.send('Page.getFrameTree');
const r = await c.send('Network.loadNetworkResource', { frameId: frameTree.frame.id, url: ${JSON.stringify(`file://${f}`)}, options: { disableCache: true, includeCredentials: false } }).catch((e) => ({ error: e.message }));
let text = JSON.stringify(r);
if (r.resource && r.resource.stream) { const chunk = await c.send('IO.read', { handle: r.resource.stream }); text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data; }
text`,
  },
];

/** A run that points the browser's downloads at `dir` and downloads a file named `name` there. */
export function downloadInto(dir: string, name: string): string {
  return `const s = await browser.newBrowserCDPSession();
const sent = await s.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: ${JSON.stringify(dir)} }).then(() => '', (e) => e.message);
await page.setContent('<a id=d download=${name} href="data:text/plain,planted">d</a>');
await page.click('#d');
await new Promise((r) => setTimeout(r, 2000));
sent + 'clicked'`;
}
