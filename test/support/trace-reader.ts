/** Reads a Playwright trace zip with playwright-core's own trace loader (the one its viewer uses). */
import { iso, utils } from 'playwright-core/lib/coreBundle';

export interface TraceAction {
  callId: string;
  parentId?: string;
  method: string;
  title?: string;
}

export interface TraceSummary {
  actions: TraceAction[];
  /** tracing.group() entries, in order. */
  groups: (TraceAction & { title: string })[];
  /** DOM snapshots (taken around each action). */
  snapshots: number;
  screencastFrames: number;
  /** URLs of the network log. */
  resources: string[];
  /** Console message texts. */
  console: string[];
}

export async function readTrace(file: string): Promise<TraceSummary> {
  const zip = new utils.ZipFile(file);
  const backend = {
    isLive: () => false,
    entryNames: () => zip.entries(),
    hasEntry: async (name: string) => (await zip.entries()).includes(name),
    readText: async (name: string) => ((await zip.entries()).includes(name) ? (await zip.read(name)).toString('utf8') : undefined),
    readBlob: async (name: string) => new Blob([new Uint8Array(await zip.read(name))]),
  };
  const loader = new iso.TraceLoader();
  try {
    await loader.load(backend);
  } finally {
    zip.close();
  }
  const contexts = loader.contextEntries;
  const actions = contexts.flatMap((c) => c.actions as TraceAction[]).sort((a, b) => (a as unknown as { startTime: number }).startTime - (b as unknown as { startTime: number }).startTime);
  return {
    actions,
    groups: actions.filter((a) => a.method === 'tracingGroup') as TraceSummary['groups'],
    snapshots: contexts.reduce((n, c) => n + (c.domSnapshots?.length ?? 0), 0),
    screencastFrames: contexts.reduce((n, c) => n + c.pages.reduce((m: number, p: { screencastFrames: unknown[] }) => m + p.screencastFrames.length, 0), 0),
    resources: contexts.flatMap((c) => c.resources.map((r: { request: { url: string } }) => r.request.url)),
    console: contexts.flatMap((c) => c.events.filter((e: { type: string }) => e.type === 'console').map((e: { text?: string; params?: { text?: string } }) => e.text ?? e.params?.text ?? '')),
  };
}
