// A tiny SPARQL endpoint on 127.0.0.1 around Oxigraph's in-process store (the npm package has no server):
// node server.js PORT DUMP.nt   -- loads the N-Triples into the in-memory store, then answers
// POST application/sparql-query with SPARQL JSON results (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE).
'use strict';
const http = require('http');
const fs = require('fs');
const oxigraph = require('oxigraph');

const [port, dump] = [Number(process.argv[2]), process.argv[3]];
const store = new oxigraph.Store();
const t0 = Date.now();
store.load(fs.readFileSync(dump, 'utf8'), { format: 'application/n-triples', no_transaction: true });
console.error(`loaded ${store.size} triples from ${dump} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    try {
      const construct = /\b(CONSTRUCT|DESCRIBE)\b/i.test(body);
      const out = store.query(body, {
        results_format: construct ? 'application/n-triples' : 'application/sparql-results+json',
        use_default_graph_as_union: true,
      });
      res.writeHead(200, { 'Content-Type': construct ? 'application/n-triples' : 'application/sparql-results+json' });
      res.end(out);
    } catch (e) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    }
  });
});
// One thread answers one query at a time: keep idle connections and queued requests open long enough for
// 8 clients whose queries each take seconds (Node's 5 s keep-alive would drop them mid-benchmark).
server.keepAliveTimeout = 600000;
server.headersTimeout = 610000;
server.requestTimeout = 0;
server.listen(port, '127.0.0.1', () => console.error(`listening on http://127.0.0.1:${port}/sparql`));
