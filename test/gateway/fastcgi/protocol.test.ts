import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { ProtocolStatus, Role } from "../../../gateway/fastcgi/messages.ts";
import { decodePairs, encodePairs } from "../../../gateway/fastcgi/name-value.ts";
import {
  encodeRecord,
  type FastCGIRecord,
  MAX_CONTENT_LENGTH,
  RecordType,
} from "../../../gateway/fastcgi/records.ts";
import type { App } from "../../../gateway/types.ts";
import {
  decodeEndRequest,
  encodeBeginRequest,
  FastCGIClient,
  fastcgiRequest,
  params,
} from "../../support/fastcgi-client.ts";
import { signal } from "../../support/signal.ts";
import { RecordedErrors } from "../http-helpers.ts";
import { closeFastCGIServers, startFastCGI } from "./servers.ts";

afterEach(closeFastCGIServers);

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode("hello")];
};

const ofType = (type: number) => (record: FastCGIRecord) => record.type === type;

/** Sends a GET_VALUES query for `names`, and returns the answer's pairs as text. */
async function getValues(client: FastCGIClient, names: string[]): Promise<string[][]> {
  await client.send(RecordType.GET_VALUES, 0, encodePairs(names.map((name) => [name, ""])));
  const result = await client.waitFor(ofType(RecordType.GET_VALUES_RESULT));
  return decodePairs(result.content).map((pair) => pair.map((bytes) => bytes.toString()));
}

/** A log that fails the first time it is written to, as a full disk would. */
class FailingOnceLog extends RecordedErrors {
  #failed = false;
  override write(text: string): void {
    if (!this.#failed) {
      this.#failed = true;
      throw new Error("the log is full");
    }
    super.write(text);
  }
}

describe("management records (request id 0)", () => {
  it("answers FCGI_GET_VALUES: one request per connection, no multiplexing", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    const asked = ["FCGI_MAX_CONNS", "FCGI_MAX_REQS", "FCGI_MPXS_CONNS", "NOT_A_VARIABLE"];
    await client.send(RecordType.GET_VALUES, 0, encodePairs(asked.map((name) => [name, ""])));
    const result = await client.waitFor(ofType(RecordType.GET_VALUES_RESULT));
    expect(result.requestId).toBe(0);
    const values = new Map(
      decodePairs(result.content).map(([name, value]) => [name.toString(), value.toString()]),
    );
    expect(values.get("FCGI_MPXS_CONNS")).toBe("0");
    expect(values.get("FCGI_MAX_REQS")).toBe(values.get("FCGI_MAX_CONNS"));
    expect(Number(values.get("FCGI_MAX_CONNS"))).toBeGreaterThan(0);
    expect(values.has("NOT_A_VARIABLE")).toBe(false); // a name it does not know is left out
    client.close();
  });

  it("answers only the names it was asked about", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    expect(await getValues(client, ["FCGI_MPXS_CONNS"])).toEqual([["FCGI_MPXS_CONNS", "0"]]);
    client.close();
  });

  it("answers each name once, however often a query of 64,000 bytes asks for it", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    const names = Array<string>(4000).fill("FCGI_MAX_CONNS");
    const values = await getValues(client, names);
    expect(values.map(([name]) => name)).toEqual(["FCGI_MAX_CONNS"]);
    // The connection, and the server, serve on.
    expect((await client.request(params())).body.toString()).toBe("hello");
  });

  it("answers a management record of a type it does not know with FCGI_UNKNOWN_TYPE", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.send(42, 0, encode("whatever"));
    const answer = await client.waitFor(ofType(RecordType.UNKNOWN_TYPE));
    expect(answer.requestId).toBe(0);
    expect(answer.content[0]).toBe(42);
    // The connection is still good.
    expect((await client.request(params())).body.toString()).toBe("hello");
  });
});

