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
    // On a busy machine the first connections may reach their idle timeout before all
    // are open: the server has freed those already, which is what this test asks of it.
    const stall = (client: FastCGIClient) =>
      client.write(Buffer.concat([stalled, someParams])).catch(() => client.closed);
    await Promise.all(clients.map(stall));
    await Promise.all(clients.map((client) => client.closed));
    const answer = await fastcgiRequest(port, params());
    expect(answer.body.toString()).toBe("hello");
  });
});
