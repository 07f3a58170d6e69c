import { describe, expect, test } from "vitest";
import { apiErrorFrom, parseErrorBody } from "./_api_error.ts";
import { isTemplateConflictError, isTemplatesApiError, TemplateConflictError, TemplatesApiError } from "./errors.ts";

const URL_ = "http://127.0.0.1:9/openehr/v1/definition/template/adl1.4";

describe("parseErrorBody", () => {
  test("reads the openEHR REST shape {message, validationErrors}", () => {
    const parsed = parseErrorBody(
      JSON.stringify({ message: "Template invalid", validationErrors: ["/definition: missing archetype_id", ""] }),
      "application/json",
    );
    expect(parsed).toMatchObject({ message: "Template invalid", code: undefined, details: ["/definition: missing archetype_id"] });
  });

  test("reads the {message, code, errors} shape, errors as strings or objects with a path", () => {
    const parsed = parseErrorBody(
      JSON.stringify({
        message: "Unprocessable",
        code: "TEMPLATE_INVALID",
        errors: [{ message: "bad node", path: "/content[1]" }, "second", { other: 1 }],
      }),
      "application/json",
    );
    expect(parsed).toMatchObject({
      message: "Unprocessable",
      code: "TEMPLATE_INVALID",
      details: ["/content[1]: bad node", "second", '{"other":1}'],
    });
  });

  test("reads EHRbase's {error, message}: message is the message, error the code", () => {
    const parsed = parseErrorBody(JSON.stringify({ error: "Conflict", message: "Operational template with this template ID already exists" }), null);
    expect(parsed).toMatchObject({ message: "Operational template with this template ID already exists", code: "Conflict", details: [] });
  });

  test("an {error} alone is the message", () => {
    expect(parseErrorBody('{"error":"Not Found"}', "application/json")).toMatchObject({ message: "Not Found", code: undefined });
  });

  test("plain text becomes the message on one line; HTML pages and empty bodies give none", () => {
    expect(parseErrorBody("  upstream\n timeout ", "text/plain").message).toBe("upstream timeout");
    expect(parseErrorBody("<!DOCTYPE html><html><body>502</body></html>", "text/html").message).toBeUndefined();
    expect(parseErrorBody("", null)).toEqual({ details: [] });
  });

  test("a long text body is shortened", () => {
    const parsed = parseErrorBody("x".repeat(2000), "text/plain");
    expect(parsed.message?.length).toBeLessThan(510);
  });
});

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
