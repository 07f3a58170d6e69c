import { SaxesParser } from "saxes";

const OPENEHR_NS = "http://schemas.openehr.org/v1";

/** What the sandbox reads from an uploaded OPT. */
export interface OptMetadata {
  readonly templateId: string;
  readonly concept: string | undefined;
  readonly archetypeId: string | undefined;
}

/** Why an upload is not an OPT: `reason` for the message, `details` for `validationErrors`. */
export class OptError extends Error {
  readonly details: readonly string[];
  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.name = "OptError";
    this.details = details;
  }
}

/** Decodes bytes as XML text: UTF-16 by its BOM, else UTF-8 (BOM dropped; declarations are not trusted). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
}

// The texts we want, by element path from the root (local names in the openEHR namespace).
const WANTED: Record<string, keyof Found> = {
  "template/template_id/value": "templateId",
  "template/concept": "concept",
  "template/definition/archetype_id/value": "archetypeId",
};

interface Found {
  templateId?: string;
  concept?: string;
  archetypeId?: string;
}

/**
 * Checks that `xml` is well-formed and an openEHR operational template, and
 * reads its root `template_id` (never the definition's nested one), concept
 * and root archetype id.
 *
 * @throws {OptError} for malformed XML, a root other than openEHR `template`, or no template_id.
 */
export function readOpt(xml: string): OptMetadata {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  const found: Found = {};
  let capture: keyof Found | undefined;
  let text = "";
  let rootChecked = false;

  parser.on("error", (error) => {
    throw new OptError("the body is not well-formed XML", [error.message]);
  });
  parser.on("opentag", (tag) => {
    if (!rootChecked) {
      rootChecked = true;
      if (tag.local !== "template" || tag.uri !== OPENEHR_NS) {
        const ns = tag.uri === "" ? "no namespace" : `namespace ${tag.uri}`;
        throw new OptError(
          `not an operational template: the root element is <${tag.local}> in ${ns}, expected <template> in namespace ${OPENEHR_NS}`,
        );
      }
    }
    path.push(tag.uri === OPENEHR_NS ? tag.local : `{${tag.uri}}${tag.local}`);
    const key = WANTED[path.join("/")];
    if (key !== undefined && found[key] === undefined) {
      capture = key;
      text = "";
    }
  });
  parser.on("text", (chunk) => {
    if (capture !== undefined) text += chunk;
  });
  parser.on("cdata", (chunk) => {
    if (capture !== undefined) text += chunk;
  });
  parser.on("closetag", () => {
    if (capture !== undefined && WANTED[path.join("/")] === capture) {
      found[capture] = text.trim();
      capture = undefined;
    }
    path.pop();
  });

  parser.write(xml).close();
  if (!rootChecked) throw new OptError("the body holds no XML element");
  if (found.templateId === undefined || found.templateId === "") {
    throw new OptError("the operational template has no template_id/value directly under its root <template>");
  }
  return {
    templateId: found.templateId,
    concept: found.concept || undefined,
    archetypeId: found.archetypeId || undefined,
  };
}
