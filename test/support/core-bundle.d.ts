/** The parts of playwright-core's internal bundle the tests read traces with (untyped upstream). */
declare module 'playwright-core/lib/coreBundle' {
  export const iso: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    TraceLoader: new () => { load(backend: unknown): Promise<void>; contextEntries: any[] };
  };
  export const utils: {
    ZipFile: new (file: string) => { entries(): Promise<string[]>; read(name: string): Promise<Buffer>; close(): void };
  };
}
