// oidc-provider prints notices with console.info/console.warn, prefixed
// "oidc-provider NOTICE:" / "oidc-provider WARNING:" (runtime version, parsed
// bodies). The sandbox drops exactly those lines, nothing else.

let installed = false;

// attention.js colours the line on a TTY: ESC [ 33;1m … ESC [ 0m
const ESC = String.fromCharCode(27);
function stripColour(line: string): string {
  return line.startsWith(ESC) ? line.slice(line.indexOf("m") + 1) : line;
}

function quiet(original: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === "string" && stripColour(first).startsWith("oidc-provider ")) return;
    original(...args);
  };
}

/** Installs the filter once per process. */
export function silenceOidcProvider(): void {
  if (installed) return;
  installed = true;
  console.warn = quiet(console.warn.bind(console));
  console.info = quiet(console.info.bind(console));
}
