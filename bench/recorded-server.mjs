// A loopback HTTP server for the client-overhead case: answers every request with one interact
// response recorded from the local engine (tokens replaced), keep-alive on. Runs in its own
// process so its work does not share the measured client's thread; prints its URL.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/interact-response.json', import.meta.url), 'utf8'));
// BENCH_STDOUT_CHARS pads stdout (the memory case fills the output with realistic runs).
const pad = Number(process.env.BENCH_STDOUT_CHARS ?? 0);
if (pad > 0) recorded.stdout += Array.from({ length: Math.ceil(pad / 64) }, (_, i) => `line ${i} of a run that prints a lot of output, padded out`.padEnd(63) + '\n').join('').slice(0, pad);
const body = JSON.stringify(recorded);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('disconnect', () => process.exit(0));
