// Internal: UTF-8 bytes to text, piece by piece, with the exact offset of the
// first invalid byte whatever the chunks were (TextDecoder's stream mode only
// says that a chunk failed, not where).

/** The next piece of text; `invalid` when the bytes after it are not UTF-8 (`atStart`: at the document's first byte). */
export interface Decoded {
  readonly text: string;
  readonly invalid: boolean;
  readonly atStart: boolean;
}

const EMPTY = new Uint8Array(0);

/** Decodes a byte stream as UTF-8, dropping a leading byte order mark. */
export class Utf8Pieces {
  readonly #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  #carry: Uint8Array = EMPTY;
  #started = false;
  #consumed = 0;

  /** The text of `bytes` (and of the bytes carried from before), up to the first invalid sequence. */
  push(bytes: Uint8Array, last: boolean): Decoded {
    const data = this.#carry.length === 0 ? bytes : concat(this.#carry, bytes);
    const complete = last ? data.length : completeLength(data);
    this.#carry = data.slice(complete);
    const part = data.subarray(0, complete);
    let bad = -1;
    let good = part;
    let text: string;
    try {
      text = this.#decoder.decode(part);
    } catch {
      bad = Math.max(0, firstInvalid(part));
      good = part.subarray(0, bad);
      text = this.#decoder.decode(good);
    }
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const atStart = bad === 0 && this.#consumed === 0;
    this.#consumed += good.length;
    return { text, invalid: bad >= 0, atStart };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
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

/** The offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
function firstInvalid(data: Uint8Array): number {
  const n = data.length;
  let i = 0;
  while (i < n) {
    const b = data[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = data[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
