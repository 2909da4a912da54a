// A tiny SPARQL endpoint on 127.0.0.1 around Oxigraph's in-process store (the npm package has no server):
//   node server.js PORT DUMP.nt
// POST application/sparql-query; answers SPARQL JSON results (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE).
//
// The store lives in a worker thread, which loads the N-Triples (in line-aligned chunks, so a dump larger than
// V8's longest string loads too) and answers one query at a time; the main thread only does HTTP and a queue.
// A query still running after QUERY_TIMEOUT_S seconds (default 60), or whose client has gone away, is abandoned
// for real: its request gets 503, the worker is terminated and a fresh one reloads the dump, and the queued
// requests go on after the reload. (The first wrapper ran the query on the main thread: an abandoned query kept
// computing, and every later one queued behind it.) WORKERS (default 1) workers each hold their own copy of the
// store, so memory grows with it.
'use strict';
const http = require('http');
const fs = require('fs');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

if (!isMainThread) {
  const oxigraph = require('oxigraph');
  const store = new oxigraph.Store();
  const t0 = Date.now();
  const fd = fs.openSync(workerData.dump, 'r');
  const buf = Buffer.alloc(64 * 1024 * 1024);
  let rest = Buffer.alloc(0);
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    const data = n > 0 ? Buffer.concat([rest, buf.subarray(0, n)]) : rest;
    const cut = n > 0 ? data.lastIndexOf(10) + 1 : data.length;
    if (cut > 0) {
      store.load(data.subarray(0, cut).toString('utf8'), { format: 'application/n-triples', no_transaction: true });
    }
    rest = Buffer.from(data.subarray(cut));
    if (n === 0) break;
  }
  fs.closeSync(fd);
  parentPort.postMessage({ loaded: true, size: store.size, seconds: (Date.now() - t0) / 1000 });
  parentPort.on('message', ({ id, query, construct }) => {
    try {
      const out = store.query(query, {
        results_format: construct ? 'application/n-triples' : 'application/sparql-results+json',
        use_default_graph_as_union: true,
      });
      parentPort.postMessage({ id, ok: true, out });
    } catch (e) {
      parentPort.postMessage({ id, ok: false, out: String(e) });
    }
  });
  return;
}

const [port, dump] = [Number(process.argv[2]), process.argv[3]];
const TIMEOUT_MS = Number(process.env.QUERY_TIMEOUT_S || 60) * 1000;
const WORKERS = Number(process.env.WORKERS || 1);
const queue = [];  // { id, query, construct, res, gone }
let nextId = 1;
let firstLoad = true;

function startWorker(slot) {
  const w = { worker: new Worker(__filename, { workerData: { dump } }), ready: false, job: null, timer: null, slot };
  w.worker.on('message', (m) => {
    if (m.loaded) {
      w.ready = true;
      console.error(`worker ${slot}: loaded ${m.size} triples from ${dump} in ${m.seconds.toFixed(1)} s`);
      if (firstLoad) { firstLoad = false; listen(); }
      pump();
      return;
    }
    const job = w.job;
    if (!job || job.id !== m.id) return;
    clearTimeout(w.timer);
    w.job = null;
    if (!job.gone) {
      const type = !m.ok ? 'text/plain' : job.construct ? 'application/n-triples' : 'application/sparql-results+json';
      job.res.writeHead(m.ok ? 200 : 400, { 'Content-Type': type });
      job.res.end(m.out);
    }
    pump();
  });
  w.worker.on('error', (e) => {
    console.error(`worker ${slot}: ${e}`);
    if (!w.ready) { console.error('the dump did not load: giving up'); process.exit(1); }
    fail(w, 500, `worker error: ${e}`);
  });
  workers[slot] = w;
  return w;
}

// abandon the worker's query for real: answer it (if its client is still there), replace the worker
function fail(w, status, message) {
  clearTimeout(w.timer);
  const job = w.job;
  w.job = null;
  if (job && !job.gone) {
    job.res.writeHead(status, { 'Content-Type': 'text/plain' });
    job.res.end(message);
  }
  w.worker.terminate();
  console.error(`worker ${w.slot}: replaced (${message}); reloading`);
  startWorker(w.slot);
}

function pump() {
  for (const w of workers) {
    if (!w || !w.ready || w.job) continue;
    let job;
    while ((job = queue.shift()) && job.gone) { /* its client left while it waited */ }
    if (!job) return;
    w.job = job;
    job.worker = w;
    w.timer = setTimeout(() => fail(w, 503, `query timeout: over ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
    w.worker.postMessage({ id: job.id, query: job.query, construct: job.construct });
  }
}

const workers = [];
for (let i = 0; i < WORKERS; i++) startWorker(i);

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const job = { id: nextId++, query: body, construct: /\b(CONSTRUCT|DESCRIBE)\b/i.test(body), res, gone: false };
    res.on('close', () => {
      if (res.writableFinished) return;
      job.gone = true;
      // its client gave up while the query ran: stop computing it
      if (job.worker && job.worker.job === job) fail(job.worker, 503, 'client gone');
    });
    queue.push(job);
    pump();
  });
});
// One worker answers one query at a time: keep idle connections and queued requests open long enough for
// 8 clients whose queries each take seconds (Node's 5 s keep-alive would drop them mid-benchmark).
server.keepAliveTimeout = 600000;
server.headersTimeout = 610000;
server.requestTimeout = 0;
function listen() {
  server.listen(port, '127.0.0.1', () => console.error(`listening on http://127.0.0.1:${port}/sparql`));
}
