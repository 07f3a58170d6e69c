// Internal: the `cadasto-keygen` command (node only): a key pair for private_key_jwt,
// the private key written to a file only its owner can read, the public JWKS printed.
import { writeFile } from "node:fs/promises";
import { type CliCommand, CommandError, parseCommandLine, UsageError } from "@cadasto/core/cli";
import { generateSigningKey } from "../generate_signing_key.ts";
import { SIGNING_ALGORITHMS } from "../_key_input.ts";
import type { SigningAlgorithm } from "../signing_key.ts";

const USAGE = `Usage: cadasto-keygen --out <private-key.pem> [--algorithm ES384] [--key-id <kid>] [--jwk]

Generates a key pair for private_key_jwt (SMART Backend Services). Writes the
private key as PKCS#8 PEM to --out (mode 0600; an existing file is never
overwritten) and prints the public JWKS to register with Cadasto on stdout
(pass it to \`cadasto-credentials-request --jwks <file>\`).

Options:
  --out <path>          where to write the private key (required)
  --algorithm <alg>     ${SIGNING_ALGORITHMS.join(", ")} (default ES384; SMART servers accept ES384 and RS384)
  --key-id <kid>        the key id (default: the key's RFC 7638 thumbprint)
  --jwk                 print the public JWK alone instead of a JWKS
  -h, --help            this help

Then configure the client with CADASTO_PRIVATE_KEY_FILE=<path> and CADASTO_KEY_ID=<kid>.

Exit codes: 0 ok, 1 the key file could not be written (e.g. it exists already), 2 usage error, 130 cancelled.
Docs: https://cadasto.github.io/openehr-sdk-ts/reference/commands#cadasto-keygen
`;

/** The `cadasto-keygen` command. */
export const keygenCommand: CliCommand = {
  name: "cadasto-keygen",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandLine(argv, {
      out: { type: "string" },
      algorithm: { type: "string" },
      "key-id": { type: "string" },
      jwk: { type: "boolean" },
    });
    const out = values.out;
    if (typeof out !== "string" || out === "")
      throw new UsageError("--out <path> is required: the private key is written there, never printed");
    const algorithm = (values.algorithm ?? "ES384") as string;
    if (!(SIGNING_ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new UsageError(`--algorithm must be one of ${SIGNING_ALGORITHMS.join(", ")}, not "${algorithm}"`);
    }
    const keyId = values["key-id"];
    if (keyId !== undefined && (typeof keyId !== "string" || keyId.trim() === "")) throw new UsageError("--key-id must not be empty");
    const key = await generateSigningKey({ algorithm: algorithm as SigningAlgorithm, keyId: keyId as string | undefined });
    try {
      await writeFile(out, key.privateKeyPem, { mode: 0o600, flag: "wx" });
    } catch (error) {
      const why =
        (error as { code?: string }).code === "EEXIST"
          ? "it exists already (never overwritten): choose another path"
          : (error as Error).message;
      throw new CommandError(`cadasto-keygen: cannot write ${out}: ${why}`, { cause: error });
    }
    io.stdout.write(`${JSON.stringify(values.jwk ? key.publicJwk : key.jwks, null, 2)}\n`);
    io.stderr.write(`Wrote the ${algorithm} private key to ${out} (key id ${key.keyId}); register the public key printed above.\n`);
    return 0;
  },
};
