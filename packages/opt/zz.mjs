import { readFileSync } from "node:fs";
import { SaxesParser } from "saxes";
const text = readFileSync("../../fixtures/templates/Anamnese.opt", "utf8");
const extras = process.argv.slice(2);
const cpu = (f) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
const r = [];
for (let i = 0; i < 6; i++) r.push(cpu(() => {
  const p = new SaxesParser({ xmlns: true, position: true }); let b = 0; const m = () => { b = p.position; };
  p.on("text", m); p.on("opentag", m); p.on("closetag", m);
  for (const e of extras) p.on(e, m);
  p.write(text).close();
}));
console.log(extras.length, extras.join(","), r.slice(2).map((x) => x.toFixed(0)).join(" "));
