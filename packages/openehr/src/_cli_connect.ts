// Internal: the `cadasto-openehr` command's client, from the connection flags
// over the CADASTO_* variables through @cadasto/auth/node's connectFromEnv()
// (connectWithFlags() of @cadasto/core/cli: the same for every command).
//
// @cadasto/auth and @cadasto/discovery are optional peers of this package:
// only the command signs in, so the library does not install them.
import { type ConnectionFlags, connectWithFlags } from "@cadasto/core/cli";
import { createOpenEhrClient, type OpenEhrClient } from "./open_ehr_client.ts";

/** The client for this run; `writes` asks for api.write by default. */
export function connect(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  writes: boolean,
): Promise<OpenEhrClient> {
  return connectWithFlags(flags, env, {
    where: { command: "cadasto-openehr", library: "@cadasto/openehr" },
    load: () => import("@cadasto/auth/node"),
    client: createOpenEhrClient,
    writes,
  });
}
