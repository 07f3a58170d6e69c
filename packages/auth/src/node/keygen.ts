#!/usr/bin/env node
// cadasto-keygen: a key pair for private_key_jwt; see _keygen_command.ts.
import { runMain } from "@cadasto/core/cli";
import { keygenCommand } from "./_keygen_command.ts";

await runMain(keygenCommand);
