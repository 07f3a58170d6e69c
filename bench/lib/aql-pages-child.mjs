// Row 7's AQL endpoint: POST …/query/aql answers { q, columns, rows } for the requested
// offset/fetch window of a result of `total` generated rows (four columns, as a composition
// query would give). Tells the parent its base URL over IPC.
import { createServer } from "node:http";

const total = Number(process.argv[2]);
const columns = [
  { name: "uid", path: "c/uid/value" },
  { name: "name", path: "c/name/value" },
  { name: "start", path: "c/context/start_time/value" },
  { name: "magnitude", path: "o/data[at0001]/items[at0002]/value/magnitude" },
];
const row = (i) => [
  `${String(i).padStart(8, "0")}-0000-4000-8000-000000000000::bench::1`,
  "Minimal",
  `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`,
  i,
];

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    const { q, offset = 0, fetch = total } = JSON.parse(body);
    const rows = [];
    for (let i = offset; i < Math.min(total, offset + fetch); i++) rows.push(row(i));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ meta: { _type: "RESULTSET" }, q, columns, rows }));
  });
});
server.listen(0, "127.0.0.1", () => process.send({ baseUrl: `http://127.0.0.1:${server.address().port}/openehr/v1` }));
