// Internal: base64 and base64url text to bytes (PEM bodies, JWT payloads).

/** The bytes of base64 or base64url text; throws on text that is neither. */
export function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}
