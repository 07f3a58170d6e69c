// parseErrorBody(): the three openEHR error body shapes, plain text and HTML.
import { describe, expect, test } from "vitest";
import { parseErrorBody } from "./error_body.ts";

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
    const parsed = parseErrorBody(
      JSON.stringify({ error: "Conflict", message: "Operational template with this template ID already exists" }),
      null,
    );
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
