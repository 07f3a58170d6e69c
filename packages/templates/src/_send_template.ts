// Internal: the POST of checked OPT bytes, shared by upload and ensure.
import type { RestClient } from "@cadasto/rest";
import { TEMPLATES_PATH } from "./_templates_api.ts";
import { versionFromEtag, versionFromLocation } from "./_version_headers.ts";
import { refuse } from "./_refuse.ts";
import type { UploadOptions, UploadProgressEvent, UploadResult } from "./templates_client_options.ts";

/** Refuses bad upload options before any request, naming the field. */
export function checkUploadOptions<T extends UploadOptions>(options: T): T {
  if (typeof options !== "object" || options === null) {
    refuse("options", "options must be an object.");
  }
  const { prefer, onProgress, signal } = options;
  if (prefer !== undefined && prefer !== "return=minimal" && prefer !== "return=representation") {
    refuse("prefer", `prefer "${String(prefer)}" is unknown: use "return=minimal" or "return=representation".`);
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    refuse("onProgress", "onProgress must be a function.");
  }
  if (signal !== undefined && !(typeof signal === "object" && signal !== null && "aborted" in signal)) {
    refuse("signal", "signal must be an AbortSignal.");
  }
  return options;
}

type UploadBody = typeof import("./_upload_body.ts");

/**
 * The streamed body's code, loaded on the first upload with `onProgress` (a
 * bundle whose uploads never report progress never loads it); a failed load
 * is not kept, and that upload goes in one piece as in a browser.
 */
let uploadBody: Promise<UploadBody | undefined> | undefined;

function loadUploadBody(): Promise<UploadBody | undefined> {
  uploadBody ??= import("./_upload_body.ts").catch(() => {
    uploadBody = undefined;
    return undefined;
  });
  return uploadBody;
}

/** POSTs checked bytes of the template `templateId` and reads the version from the answer's headers. */
export async function sendTemplate(api: RestClient, bytes: Uint8Array, templateId: string, options: UploadOptions): Promise<UploadResult> {
  const { prefer = "return=minimal", onProgress, signal } = options;
  const total = bytes.byteLength;
  // A callback that throws is the caller's error, not a network failure: the
  // stream it breaks makes fetch fail, and that failure is replaced by it.
  let thrown: { error: unknown } | undefined;
  const report = (event: UploadProgressEvent): void => {
    if (thrown !== undefined || onProgress === undefined) return;
    try {
      onProgress(event);
    } catch (error) {
      thrown = { error };
      throw error;
    }
  };
  // Browsers stream request bodies only over HTTP/2 (Chromium) and fail the
  // request otherwise: a page sends the body in one piece and never loads the
  // streaming code (so a slow chunk cannot hold up its upload either).
  const inPage = typeof (globalThis as { document?: unknown }).document !== "undefined";
  const streaming = onProgress === undefined || inPage ? undefined : await loadUploadBody();
  const stream = streaming?.supportsStreamingUpload() ? streaming.progressStream : undefined;
  const streamed = stream !== undefined;
  if (onProgress !== undefined && !streamed) onProgress({ loaded: 0, total });
  let response: Response;
  try {
    response = await api.request("POST", TEMPLATES_PATH, {
      headers: { "content-type": "application/xml", accept: "application/xml, application/json;q=0.9, */*;q=0.5", prefer },
      // A function, so the replay after a 401 sends a fresh stream (progress starts again at 0).
      body: stream ? () => stream(bytes, report) : (bytes as Uint8Array<ArrayBuffer>),
      signal,
    });
  } catch (error) {
    if (thrown !== undefined) throw thrown.error;
    throw error;
  }
  if (onProgress !== undefined && !streamed) onProgress({ loaded: total, total });
  await response.body?.cancel();
  const fromLocation = versionFromLocation(response.headers.get("location"), api.url(TEMPLATES_PATH), templateId);
  const fromEtag = versionFromEtag(response.headers.get("etag"), templateId);
  // A header naming the version (with a uid) wins; then one naming the template; then the OPT.
  const named = [fromLocation, fromEtag].find((header) => header?.uid !== undefined) ?? fromLocation ?? fromEtag;
  const uid = named?.uid;
  const source = named === undefined ? "opt" : named === fromLocation ? "location" : "etag";
  // The uid was read as a UUID from a version id of this template. An OPT's own template_id may end with
  // ::{uuid}; without a uid from the server it is the version id as it is.
  const versionId = uid === undefined ? templateId : `${templateId}::${uid}`;
  return { templateId, versionId, uid, location: fromLocation?.location, source };
}
