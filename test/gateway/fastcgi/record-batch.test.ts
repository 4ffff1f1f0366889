import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { RecordBatch } from "../../../gateway/fastcgi/record-batch.ts";
import { type FastCGIRecord, RecordReader, RecordType } from "../../../gateway/fastcgi/records.ts";
import { ClientGone } from "../../../gateway/response-sink.ts";

/** A socket that keeps each write apart, and calls back at once. */
function recordingSocket(): { socket: Socket; writes: Uint8Array[] } {
  const writes: Uint8Array[] = [];
  const fake = {
    destroyed: false,
    write(chunk: Uint8Array, done?: (error?: Error | null) => void) {
      writes.push(chunk);
      done?.();
      return true;
    },
    cork() {},
    uncork() {},
    once() {},
    off() {},
  };
  return { socket: fake as unknown as Socket, writes };
}

function records(writes: Uint8Array[]): FastCGIRecord[] {
  return [...new RecordReader().read(Buffer.concat(writes))];
}

describe("a batch of records", () => {
  it("leaves in one write when it is small: a whole answer, head to END_REQUEST", () => {
    const { socket, writes } = recordingSocket();
    new RecordBatch(7)
      .add(RecordType.STDOUT, Buffer.from("Status: 200 OK\r\n\r\n"))
      .add(RecordType.STDOUT, Buffer.from("hello"))
      .add(RecordType.STDOUT, new Uint8Array(0))
      .add(RecordType.END_REQUEST, new Uint8Array(8))
      .writeTo(socket);
    expect(writes).toHaveLength(1);
    const sent = records(writes).map(({ type, requestId, content }) => [
      type,
      requestId,
      content.toString(),
    ]);
    expect(sent).toEqual([
      [RecordType.STDOUT, 7, "Status: 200 OK\r\n\r\n"],
      [RecordType.STDOUT, 7, "hello"],
      [RecordType.STDOUT, 7, ""],
      [RecordType.END_REQUEST, 7, "\0".repeat(8)],
    ]);
  });

  it("splits bytes into records of at most 65535, and sends a large batch as its pieces, uncopied", async () => {
    const { socket, writes } = recordingSocket();
    const big = Buffer.alloc(70_000, 65);
    await new RecordBatch(1).add(RecordType.STDOUT, big).sendTo(socket);
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.some((piece) => piece.buffer === big.buffer)).toBe(true);
    expect(records(writes).map(({ content }) => content.byteLength)).toEqual([65535, 4465]);
  });

  it("rejects with ClientGone once the socket is gone, writing nothing", async () => {
    const socket = new Socket();
    socket.destroy();
    const sent = new RecordBatch(1).add(RecordType.STDOUT, new Uint8Array(1)).sendTo(socket);
    await expect(sent).rejects.toBeInstanceOf(ClientGone);
    expect(socket.bytesWritten).toBe(0);
  });
});
