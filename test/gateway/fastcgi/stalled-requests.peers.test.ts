/**
 * A fault test of the FastCGI server: a thousand connections that each
 * begin a request and stall in its parameters, as many as the server takes
 * at once, must not keep it from serving once their idle timeout has passed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { MAX_CONNECTIONS } from "../../../gateway/fastcgi/connection.ts";
import { Role } from "../../../gateway/fastcgi/messages.ts";
import { encodePairs } from "../../../gateway/fastcgi/name-value.ts";
import { encodeRecord, RecordType } from "../../../gateway/fastcgi/records.ts";
import type { App } from "../../../gateway/types.ts";
import {
  encodeBeginRequest,
  FastCGIClient,
  fastcgiRequest,
  params,
} from "../../support/fastcgi-client.ts";
import { closeFastCGIServers, startFastCGI } from "./servers.ts";

afterEach(closeFastCGIServers);

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode("hello")];
};

describe("stalled FastCGI requests", () => {
  it(`free all ${MAX_CONNECTIONS} connections after the idle timeout, and the server serves again`, async () => {
    const { port } = await startFastCGI(hello, { idleTimeout: 1000 });
    const stalled = encodeRecord(
      RecordType.BEGIN_REQUEST,
      1,
      encodeBeginRequest(Role.RESPONDER, true),
    );
    const someParams = encodeRecord(RecordType.PARAMS, 1, encodePairs(Object.entries(params())));
    const clients = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS }, () => FastCGIClient.connect(port)),
    );
    await Promise.all(clients.map((client) => client.write(Buffer.concat([stalled, someParams]))));
    await Promise.all(clients.map((client) => client.closed));
    const answer = await fastcgiRequest(port, params());
    expect(answer.body.toString()).toBe("hello");
  }, 60_000);
});
