import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { sendRecords } from "../../../gateway/fastcgi/output.ts";
import { RecordType } from "../../../gateway/fastcgi/records.ts";
import { ClientGone } from "../../../gateway/response-cycle.ts";

describe("sendRecords", () => {
  it("refuses empty bytes, which would end the stream", () => {
    const socket = new Socket();
    expect(() => sendRecords(socket, RecordType.STDOUT, 1, new Uint8Array(0))).toThrow(RangeError);
    socket.destroy();
  });

  it("rejects with ClientGone once the socket is gone, writing nothing", async () => {
    const socket = new Socket();
    socket.destroy();
    const sent = sendRecords(socket, RecordType.STDOUT, 1, new Uint8Array(1));
    await expect(sent).rejects.toBeInstanceOf(ClientGone);
    expect(socket.bytesWritten).toBe(0);
  });
});