describe("requests the server does not take", () => {
  it("ends a request of another role at once, with UNKNOWN_ROLE", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.begin({ role: Role.AUTHORIZER, keepConnection: true });
    await client.params(params());
    const end = await client.waitFor(ofType(RecordType.END_REQUEST));
    // App status 0 (4 bytes), protocol status 3 = UNKNOWN_ROLE, three reserved bytes.
    expect([...end.content]).toEqual([0, 0, 0, 0, 3, 0, 0, 0]);
    expect(decodeEndRequest(end.content).protocolStatus).toBe(ProtocolStatus.UNKNOWN_ROLE);
    expect(client.records.some(ofType(RecordType.STDOUT))).toBe(false);
    // Its other records are dropped, and the connection serves the next request.
    const answer = await client.request(params(), "", { requestId: 2 });
    expect(answer.body.toString()).toBe("hello");
  });

  it("closes the connection after refusing a role, without FCGI_KEEP_CONN", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.begin({ role: Role.FILTER, keepConnection: false });
    await client.waitFor(ofType(RecordType.END_REQUEST));
    await client.closed;
  });

  it("takes a BEGIN_REQUEST body of role 1 with flags 1 as a responder's that keeps the connection", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.send(RecordType.BEGIN_REQUEST, 1, Buffer.from([0, 1, 1, 0, 0, 0, 0, 0]));
    await client.params(params());
    await client.stdin("");
    expect((await client.answer()).body.toString()).toBe("hello");
    expect(client.socket.destroyed).toBe(false);
    client.close();
  });

  it("refuses a second request while one is under way on the connection, with CANT_MPX_CONN", async () => {
    const goOn = signal();
    const slow: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      await goOn.promise;
      yield encode("first");
    };
    const { port } = await startFastCGI(slow);
    const client = await FastCGIClient.connect(port);
    await client.begin({ requestId: 1, keepConnection: true });
    await client.params(params(), 1);
    await client.stdin("", 1);
    await client.begin({ requestId: 2, keepConnection: true });
    const refused = await client.waitFor(ofType(RecordType.END_REQUEST));
    expect(refused.requestId).toBe(2);
    expect(decodeEndRequest(refused.content).protocolStatus).toBe(ProtocolStatus.CANT_MPX_CONN);
    await client.params(params(), 2); // dropped: the request was refused
    goOn.resolve();
    const first = await client.answer(1);
    expect(first.body.toString()).toBe("first");
    client.close();
  });

  it("ends a request at once on ABORT_REQUEST before its parameters are in", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.begin({ keepConnection: true });
    await client.send(RecordType.ABORT_REQUEST, 1);
    const end = await client.waitFor(ofType(RecordType.END_REQUEST));
    expect(decodeEndRequest(end.content).protocolStatus).toBe(ProtocolStatus.REQUEST_COMPLETE);
    expect(client.records.some(ofType(RecordType.STDOUT))).toBe(false);
    client.close();
  });
});

describe("bytes that are not FastCGI", () => {
  it("close that connection with one line in the log, and the server goes on serving", async () => {
    const { port, errors } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.write(encode("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    await client.closed;
    expect(errors.text).toMatch(/^FastCGI: a record of version 71 is not FastCGI 1; closing .*\n$/);
    expect((await fastcgiRequest(port, params())).body.toString()).toBe("hello");
  });

  it("close the connection on a record for a request that never began", async () => {
    const { port, errors } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.params(params(), 7);
    await client.closed;
    expect(errors.text).toContain("a record of type 4 for request 7, which never began");
  });

  it("close the connection on parameters that are not name-value pairs", async () => {
    const { port, errors } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.begin();
    await client.send(RecordType.PARAMS, 1, Buffer.from([5, 200, 65])); // lengths past the end
    await client.send(RecordType.PARAMS, 1);
    await client.closed;
    expect(errors.text).toContain("the name-value pairs end in the middle of a pair");
    expect((await fastcgiRequest(port, params())).status).toBe(200);
  });

  it("close the connection on a BEGIN_REQUEST for a request already under way", async () => {
    const { port, errors } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.begin();
    await client.send(RecordType.BEGIN_REQUEST, 1, encodeBeginRequest(Role.RESPONDER, false));
    await client.closed;
    expect(errors.text).toContain("a second BEGIN_REQUEST for request 1");
  });

  it("close the connection on parameters of over 1 MiB", async () => {
    const { port, errors } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.begin();
    const record = encodeRecord(RecordType.PARAMS, 1, Buffer.alloc(MAX_CONTENT_LENGTH, 65));
    // The server may close before it has read them all: the write may then fail.
    await client.write(Buffer.concat(Array(17).fill(record))).catch(() => {});
    await client.closed;
    expect(errors.text).toContain("the parameters of request 1 are over 1 MiB");
  });

  it("close the connection on a STDIN record after the empty one that ended the body", async () => {
    const goOn = signal();
    const app: App = async (_environ, startResponse) => {
      await goOn.promise;
      startResponse("204 No Content", []);
      return [];
    };
    const { port, errors } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await client.begin({ keepConnection: true });
    await client.params(params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "3" }));
    await client.stdin("abc");
    await client.send(RecordType.STDIN, 1, encode("more"));
    await client.closed;
    goOn.resolve();
    expect(errors.text).toMatch(
      /^FastCGI: STDIN for request 1 after its empty STDIN record; closing .*\n$/,
    );
  });
});

describe("a fault in the server itself", () => {
  it("closes only that connection, with one line in the log, and the server goes on serving", async () => {
    const errors = new FailingOnceLog();
    const { port } = await startFastCGI(hello, { errors });
    const client = await FastCGIClient.connect(port);
    // A CONTENT_LENGTH that is not a number is refused, and the refusal is logged: the log fails.
    await client.request(params({ CONTENT_LENGTH: "lots" })).catch(() => {});
    await client.closed;
    expect(errors.text).toMatch(
      /^FastCGI: a fault in the server \(Error: the log is full\); closing .*\n$/,
    );
    expect((await fastcgiRequest(port, params())).body.toString()).toBe("hello");
  });
});
