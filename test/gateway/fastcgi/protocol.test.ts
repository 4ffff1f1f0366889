import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import {
  decodeEndRequest,
  encodeBeginRequest,
  ProtocolStatus,
  Role,
} from "../../../gateway/fastcgi/messages.ts";
import { decodePairs, encodePairs } from "../../../gateway/fastcgi/name-value.ts";
import { type FastCGIRecord, RecordType } from "../../../gateway/fastcgi/records.ts";
import type { App } from "../../../gateway/types.ts";
import { FastCGIClient, fastcgiRequest, params } from "../../support/fastcgi-client.ts";
import { signal } from "../../support/signal.ts";
import { closeFastCGIServers, startFastCGI } from "./servers.ts";

afterEach(closeFastCGIServers);

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode("hello")];
};

const ofType = (type: number) => (record: FastCGIRecord) => record.type === type;

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
    expect(decodeEndRequest(end.content).protocolStatus).toBe(ProtocolStatus.UNKNOWN_ROLE);
    expect(client.records.some(ofType(RecordType.STDOUT))).toBe(false);
    // Its other records are dropped, and the connection serves the next request.
    const answer = await client.request(params(), "", { requestId: 2 });
    expect(answer.body.toString()).toBe("hello");
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
});
