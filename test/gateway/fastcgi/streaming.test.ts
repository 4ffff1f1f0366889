import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { collect, encode } from "../../../gateway/bytes.ts";
import { type FastCGIRecord, RecordType } from "../../../gateway/fastcgi/records.ts";
import { serveFastCGI } from "../../../gateway/fastcgi/server.ts";
import { ClientGone } from "../../../gateway/response-sink.ts";
import type { App } from "../../../gateway/types.ts";
import { bytesInFlight, settle, streamBuffer } from "../../support/back-pressure.ts";
import { endlessApp } from "../../support/endless-app.ts";
import { FastCGIClient, params } from "../../support/fastcgi-client.ts";
import { signal } from "../../support/signal.ts";
import { waitingApp } from "../../support/waiting-app.ts";
import { closeFastCGIServers, startFastCGI } from "./servers.ts";

afterEach(closeFastCGIServers);

const TEXT: [string, string] = ["Content-Type", "text/plain"];
const CHUNK_SIZE = 64 * 1024;

const ofType = (type: number) => (record: FastCGIRecord) => record.type === type;

/** Sends a GET with an empty body. */
async function sendRequest(client: FastCGIClient, keepConnection = false): Promise<void> {
  await client.begin({ keepConnection });
  await client.params(params());
  await client.stdin("");
}

describe("when the web server aborts a request (ABORT_REQUEST)", () => {
  it("finishes the app's body, so its finally runs, and ends the request", async () => {
    const { app, finished } = endlessApp();
    const { port, errors } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await sendRequest(client, true);
    await client.waitFor(ofType(RecordType.STDOUT));
    await client.send(RecordType.ABORT_REQUEST, 1);
    await finished.promise;
    const answer = await client.answer();
    expect(answer.end.protocolStatus).toBe(0);
    expect(errors.text).toBe(""); // a client leaving is not an app error
    expect(client.socket.destroyed).toBe(false); // the connection serves on
    client.close();
  });

  it("ends the STDOUT stream it began with an empty record, before the END_REQUEST", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      for (;;) {
        yield encode("tick");
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const { port } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await sendRequest(client, true);
    await client.waitFor(ofType(RecordType.STDOUT));
    await client.send(RecordType.ABORT_REQUEST, 1);
    await client.answer();
    const types = client.records.map((record) => [record.type, record.content.byteLength > 0]);
    expect(types.slice(-2)).toEqual([
      [RecordType.STDOUT, false],
      [RecordType.END_REQUEST, true],
    ]);
    client.close();
  });

  it("sends none of an answer the app gives after the abort, only the END_REQUEST", async () => {
    const app: App = async (environ, startResponse) => {
      // The abort ends the body with ClientGone: this app answers anyway.
      await collect(environ["gateway.input"]).catch(() => {});
      startResponse("200 OK", [TEXT]);
      return [encode("too late")];
    };
    const { port } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await client.begin({ keepConnection: true });
    await client.params(params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "100" }));
    await client.send(RecordType.STDIN, 1, encode("only part of it"));
    await client.send(RecordType.ABORT_REQUEST, 1);
    const answer = await client.answer();
    expect(answer.end.protocolStatus).toBe(0);
    expect(client.records.some(ofType(RecordType.STDOUT))).toBe(false);
    client.close();
  });

  it("ends the body stream of an app still reading it", async () => {
    const failed = signal();
    let failure: unknown;
    const app: App = async (environ, startResponse) => {
      try {
        for await (const _chunk of environ["gateway.input"]);
      } catch (error) {
        failure = error;
        failed.resolve();
        throw error;
      }
      startResponse("200 OK", [TEXT]);
      return [];
    };
    const { port } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await client.begin({ keepConnection: true });
    await client.params(params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "100" }));
    await client.send(RecordType.STDIN, 1, encode("only part of it"));
    await client.send(RecordType.ABORT_REQUEST, 1);
    await failed.promise;
    expect((failure as Error).name).toBe("ClientGone");
    await client.answer();
    client.close();
  });
});

describe("when the app fails", () => {
  it("answers 500 before the headers went out, and writes the error in STDERR records", async () => {
    const app: App = () => {
      throw new Error("the database is down");
    };
    const { port, errors } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await sendRequest(client);
    const answer = await client.answer();
    expect(answer.status).toBe(500);
    expect(answer.body.toString()).toContain("Internal Server Error");
    expect(answer.body.toString()).not.toContain("database");
    expect(answer.stderr).toContain("Error while serving GET /:\nError: the database is down");
    expect(errors.text).toContain("the database is down"); // and in the server's own log
    // The STDERR stream comes before the answer, and is ended with an empty record.
    const types = client.records.map((record) => record.type);
    expect(types.indexOf(RecordType.STDERR)).toBeLessThan(types.indexOf(RecordType.STDOUT));
    const stderr = client.records.filter(ofType(RecordType.STDERR));
    expect(stderr.at(-1)?.content.byteLength).toBe(0);
  });

  it("cuts the connection after the headers went out, with no END_REQUEST", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("first");
      throw new Error("failed half-way");
    };
    const { port, errors } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await sendRequest(client, true);
    await client.closed;
    const stdout = Buffer.concat(
      client.records.filter(ofType(RecordType.STDOUT)).map((r) => r.content),
    );
    expect(stdout.toString()).toMatch(/first$/);
    expect(client.records.some(ofType(RecordType.END_REQUEST))).toBe(false);
    expect(errors.text).toContain("failed half-way");
  });
});

