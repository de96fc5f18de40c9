/**
 * What a DevTools client (a run, or whoever holds cdpUrl) may ask of a session's browser. The
 * browser runs in its own sandbox and sees none of the engine's files (runners/sandbox.ts);
 * these checks are the second fence: commands that would open a local file are refused, and
 * downloads always land in the browser's own downloads folder.
 */

export interface GuardOptions {
  /** --allow-file-urls: file: URLs and uploads from any path the browser can see. */
  allowFileUrls: boolean;
  /** The browser's downloads folder (a local Chromium's; remote browsers keep theirs). */
  downloadsDir?: string;
  /** Folders whose files may be uploaded into pages (--allow-path), besides the downloads folder. */
  uploadRoots: string[];
}

export interface Command {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
}

/** Commands and the parameter that holds a URL the browser would load. */
const URL_PARAMS: Record<string, string> = {
  'Page.navigate': 'url',
  'Target.createTarget': 'url',
  'Network.loadNetworkResource': 'url',
  'Page.getResourceContent': 'url',
  'Fetch.continueRequest': 'url',
  'Network.continueInterceptedRequest': 'url',
  'PWA.install': 'installUrlOrBundleUrl',
};

const DOWNLOAD_BEHAVIOUR = new Set(['Browser.setDownloadBehavior', 'Page.setDownloadBehavior']);
const MAX_NESTING = 4;

const FILE_REFUSED = 'file: URLs are refused: this engine does not open local files (start it with --allow-file-urls to allow them).';

/** The command to send (maybe with its download folder replaced), or why it is refused. */
export function guardCommand(cmd: Command, opts: GuardOptions, depth = 0): { refused: string } | { command: Command } {
  const method = cmd.method ?? '';
  const params = cmd.params ?? {};
  const urlParam = URL_PARAMS[method];
  if (urlParam !== undefined && !opts.allowFileUrls) {
    const url = params[urlParam];
    if (typeof url === 'string' && opensLocalFile(url)) return { refused: FILE_REFUSED };
  }
  if (method === 'DOM.setFileInputFiles' || method === 'Input.dispatchDragEvent') {
    const files = method === 'DOM.setFileInputFiles' ? params.files : (params.data as { files?: unknown } | undefined)?.files;
    const outside = Array.isArray(files) ? files.find((f) => typeof f !== 'string' || !uploadable(f, opts)) : undefined;
    if (outside !== undefined) {
      return { refused: `Uploading local files is limited to the folders given with --allow-path (and the browser's downloads): ${String(outside).slice(0, 200)} is not in one.` };
    }
  }
  if (method === 'Extensions.loadUnpacked') return { refused: 'Loading browser extensions is refused: the engine runs browsers without extensions.' };
  if (DOWNLOAD_BEHAVIOUR.has(method) && opts.downloadsDir && typeof params.downloadPath === 'string') {
    return { command: { ...cmd, params: { ...params, downloadPath: opts.downloadsDir } } };
  }
  if (method === 'Target.sendMessageToTarget') return guardWrapped(cmd, params, opts, depth);
  return { command: cmd };
}

/** A command wrapped as a string in Target.sendMessageToTarget: checked like any other, then sent as checked. */
function guardWrapped(cmd: Command, params: Record<string, unknown>, opts: GuardOptions, depth: number): { refused: string } | { command: Command } {
  if (typeof params.message !== 'string') return { command: cmd };
  if (depth >= MAX_NESTING) return { refused: `Target.sendMessageToTarget nested more than ${MAX_NESTING} deep is refused.` };
  let inner: unknown;
  try {
    inner = JSON.parse(params.message);
  } catch {
    return { refused: 'Target.sendMessageToTarget with a message that is not JSON is refused.' };
  }
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return { refused: 'Target.sendMessageToTarget with a message that is not a JSON object is refused.' };
  const checked = guardCommand(inner as Command, opts, depth + 1);
  if ('refused' in checked) return checked;
  // Re-serialized: the browser reads exactly what was checked (no duplicate keys, no odd escapes).
  return { command: { ...cmd, params: { ...params, message: JSON.stringify(checked.command) } } };
}

/**
 * Whether loading `raw` would open a local file: parsed as browsers parse URLs (tabs, newlines
 * and leading or trailing control characters and spaces dropped), `view-source:` and other
 * wrapping schemes unwrapped as often as they occur. A URL that does not parse is refused too
 * (an empty one is about:blank).
 */
export function opensLocalFile(raw: string, depth = 0): boolean {
  if (raw.trim() === '') return false;
  if (depth > 10) return true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return true;
  }
  if (url.protocol === 'file:') return true;
  if (url.protocol !== 'view-source:' && url.protocol !== 'filesystem:' && url.protocol !== 'blob:') return false;
  const inner = url.href.slice(url.protocol.length);
  if (opensLocalFile(inner, depth + 1)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(inner);
  } catch {
    return true;
  }
  return decoded !== inner && opensLocalFile(decoded, depth + 1);
}

function uploadable(file: string, opts: GuardOptions): boolean {
  if (opts.allowFileUrls) return true;
  if (!file.startsWith('/') || file.split('/').includes('..')) return false;
  const roots = [...opts.uploadRoots, ...(opts.downloadsDir ? [opts.downloadsDir] : [])];
  return roots.some((root) => file.startsWith(root.endsWith('/') ? root : `${root}/`));
}
