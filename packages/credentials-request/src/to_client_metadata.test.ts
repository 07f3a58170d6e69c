import { describe, expect, test } from "vitest";
import { parseCredentialsRequest, toClientMetadata } from "./mod.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

const metadataOf = (input: unknown) => toClientMetadata(parseCredentialsRequest(input).request);

describe("toClientMetadata()", () => {
  test("describes a machine-to-machine client with RFC 7591 names", () => {
    expect(metadataOf(machineToMachine)).toEqual({
      client_name: "Acme Lab Sync",
      redirect_uris: [],
      grant_types: ["client_credentials"],
      response_types: [],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "api.read api.write",
      contacts: ["jane.doe@acme.example"],
    });
  });

  test("describes a browser app as a public client using the authorization code", () => {
    expect(metadataOf(browserApp)).toEqual({
      client_name: "Acme Template Browser",
      redirect_uris: ["https://templates.acme.example/auth/callback", "http://127.0.0.1:5173/auth/callback"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      scope: "api.read",
      contacts: ["ravi.kumar@acme.example"],
    });
  });

  test("a native app with only loopback redirect URIs is a public client", () => {
    const native = { ...browserApp, allowedOrigins: [], redirectUris: ["http://127.0.0.1:8765/cb", "http://[::1]:8765/cb"] };
    expect(metadataOf(native).token_endpoint_auth_method).toBe("none");
  });

  test("a server-side web app (https redirect, no origins) keeps a secret", () => {
    const server = { ...browserApp, allowedOrigins: [], redirectUris: ["https://portal.acme.example/cb"] };
    expect(metadataOf(server).token_endpoint_auth_method).toBe("client_secret_basic");
  });
});
