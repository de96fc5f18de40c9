// A loopback HTTP server for the client-overhead case: answers every request with one interact
// response recorded from the local engine (tokens replaced), keep-alive on. Runs in its own
// process so its work does not share the measured client's thread; prints its URL.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = JSON.stringify(JSON.parse(readFileSync(new URL('./fixtures/interact-response.json', import.meta.url), 'utf8')));
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
