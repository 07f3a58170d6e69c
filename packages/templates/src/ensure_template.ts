import { SingleFlight } from "@cadasto/core";
import type { RestClient } from "@cadasto/rest";
import { sha256Hex, toBytes } from "./_bytes.ts";
import { checkUploadOptions, sendTemplate } from "./_send_template.ts";
import { getTemplateBytes } from "./get_template.ts";
import { type OptSource, readOptMetadata } from "./read_opt_metadata.ts";
import { versionsOf } from "./template_versions.ts";
import type { EnsureResult, UploadOptions, UploadProgressEvent } from "./templates_client_options.ts";

type Listener = (event: UploadProgressEvent) => void;

/** Per REST client: the check-and-uploads running by template id and hash, and the callers hearing each one's progress. */
interface Running {
  readonly flight: SingleFlight<EnsureResult, string>;
  readonly listeners: Map<string, Set<Listener>>;
}

const running = new WeakMap<RestClient, Running>();

/**
 * Uploads the OPT only when the latest version of its template id has
 * different bytes (SHA-256 compared), so a CI pipeline can run it on every
 * build without piling up identical versions. What
 * {@linkcode TemplatesClient.ensure} does.
 *
 * Concurrent calls of one client on the same template id and bytes share one
 * check-and-upload: ten at once make one upload and all report it. Each
 * call's own `signal` bounds its own wait; the shared upload stops only when
 * every waiting call has given up. Progress is reported to each waiting
 * call's `onProgress` when the call that started the upload asked for it.
 * Separate processes can still race (the openEHR API has no conditional
 * create): two CI jobs ensuring the same OPT at once may both upload. Let one
 * job upload templates (a dedicated step that the others depend on).
 *
 * @param api The REST client to send with.
 * @param opt The OPT, as for {@linkcode uploadTemplate}.
 * @param options `onProgress`, `signal`.
 * @returns Whether it uploaded, and the version id.
 * @throws {OptError} When the file is not a usable OPT (before any request).
 * @throws {TemplatesClientError} `invalid_option`.
 *
 * @example Ensure an OPT from a build step
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { createRestClient } from "@cadasto/rest";
 * import { ensureTemplate } from "@cadasto/templates";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const result = await ensureTemplate(api, await readFile("Demo_Vitals.opt"));
 * console.log(result.uploaded ? `uploaded ${result.versionId}` : "unchanged");
 * ```
 */
export async function ensureTemplate(api: RestClient, opt: OptSource, options: Omit<UploadOptions, "prefer"> = {}): Promise<EnsureResult> {
  const { signal, onProgress } = checkUploadOptions(options);
  const bytes = await toBytes(opt);
  const { templateId } = await readOptMetadata(bytes);
  const sha256 = await sha256Hex(bytes);
  const key = `${templateId}\n${sha256}`;
  const shared = running.get(api) ?? { flight: new SingleFlight(), listeners: new Map() };
  running.set(api, shared);
  const { flight, listeners } = shared;
  // An onProgress that throws makes this call leave the shared work (rejected with that error), as its own signal would.
  const leave = new AbortController();
  const own = signal === undefined ? leave.signal : AbortSignal.any([signal, leave.signal]);
  const result = flight.join(
    async (sharedSignal) => {
      const hearers = new Set<Listener>();
      listeners.set(key, hearers);
      // Progress is reported (and the body streamed) when the call that starts the upload asked for it.
      const report =
        onProgress &&
        ((event: UploadProgressEvent) => {
          for (const hear of [...hearers]) hear(event);
        });
      try {
        return await checkAndUpload(api, bytes, templateId, sha256, sharedSignal, report);
      } finally {
        if (listeners.get(key) === hearers) listeners.delete(key);
      }
    },
    own,
    key,
  );
  let thrown: { error: unknown } | undefined;
  const hear: Listener = (event) => {
    if (own.aborted || onProgress === undefined) return;
    try {
      onProgress(event);
    } catch (error) {
      thrown = { error };
      leave.abort(error);
    }
  };
  const hearers = listeners.get(key);
  hearers?.add(hear);
  try {
    return await result;
  } catch (error) {
    throw thrown === undefined ? error : thrown.error;
  } finally {
    hearers?.delete(hear);
  }
}

/** Uploads `bytes` unless the latest version of `templateId` has the same SHA-256. */
async function checkAndUpload(
  api: RestClient,
  bytes: Uint8Array,
  templateId: string,
  sha256: string,
  signal: AbortSignal,
  onProgress: Listener | undefined,
): Promise<EnsureResult> {
  // The OPT's own template_id may end with ::{uuid}: its versions are listed under exactly that id.
  const [latest] = await versionsOf(api, templateId, { signal });
  if (latest !== undefined && (await sha256Hex(await getTemplateBytes(api, latest.versionId, { signal }))) === sha256) {
    return { uploaded: false, templateId, versionId: latest.versionId, uid: latest.uid, location: undefined, sha256 };
  }
  const { versionId, uid, location } = await sendTemplate(api, bytes, templateId, { signal, onProgress });
  return { uploaded: true, templateId, versionId, uid, location, sha256 };
}
