import { describe, expect, it } from "vitest";
import { isLocalhostName, isLoopbackHost, isLoopbackIp, isSecureUrl } from "./secure_url.ts";

const hostname = (url: string) => new URL(url).hostname;

describe("the loopback rule", () => {
  it("accepts 127.0.0.0/8, [::1] and localhost (any case) as loopback hosts", () => {
    for (const url of ["http://127.0.0.1", "http://127.255.0.9:80", "http://[::1]:8080", "http://localhost", "http://LOCALHOST:1"]) {
      expect(isLoopbackHost(hostname(url)), url).toBe(true);
    }
  });

  it("refuses *.localhost: the OS resolver, not the URL, decides where it goes", () => {
    expect(isLoopbackHost(hostname("http://api.localhost:8080"))).toBe(false);
    expect(isSecureUrl(new URL("http://api.localhost:8080/openehr/v1"))).toBe(false);
    expect(isLocalhostName(hostname("http://api.localhost:8080"))).toBe(true);
  });

  it("refuses hosts that only look like loopback", () => {
    for (const url of [
      "http://127.0.0.1.example.com",
      "http://localhost.example.com",
      "http://example.com",
      "http://[::2]",
      "http://128.0.0.1",
      "http://0.0.0.0",
      "http://[::ffff:7f00:1]",
    ]) {
      expect(isLoopbackHost(hostname(url)), url).toBe(false);
    }
  });

  it("normalises what URL normalises: 0x7f.1 and 2130706433 are 127.0.0.1", () => {
    expect(isLoopbackIp(hostname("http://0x7f.1"))).toBe(true);
    expect(isLoopbackIp(hostname("http://2130706433"))).toBe(true);
  });

  it("isSecureUrl() accepts https anywhere and http only on loopback hosts", () => {
    expect(isSecureUrl(new URL("https://acme.auth.prod.cadasto.io/token"))).toBe(true);
    expect(isSecureUrl(new URL("http://127.0.0.1:4000/token"))).toBe(true);
    expect(isSecureUrl(new URL("http://acme.auth.prod.cadasto.io/token"))).toBe(false);
    expect(isSecureUrl(new URL("ftp://127.0.0.1/token"))).toBe(false);
  });
});
