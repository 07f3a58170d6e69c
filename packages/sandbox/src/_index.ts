// Internal: the AQL index built when a canonical composition is committed.
// `arch` holds every archetype root (the COMPOSITION, its entries, sections,
// clusters) with its parent root and its path from that parent; `node` holds
// every other object and value with its path from its own archetype root, in
// both forms an AQL path can take: with node-id predicates (`rel`,
// `/data[at0001]/events[at0002]`) and without (`bare`, `/data/events`).
import type { ClinicalDb } from "./_db.ts";

/** An openEHR archetype id, e.g. `openEHR-EHR-OBSERVATION.blood_pressure.v1`. */
export const ARCHETYPE_ID: RegExp = /^[A-Za-z][\w]*-[A-Za-z][\w]*-[A-Za-z_]+\.[\w-]+(\.[\w-]+)*\.v\d+(\.\d+)*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function jsonPathKey(key: string): string {
  return /^[A-Za-z_][\w]*$/.test(key) ? `.${key}` : `."${key.replaceAll('"', '\\"')}"`;
}

function nodeId(value: Json): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const id = value.archetype_node_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function rmType(value: { [key: string]: Json }, archetypeId: string): string {
  if (typeof value._type === "string") return value._type;
  // openEHR-EHR-OBSERVATION.x.v1 → OBSERVATION
  return archetypeId.split("-")[2]?.split(".")[0] ?? "";
}

/**
 * Indexes one composition version (`vid`) for AQL. `body` is the canonical
 * JSON as stored. Runs inside the caller's write transaction.
 */
export function indexComposition(db: ClinicalDb, vid: number, ehrId: string, body: { [key: string]: Json }): void {
  let nextArch = Number(db.one("SELECT coalesce(max(id), 0) AS id FROM arch")?.id ?? 0);
  const archInsert = db.prepare(
    "INSERT INTO arch (id, vid, ehr_id, parent, rm_type, archetype_id, rel, bare, jp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const nodeInsert = db.prepare("INSERT INTO node (owner, rel, bare, jp, val) VALUES (?, ?, ?, ?, ?)");
  try {
    const rootId = nodeId(body) ?? "";
    const root = ++nextArch;
    archInsert.run([root, vid, ehrId, null, rmType(body, rootId), rootId, "", "", "$"]);

    const walk = (value: Json, owner: number, rel: string, bare: string, jp: string): void => {
      if (typeof value !== "object" || value === null) {
        nodeInsert.run([owner, rel, bare, jp, typeof value === "boolean" ? Number(value) : value]);
        return;
      }
      if (Array.isArray(value)) return; // arrays are walked by their parent, element by element
      if (rel !== "") nodeInsert.run([owner, rel, bare, jp, null]);
      for (const [key, child] of Object.entries(value)) {
        if (key === "_type") continue;
        const elements = Array.isArray(child)
          ? child.map((element, i) => [element, `${jp}${jsonPathKey(key)}[${i}]`] as const)
          : [[child, `${jp}${jsonPathKey(key)}`] as const];
        for (const [element, elementPath] of elements) {
          const id = nodeId(element);
          const segmentRel = `${rel}/${key}${id === undefined ? "" : `[${id}]`}`;
          const segmentBare = `${bare}/${key}`;
          if (id !== undefined && ARCHETYPE_ID.test(id) && typeof element === "object" && element !== null && !Array.isArray(element)) {
            const arch = ++nextArch;
            archInsert.run([arch, vid, ehrId, owner, rmType(element, id), id, segmentRel, segmentBare, elementPath]);
            walk(element, arch, "", "", elementPath);
          } else {
            walk(element, owner, segmentRel, segmentBare, elementPath);
          }
        }
      }
    };
    walk(body, root, "", "", "$");
  } finally {
    archInsert.free();
    nodeInsert.free();
  }
}

/** Indexes a FLAT or STRUCTURED composition: only its root, under the template's root archetype. */
export function indexRootOnly(db: ClinicalDb, vid: number, ehrId: string, archetypeId: string): void {
  db.run(
    "INSERT INTO arch (vid, ehr_id, parent, rm_type, archetype_id, rel, bare, jp) VALUES (?, ?, NULL, 'COMPOSITION', ?, '', '', NULL)",
    [vid, ehrId, archetypeId],
  );
}

/** Drops a version's index rows (its composition was updated or deleted). */
export function dropIndex(db: ClinicalDb, vid: number): void {
  db.run("DELETE FROM node WHERE owner IN (SELECT id FROM arch WHERE vid = ?)", [vid]);
  db.run("DELETE FROM arch WHERE vid = ?", [vid]);
}
