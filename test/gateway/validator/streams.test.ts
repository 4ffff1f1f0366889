import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import type { App } from "../../../gateway/types.ts";
import { validator } from "../../../gateway/validator/index.ts";
import { brokenRule, exchange, inputOf, serve, TEXT } from "./harness.ts";

/** An app that echoes the request body. */
const echo: App = async (environ, startResponse) => {
  const body = await collect(environ["gateway.input"]);
  startResponse("200 OK", [TEXT]);
  return [body];
};

describe("the validator watches gateway.input", () => {
  it("passes the request body on unchanged", async () => {
    const answer = await serve(echo, {
      REQUEST_METHOD: "POST",
      "gateway.input": inputOf("a=1", "&b=2"),
    });
    expect(answer.text).toBe("a=1&b=2");
  });

  it("refuses a second loop over gateway.input", async () => {
    const readTwice: App = async (environ, startResponse) => {
      await collect(environ["gateway.input"]);
      await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [];
    };
    expect(await brokenRule(() => serve(readTwice))).toBe("input-read-once");
  });

  it("refuses a server whose input yields text instead of bytes", async () => {
    const textInput = (async function* () {
      yield "a=1";
    })();
    expect(await brokenRule(() => serve(echo, { "gateway.input": textInput }))).toBe(
      "input-chunk-bytes",
    );
  });

  it("tells the server's input when the app stops reading early", async () => {
    let closed = false;
    const input = (async function* () {
      try {
        yield encode("first");
        yield encode("second");
      } finally {
        closed = true;
      }
    })();
    const firstChunkOnly: App = async (environ, startResponse) => {
      for await (const chunk of environ["gateway.input"]) {
        startResponse("200 OK", [TEXT]);
        return [chunk];
      }
      return [];
    };
    expect((await serve(firstChunkOnly, { "gateway.input": input })).text).toBe("first");
    expect(closed).toBe(true);
  });
});

describe("the validator watches gateway.errors", () => {
  it("passes text on to the server's error stream, and flush() too", async () => {
    let flushed = false;
    const logged: string[] = [];
    const errors = {
      write: (text: string) => void logged.push(text),
      flush: () => {
        flushed = true;
      },
    };
    const logs: App = (environ, startResponse) => {
      environ["gateway.errors"].write("a line for the log\n");
      environ["gateway.errors"].flush();
      startResponse("200 OK", [TEXT]);
      return [];
    };
    await serve(logs, { "gateway.errors": errors });
    expect([logged, flushed]).toEqual([["a line for the log\n"], true]);
  });

  it("refuses an Error object written to gateway.errors", async () => {
    const logsAnError: App = (environ) => {
      environ["gateway.errors"].write(new Error("oops") as never);
      return [];
    };
    expect(await brokenRule(() => serve(logsAnError))).toBe("errors-text");
  });
});

describe("the validator watches write()", () => {
  it("passes bytes on to the server's write()", async () => {
    const { environ, startResponse, sent } = exchange();
    const writes: App = async (_environ, start) => {
      await start("200 OK", [TEXT])(encode("written"));
      return [];
    };
    await validator(writes)(environ, startResponse);
    expect(decode(sent)).toBe("written");
  });

  it("refuses text given to write()", async () => {
    const writesText: App = async (_environ, startResponse) => {
      await startResponse("200 OK", [TEXT])("Hello" as never);
      return [];
    };
    expect(await brokenRule(() => serve(writesText))).toBe("write-bytes");
  });
});
