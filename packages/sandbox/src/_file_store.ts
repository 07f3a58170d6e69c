import { isUuid } from "@cadasto/core";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { OptMetadata } from "@cadasto/opt";
import { MemoryTemplateStore, type TemplateStore, type TemplateVersion } from "./_store.ts";
import { SandboxError } from "./errors.ts";

const INDEX = "templates.json";

/** The temporary files writeAtomically() makes: `<file>.<12 hex digits>.tmp`. */
const TEMPORARY = /\.[0-9a-f]{12}\.tmp$/;

/** Writes a file so readers see the old or the new content, never half of it. */
export async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes the temporary files a killed sandbox left half-written in `dir` and `dir/opt` (only its own, by name). */
async function removeTemporaries(dir: string): Promise<void> {
  for (const folder of [dir, join(dir, "opt")]) {
    for (const name of await readdir(folder)) {
      if (TEMPORARY.test(name)) await rm(join(folder, name), { force: true });
    }
  }
}

function isVersion(value: unknown): value is TemplateVersion {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.templateId === "string" &&
    typeof v.uid === "string" &&
    isUuid(v.uid) &&
    v.uid === v.uid.toLowerCase() &&
    typeof v.createdTimestamp === "string" &&
    typeof v.version === "number"
  );
}

/**
 * Keeps templates in a directory: `templates.json` (the index of every
 * version, in upload order) and `opt/<uid>.opt` (each upload's bytes), both
 * written atomically. Uploads are applied one at a time, so concurrent
 * uploads of one template_id each get their own version.
 */
export class FileTemplateStore extends MemoryTemplateStore {
  readonly #dir: string;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, versions: TemplateVersion[]) {
    super();
    this.#dir = dir;
    this.versions.push(...versions);
  }

  /** Opens (creating it when missing) the data directory and reads its index. */
  static async open(dir: string): Promise<TemplateStore> {
    let versions: TemplateVersion[] = [];
    try {
      await mkdir(join(dir, "opt"), { recursive: true });
      await removeTemporaries(dir);
      const text = await readFile(join(dir, INDEX), "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (text !== undefined) {
        const index = JSON.parse(text) as { versions?: unknown };
        if (!Array.isArray(index.versions) || !index.versions.every(isVersion)) {
          throw new Error(`${INDEX} does not list template versions`);
        }
        versions = index.versions;
      }
    } catch (error) {
      throw new SandboxError(
        "invalid_option",
        `dataDir "${dir}" cannot be used: ${(error as Error).message} (point dataDir at an empty or sandbox-made directory)`,
        { cause: error },
      );
    }
    return new FileTemplateStore(dir, versions);
  }

  override add(meta: OptMetadata, opt: Uint8Array): Promise<TemplateVersion> {
    const run = this.#queue.then(async () => {
      const version = this.next(meta);
      await writeAtomically(this.#optPath(version), opt);
      const versions = [...this.versions, version];
      await writeAtomically(join(this.#dir, INDEX), `${JSON.stringify({ format: 1, versions }, null, 2)}\n`);
      this.versions.push(version);
      return version;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  override read(version: TemplateVersion): Promise<Uint8Array> {
    return readFile(this.#optPath(version));
  }

  #optPath(version: TemplateVersion): string {
    return join(this.#dir, "opt", `${version.uid}.opt`);
  }
}
