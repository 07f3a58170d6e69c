// Internal: UTF-8 bytes to text, piece by piece, with the exact place of the
// first invalid byte whatever the chunks were. TextDecoder alone decides what
// is valid; its fatal mode only says that a piece failed, not where, so the
// place is found in its replacing mode: the first U+FFFD that the bytes do not
// spell (EF BF BD) is where the first invalid sequence starts.

/** The next piece of text; `invalid` when the bytes after it are not UTF-8 (`atStart`: at the document's first byte). */
export interface Decoded {
  readonly text: string;
  readonly invalid: boolean;
  readonly atStart: boolean;
}

/**
 * Decodes a byte stream as UTF-8, dropping a leading byte order mark: the returned
 * function gives the text of `bytes` (and of the bytes carried from before), up to
 * the first invalid sequence; `last` ends the stream (nothing is carried over).
 */
export function utf8Pieces(): (bytes: Uint8Array, last: boolean) => Decoded {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let carry = new Uint8Array(0);
  let started = false;
  return (bytes, last) => {
    let data = bytes;
    if (carry.length > 0) {
      data = new Uint8Array(carry.length + bytes.length);
      data.set(carry);
      data.set(bytes, carry.length);
    }
    const complete = last ? data.length : completeLength(data);
    carry = data.slice(complete);
    const part = data.subarray(0, complete);
    let invalid = false;
    let text: string;
    try {
      text = decoder.decode(part);
    } catch {
      invalid = true;
      text = textBeforeInvalid(part);
    }
    const atStart = invalid && !started && text === "";
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return { text, invalid, atStart };
  };
}

/** How many bytes of `data` end on a sequence boundary (an unfinished last sequence is carried over). */
function completeLength(data: Uint8Array): number {
  let start = data.length - 1;
  while (start >= 0 && start > data.length - 4 && ((data[start] ?? 0) & 0xc0) === 0x80) start -= 1;
  if (start < 0) return 0;
  const lead = data[start] ?? 0;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return lead >= 0xc0 && lead <= 0xf4 && start + need > data.length ? start : data.length;
}

/** The text of `bytes` before their first invalid sequence (in linear time). */
function textBeforeInvalid(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  // `at` is the byte offset of text[from]: everything before the first replacement encodes back to the bytes read.
  let at = 0;
  let from = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) {
    at += encoder.encode(text.slice(from, i)).length;
    from = i;
    if (bytes[at] !== 0xef || bytes[at + 1] !== 0xbf || bytes[at + 2] !== 0xbd) return text.slice(0, i);
  }
  return text;
}