describe("back-pressure on the FastCGI server", () => {
  const bound = Math.floor(bytesInFlight() / CHUNK_SIZE) + 2;
  const offered = bound + 64; // a server that ignores back-pressure would take them all

  it(`pulls a generator at most ${bound} chunks of 64 KiB ahead of a web server that stopped reading`, async () => {
    const chunk = new Uint8Array(CHUNK_SIZE);
    let pulled = 0;
    const finished = signal();
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
        for (; pulled < offered; pulled += 1) yield chunk;
      } finally {
        finished.resolve();
      }
    };
    const { port } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    client.socket.pause();
    await sendRequest(client);
    await settle(() => pulled);
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThanOrEqual(bound);
    client.close(); // the web server goes away while the server waits for it to drain
    await finished.promise;
    expect(pulled).toBeLessThanOrEqual(bound);
  });

  it("reads no more of a large body than a few records ahead of an app that is not reading it", async () => {
    const goOn = signal();
    const app: App = async (environ, startResponse) => {
      await goOn.promise;
      let total = 0;
      for await (const chunk of environ["gateway.input"]) total += chunk.byteLength;
      startResponse("200 OK", [TEXT]);
      return [encode(String(total))];
    };
    const server = await startFastCGI(app);
    const serverSide = new Promise<Socket>((resolve) => server.server.once("connection", resolve));
    const client = await FastCGIClient.connect(server.port);
    const size = 8 * 1024 * 1024;
    await client.begin();
    await client.params(params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: String(size) }));
    const sent = client.stdin(new Uint8Array(size)); // not awaited: it waits for the server
    const socket = await serverSide;
    try {
      await settle(() => socket.bytesRead);
      // A few records of 64 KiB (the body's buffer, reads from the socket on
      // their way), the socket's own buffer and the head: far from 8 MiB.
      expect(socket.bytesRead).toBeLessThan(4 * 64 * 1024 + 2 * streamBuffer());
    } finally {
      goOn.resolve(); // a failed check must not leave the app waiting, and the server with it
    }
    await sent;
    expect((await client.answer()).body.toString()).toBe(String(size));
    client.close();
  });
});

describe("closing the FastCGI server", () => {
  it("runs the generator's finally before close() resolves, when it stops mid-stream", async () => {
    const { app, ran } = endlessApp();
    const server = await serveFastCGI(app, { host: "127.0.0.1", port: 0 });
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    const client = await FastCGIClient.connect(server.port);
    await sendRequest(client);
    await client.waitFor(ofType(RecordType.STDOUT));
    await server.close();
    expect(ran()).toBe(true);
    await client.closed;
  });
});

describe("gateway.signal on the FastCGI server", () => {
  it("aborts when the web server aborts the request while the app awaits something else", async () => {
    const { app, waiting, aborted } = waitingApp();
    const { port } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await sendRequest(client, true);
    await waiting.promise;
    await client.send(RecordType.ABORT_REQUEST, 1);
    const reason = await aborted;
    expect(reason).toBeInstanceOf(ClientGone);
    expect(String(reason)).toContain("the web server aborted the request");
    await client.answer();
    client.close();
  });

  it("aborts when the web server closes the connection", async () => {
    const { app, waiting, aborted } = waitingApp();
    const { port } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await sendRequest(client);
    await waiting.promise;
    client.close();
    expect(String(await aborted)).toContain("the web server closed the connection");
  });

  it("aborts when the server stops, and close() waits for the app", async () => {
    const { app, waiting, aborted } = waitingApp();
    const server = await serveFastCGI(app, { host: "127.0.0.1", port: 0 });
    const client = await FastCGIClient.connect(server.port);
    await sendRequest(client);
    await waiting.promise;
    await server.close();
    expect(await aborted).toBeInstanceOf(ClientGone);
  });

  it("does not abort after the request ended, when a kept connection closes", async () => {
    let held: AbortSignal | undefined;
    const app: App = (environ, startResponse) => {
      held = environ["gateway.signal"];
      startResponse("204 No Content", []);
      return [];
    };
    const { port, server } = await startFastCGI(app);
    const serverSide = new Promise<Socket>((resolve) => server.once("connection", resolve));
    const client = await FastCGIClient.connect(port);
    await sendRequest(client, true);
    await client.answer();
    const socket = await serverSide;
    client.close();
    await new Promise((resolve) => socket.once("close", resolve));
    expect(held?.aborted).toBe(false);
  });
});
