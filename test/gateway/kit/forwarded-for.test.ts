import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { forwardedFor } from "../../../gateway/kit/forwarded-for.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";

/** Answers with the REMOTE_ADDR it was given ("-" for none). */
const whoAsked: App = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode(environ.REMOTE_ADDR ?? "-")];
};

const client = new TestClient(
  forwardedFor(["127.0.0.1", " ::1 ", "10.0.0.0/8", "fe80::/10"])(whoAsked),
);

/** The address the app sees for a request from `peer` that carries `header` as X-Forwarded-For. */
async function seen(peer: string | undefined, header?: string): Promise<string> {
  const headers: Record<string, string> = header === undefined ? {} : { "X-Forwarded-For": header };
  return (await client.get("/", { headers, environ: { REMOTE_ADDR: peer } })).text;
}

describe("forwardedFor", () => {
  it("gives the app the client's address that a trusted proxy reports", async () => {
    expect(await seen("127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    expect(await seen("::1", "2001:db8::7")).toBe("2001:db8::7");
    expect(await seen("::ffff:127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    // A trusted network: IPv4, written as IPv6 too, and IPv6 with a zone.
    expect(await seen("::ffff:10.1.2.3", "203.0.113.7")).toBe("203.0.113.7");
    expect(await seen("fe80::1%eth0", "203.0.113.7")).toBe("203.0.113.7");
  });

  it("takes the right-most address that is not a trusted proxy, so a client cannot forge its own", async () => {
    // The client sent "6.6.6.6"; nginx added the address it really came from.
    expect(await seen("127.0.0.1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    // Two proxies of ours, one after the other: the one on 10.0.0.2 is trusted too.
    expect(await seen("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
    // What the client wrote is never read: the client's own entry ends the search.
    expect(await seen("127.0.0.1", "garbage, \t203.0.113.7\t")).toBe("203.0.113.7");
  });

  it("reads a header sent twice as one list, as the server joins it", async () => {
    const response = await client.get("/", {
      headers: [
        ["X-Forwarded-For", "6.6.6.6"],
        ["X-Forwarded-For", "203.0.113.7"],
      ],
      environ: { REMOTE_ADDR: "127.0.0.1" },
    });
    expect(response.text).toBe("203.0.113.7");
  });

  it("takes the left-most address when every one is a trusted proxy", async () => {
    expect(await seen("127.0.0.1", "10.0.0.9, 10.0.0.2")).toBe("10.0.0.9");
  });

  it("believes no header from a client that is not a trusted proxy", async () => {
    expect(await seen("203.0.113.7", "127.0.0.1")).toBe("203.0.113.7");
    expect(await seen("11.0.0.1", "6.6.6.6")).toBe("11.0.0.1");
    expect(await seen(undefined, "6.6.6.6")).toBe("-");
    expect(await seen("", "6.6.6.6")).toBe("");
  });

  it("keeps the proxy's own address when the list names no client", async () => {
    for (const header of [
      undefined,
      "",
      " , ",
      "unknown",
      "203.0.113.7:4711",
      "6.6.6.6, garbage",
    ]) {
      expect(await seen("127.0.0.1", header), String(header)).toBe("127.0.0.1");
    }
  });

  it("refuses a trusted entry that is not an address or a network, or that is every address", () => {
    const entries = ["localhost", "10.0.0.0/", "10.0.0.0/33", "::1/129", "10.0.0.0/8/1", ""];
    for (const entry of [...entries, "0.0.0.0/0", "::/0"]) {
      expect(() => forwardedFor([entry]), entry).toThrow(
        `forwardedFor: ${JSON.stringify(entry)} is not an address or a network of proxies: write one like "127.0.0.1", "::1" or "10.0.0.0/8"`,
      );
    }
  });
});
