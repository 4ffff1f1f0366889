/**
 * Lesson 07's report: a generator that hands `gateway.signal` to the
 * query it awaits, over a real socket.
 */
import { afterEach, describe, expect, it } from "vitest";
import { report } from "../../../lessons/07-generators/report.ts";
import { closeServers, fetchRaw, RawClient, startServer } from "../../gateway/http-helpers.ts";

afterEach(closeServers);

describe("lesson 07's report", () => {
  it("answers the rows to a client that waits", async () => {
    const { url, errors } = await startServer(report(0));
    expect((await fetchRaw(url)).body.toString()).toBe("Counting the rows...\n1234 rows\n");
    expect(errors.text).toBe("report: query started\nreport: done\n");
  });

  it("stops its query the moment the client leaves, runs its finally, and nothing is logged as an error", async () => {
    // A query of a minute: the test ends long before, only if the signal stops it.
    const { port, errors } = await startServer(report(60_000));
    const client = await RawClient.connect(port);
    client.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("Counting the rows");
    await errors.waitFor("report: query started");
    client.socket.destroy();
    await errors.waitFor("report: the client left, query stopped");
    expect(errors.text).not.toContain("Error while serving");
  });
});
