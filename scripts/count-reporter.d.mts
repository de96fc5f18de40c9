// Types of count-reporter.mjs for the unit test that feeds it node:test events.
export interface ReporterEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Yields one JSON line: {"passed":N,"failed":N,"failures":[{"title":"file › test","error":"…"}, …]}. */
export default function countReporter(source: AsyncIterable<ReporterEvent>): AsyncGenerator<string>;
