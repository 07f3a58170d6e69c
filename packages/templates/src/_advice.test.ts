// The templates client's API errors: a code per status, advice that says what
// to do, 409 as TemplateConflictError. The answers come from a fetch stub
// returning the one response under test (retries off).
import { describe, expect, test } from "vitest";
import { createTemplatesClient } from "./templates_client.ts";
import {
  isTemplateConflictError,
  isTemplatesApiError,
  isTemplatesClientError,
  TemplateConflictError,
  TemplatesApiError,
} from "./client_errors.ts";

const BASE = "http://127.0.0.1:9/openehr/v1";
const URL_ = `${BASE}/definition/template/adl1.4`;

/** The error the client builds for `response` to a POST (upload) of a valid OPT. */
async function apiErrorFrom(response: Response, method: "POST" | "GET", _url: string): Promise<TemplatesApiError> {
  const client = createTemplatesClient({ baseUrl: BASE, retry: 0, fetch: async () => response });
  const opt =
    '<template xmlns="http://schemas.openehr.org/v1"><template_id><value>t</value></template_id><concept>c</concept><definition><archetype_id><value>openEHR-EHR-COMPOSITION.x.v1</value></archetype_id></definition></template>';
  const error = await (method === "POST" ? client.upload(opt) : client.list()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTemplatesApiError(error)) throw new Error(`expected a TemplatesApiError, got ${String(error)}`);
  return error;
}

describe("apiErrorFrom", () => {
  const respond = (status: number, body: unknown, statusText = "") =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      statusText,
      headers: { "content-type": typeof body === "string" ? "text/plain" : "application/json" },
    });

  const cases: Array<[number, string, RegExp]> = [
    [400, "bad_request", /fix the OPT/],
    [401, "unauthorized", /pass auth \(clientCredentials\(\) of @cadasto\/auth/],
    [403, "forbidden", /api\.write scope/],
    [404, "not_found", /check the id with list\(\)/],
    [406, "not_acceptable", /format "opt"/],
    [409, "conflict", /ensure\(\)/],
    [415, "unsupported_media_type", /application\/xml/],
    [422, "unprocessable_template", /fix the OPT/],
    [500, "server_error", /retry later/],
    [503, "server_error", /retry later/],
    [418, "unexpected_status", /unexpected status/],
  ];
  test.each(cases)("status %i gives code %s and says what to do", async (status, code, advice) => {
    const error = await apiErrorFrom(respond(status, { message: "server says no" }), "POST", URL_);
    expect(isTemplatesApiError(error)).toBe(true);
    expect(error).toBeInstanceOf(TemplatesApiError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.method).toBe("POST");
    expect(error.url).toBe(URL_);
    expect(error.serverMessage).toBe("server says no");
    expect(error.message).toContain(`POST ${URL_} answered ${status}`);
    expect(error.message).toContain("server says no");
    expect(error.message).toMatch(advice);
    expect(isTemplateConflictError(error)).toBe(status === 409);
  });

  test("a 409 is a TemplateConflictError and still a TemplatesApiError", async () => {
    const error = await apiErrorFrom(respond(409, { error: "Conflict", message: "exists" }, "Conflict"), "POST", URL_);
    expect(error).toBeInstanceOf(TemplateConflictError);
    expect(error).toBeInstanceOf(TemplatesApiError);
    expect(error.name).toBe("TemplateConflictError");
    expect(error.serverCode).toBe("Conflict");
    expect(error.message).toContain("409 Conflict: exists");
  });

  test("a TemplateConflictError cannot be built with another status than 409 (its code would contradict it)", () => {
    const init = { status: 400, method: "POST", url: URL_ };
    let error: unknown;
    try {
      new TemplateConflictError("x", init);
    } catch (caught) {
      error = caught;
    }
    expect(isTemplatesClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_option", field: "status" });
    expect((error as Error).message).toContain('"bad_request"');
    expect(new TemplateConflictError("x", { ...init, status: 409 }).code).toBe("conflict");
  });

  test("validation details are listed in the message, at most five", async () => {
    const details = Array.from({ length: 7 }, (_, i) => `problem ${i}`);
    const error = await apiErrorFrom(respond(422, { message: "invalid", validationErrors: details }), "POST", URL_);
    expect(error.details).toEqual(details);
    expect(error.message).toContain("problem 0; problem 1; problem 2; problem 3; problem 4; … 2 more");
  });

  test("the guards work on a copy from another realm (brand, not instanceof)", async () => {
    const error = await apiErrorFrom(respond(409, ""), "POST", URL_);
    const foreign = Object.create(Object.prototype, Object.getOwnPropertyDescriptors(error));
    for (const symbol of Object.getOwnPropertySymbols(error)) {
      Object.defineProperty(foreign, symbol, Object.getOwnPropertyDescriptor(error, symbol) as PropertyDescriptor);
    }
    expect(foreign instanceof TemplatesApiError).toBe(false);
    expect(isTemplatesApiError(foreign)).toBe(true);
    expect(isTemplateConflictError(foreign)).toBe(true);
    expect(isTemplatesApiError(new Error("x"))).toBe(false);
    expect(isTemplatesApiError({ code: "conflict", status: 409 })).toBe(false);
  });
});
