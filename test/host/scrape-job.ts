// Creates a scrape job on an engine over its HTTP API (what a user's earlier scrape would be)
// and returns its job id, for the UI suite and the demo.
export async function scrapeJob(apiUrl: string, apiKey: string, pageUrl: string): Promise<string> {
  const res = await fetch(`${apiUrl}/v2/scrape`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: pageUrl, formats: ['markdown'] }),
    signal: AbortSignal.timeout(180_000),
  });
  const body = (await res.json()) as { success?: boolean; error?: string; data?: { metadata?: { scrapeId?: string } } };
  const jobId = body.data?.metadata?.scrapeId;
  if (!res.ok || !jobId) throw new Error(`scrape of ${pageUrl} failed: HTTP ${res.status} ${body.error ?? ''}`);
  return jobId;
}
