import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import type { App, Headers } from "../../../gateway/types.ts";
import { ValidationError } from "../../../gateway/validator/index.ts";
import { brokenRule, serve, TEXT } from "./harness.ts";

/** An app that starts its response with this status and these headers, then says "Hello". */
function starting(status: unknown, headers: unknown): App {
  return (_environ, startResponse) => {
    startResponse(status as string, headers as Headers);
    return [encode("Hello")];
  };
}

/** The rule a response with this status and these headers breaks. */
function ruleFor(status: unknown, headers: unknown = [TEXT]): Promise<string> {
  return brokenRule(() => serve(starting(status, headers)));
}

describe("the validator checks how the app calls startResponse", () => {
  it.each([[["200 OK"]], [["200 OK", [TEXT], undefined, "extra"]]])(
    "refuses startResponse called with %j",
    async (args) => {
      const app: App = (_environ, startResponse) => {
        (startResponse as (...args: unknown[]) => unknown)(...args);
        return [];
      };
      expect(await brokenRule(() => serve(app))).toBe("start-response-arguments");
    },
  );

  it("refuses a second call without excInfo", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      startResponse("404 Not Found", [TEXT]);
      return [];
    };
    expect(await brokenRule(() => serve(app))).toBe("start-response-twice");
  });

  it("takes an excInfo of null, Python's None, as not given, as the server does", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      startResponse("404 Not Found", [TEXT], null);
      return [];
    };
    expect(await brokenRule(() => serve(app))).toBe("start-response-twice");
  });
});

describe("the validator checks the status", () => {
  it.each([200, "200", "200OK", "OK 200", "20 OK", "2000 OK", " 200 OK"])(
    "refuses the status %j",
    async (status) => {
      expect(await ruleFor(status)).toBe("status-format");
    },
  );

  it.each(["200 OK\r\n", "200 OK\nX-Injected: 1", "200 O\tK"])(
    "refuses the status %j",
    async (status) => {
      expect(await ruleFor(status)).toBe("status-control-characters");
    },
  );

  it("refuses a status that is not latin-1 text, and accepts one that is", async () => {
    expect(await ruleFor("200 Ça va ✓")).toBe("latin-1");
    expect(await ruleFor("200 Ça va 😀")).toBe("latin-1");
    expect(await ruleFor("200 Ça va")).toBe("none");
  });

  it.each(["099 Too Low", "100 Continue", "101 Switching Protocols", "103 Early Hints"])(
    "refuses the status %j: an app gives a final answer, 200 or more",
    async (status) => {
      expect(await ruleFor(status)).toBe("status-code");
    },
  );
});

describe("the validator checks the headers", () => {
  it("refuses headers given as an object", async () => {
    expect(await ruleFor("200 OK", { "Content-Type": "text/plain" })).toBe("headers-array");
  });

  it.each([
    [["Content-Type"]],
    [["Content-Type", "text/plain", "extra"]],
    [["Content-Length", 5]],
    "Content-Type: text/plain",
  ])("refuses the header %j", async (pair) => {
    expect(await ruleFor("200 OK", [TEXT, pair])).toBe("header-pair");
  });

  it.each(["Status", "status"])("refuses a %s header", async (name) => {
    expect(await ruleFor("200 OK", [TEXT, [name, "404 Not Found"]])).toBe("header-status");
  });

  it.each(["X Bad", "X-Bad-", "X-Bad_", "1X", "X:Y", "X-Bad\r\n", "", "Ünicode"])(
    "refuses the header name %j",
    async (name) => {
      expect(await ruleFor("200 OK", [TEXT, [name, "1"]])).toBe("header-name");
    },
  );

  it("accepts header names with digits, dashes and underscores inside", async () => {
    expect(await ruleFor("200 OK", [TEXT, ["X-Request_Id-2", "1"]])).toBe("none");
  });

  it.each(["a\r\nSet-Cookie: admin=1", "a\nb", "a\0b", "a\x7fb"])(
    "refuses the header value %j",
    async (value) => {
      expect(await ruleFor("200 OK", [TEXT, ["X-Note", value]])).toBe("header-value");
    },
  );

  it("refuses a header value that is not latin-1 text, and accepts one that is", async () => {
    const disposition = (name: string) => ["Content-Disposition", `attachment; filename="${name}"`];
    expect(await ruleFor("200 OK", [TEXT, disposition("résumé ✓.pdf")])).toBe("latin-1");
    expect(await ruleFor("200 OK", [TEXT, disposition("résumé.pdf")])).toBe("none");
  });

  it.each([
    "Connection",
    "keep-alive",
    "Proxy-Authenticate",
    "Proxy-Authorization",
    "TE",
    "Trailers",
    "Transfer-Encoding",
    "Upgrade",
  ])("refuses the hop-by-hop header %s", async (name) => {
    expect(await ruleFor("200 OK", [TEXT, [name, "close"]])).toBe("hop-by-hop");
  });

  it("refuses a response without a Content-Type", async () => {
    expect(await ruleFor("200 OK", [["Content-Length", "5"]])).toBe("content-type-missing");
  });

  it("finds Content-Type in any case", async () => {
    expect(await ruleFor("200 OK", [["content-type", "text/plain"]])).toBe("none");
  });

  it.each(["204 No Content", "304 Not Modified"])(
    "refuses a Content-Type in a %s response",
    async (status) => {
      const app: App = (_environ, startResponse) => {
        startResponse(status, [TEXT]);
        return [];
      };
      expect(await brokenRule(() => serve(app))).toBe("content-type-forbidden");
    },
  );

  it("refuses a Content-Length in a 204 response, and allows one in a 304", async () => {
    const answering =
      (status: string): App =>
      (_environ, startResponse) => {
        startResponse(status, [["Content-Length", "5"]]);
        return [];
      };
    expect(await brokenRule(() => serve(answering("204 No Content")))).toBe(
      "content-length-forbidden",
    );
    expect(await brokenRule(() => serve(answering("304 Not Modified")))).toBe("none");
  });

  it.each(["ten", "-1", "5 ", "0x10", ""])("refuses a Content-Length of %j", async (value) => {
    expect(await ruleFor("200 OK", [TEXT, ["Content-Length", value]])).toBe(
      "content-length-header",
    );
  });
});

describe("the validator explains what went wrong", () => {
  it("names the rule, the PEP 3333 section, what it saw, a hint and the lesson section to read", async () => {
    const error = await serve(starting("200 OK", [TEXT, ["X Bad", "1"]])).catch((caught) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'Validation failed: header names must be tokens (PEP 3333, "The start_response() Callable"). ' +
        'Got "X Bad". Hint: use letters, digits and "-", starting with a letter and not ending in "-" or "_", ' +
        'like "X-Request-Id". Read: lessons/03-gateway-app/README.md, "The status and the headers".',
    );
  });

  it("shows control characters in what it saw, so a learner can spot them", async () => {
    const error = await serve(starting("200 OK", [TEXT, ["X-Note", "a\r\nb"]])).catch(
      (caught) => caught,
    );
    expect(error.message).toContain('Got X-Note: "a\\r\\nb".');
  });

  it("throws while the app is running, so the stack trace points at the app's own line", async () => {
    const app: App = function brokenApp(_environ, startResponse) {
      startResponse("200 OK", [["X Bad", "1"]]);
      return [];
    };
    const error = await serve(app).catch((caught) => caught);
    expect(error.stack).toContain("brokenApp");
  });
});
