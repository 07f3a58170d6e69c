import { randomUUID } from "node:crypto";
import type { OptMetadata } from "@cadasto/opt";

/** One uploaded version of a template. */
export interface TemplateVersion {
  readonly templateId: string;
  readonly uid: string;
  readonly concept: string | undefined;
  readonly archetypeId: string | undefined;
  /** ISO 8601, UTC. */
  readonly createdTimestamp: string;
  /** 1 for the first upload of this template_id, then 2, 3, … */
  readonly version: number;
}

/** Where the templates live: every version of every template, in upload order. */
export interface TemplateStore {
  /** Stores a new version (a fresh uid) and returns it. */
  add(meta: OptMetadata, opt: Uint8Array): Promise<TemplateVersion>;
  /** Every version, oldest first. */
  list(): readonly TemplateVersion[];
  /** The newest version of a template, or one version by uid. */
  find(templateId: string, uid?: string): TemplateVersion | undefined;
  /** The OPT bytes as uploaded. */
  read(version: TemplateVersion): Promise<Uint8Array>;
}

/** Keeps everything in memory (the default). */
export class MemoryTemplateStore implements TemplateStore {
  protected readonly versions: TemplateVersion[] = [];
  readonly #files = new Map<string, Uint8Array>();

  add(meta: OptMetadata, opt: Uint8Array): Promise<TemplateVersion> {
    const version = this.next(meta);
    this.versions.push(version);
    this.#files.set(version.uid, opt);
    return Promise.resolve(version);
  }

  protected next(meta: OptMetadata): TemplateVersion {
    const previous = this.versions.filter((v) => v.templateId === meta.templateId).length;
    return {
      templateId: meta.templateId,
      uid: randomUUID(),
      concept: meta.concept,
      archetypeId: meta.archetypeId,
      createdTimestamp: new Date().toISOString(),
      version: previous + 1,
    };
  }

  list(): readonly TemplateVersion[] {
    return this.versions;
  }

  find(templateId: string, uid?: string): TemplateVersion | undefined {
    const matches = this.versions.filter((v) => v.templateId === templateId && (uid === undefined || v.uid === uid));
    return matches.at(-1);
  }

  read(version: TemplateVersion): Promise<Uint8Array> {
    const bytes = this.#files.get(version.uid);
    return bytes === undefined ? Promise.reject(new Error(`no OPT for ${version.uid}`)) : Promise.resolve(bytes);
  }
}
