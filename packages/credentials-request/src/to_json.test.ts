import { describe, expect, test } from "vitest";
import { parseCredentialsRequest, toJSON } from "./mod.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

describe("toJSON()", () => {
  test("writes every field with the input names, normalised", () => {
    const { request } = parseCredentialsRequest({
      ...machineToMachine,
      environments: "staging",
      contact: { name: "Jane", email: "jane@acme.example" },
    });
    expect(toJSON(request)).toEqual({
      applicationName: "Acme Lab Sync",
      environments: ["acceptation"],
      flow: "client-credentials",
      redirectUris: [],
      allowedOrigins: [],
      scopes: ["api.read", "api.write"],
      contact: { name: "Jane", email: "jane@acme.example" },
      description: machineToMachine.description,
    });
  });

  test("returns fresh arrays: changing them leaves the request alone", () => {
    const { request } = parseCredentialsRequest(browserApp);
    const json = toJSON(request);
    json.scopes.push("api.write");
    json.redirectUris.length = 0;
    expect(request.scopes).toEqual(["api.read"]);
    expect(request.redirectUris).toHaveLength(2);
  });
});
