import { describe, expect, it } from "vitest";
import { decode } from "../../../gateway/bytes.ts";
import type { Chunk } from "../../../gateway/types.ts";
import { EventChannel } from "../../../workshop/live/event-channel.ts";

async function all(body: AsyncIterable<Chunk>): Promise<string> {
  let text = "";
  for await (const chunk of body) text += decode(chunk);
  return text;
}

describe("an event channel", () => {
  it("sends each message as a server-sent event, a data line per line of text", async () => {
    const channel = new EventChannel();
    channel.send("verdict", "<p>one</p>\n<p>two</p>");
    channel.end();
    expect(await all(channel.body(new AbortController().signal))).toBe(
      "retry: 2000\n\nevent: verdict\ndata: <p>one</p>\ndata: <p>two</p>\n\n",
    );
  });

  it("waits for messages sent later, and sends what was queued before it ends", async () => {
    const channel = new EventChannel();
    const body = all(channel.body(new AbortController().signal));
    await new Promise((resolve) => setImmediate(resolve));
    channel.send("step", "1");
    channel.send("step", "2");
    channel.end();
    expect(await body).toBe("retry: 2000\n\nevent: step\ndata: 1\n\nevent: step\ndata: 2\n\n");
  });

  it("ends when any of its signals aborts: the page left, or the home closes", async () => {
    const page = new AbortController();
    const home = new AbortController();
    const channel = new EventChannel();
    const body = all(channel.body(home.signal, page.signal));
    page.abort();
    expect(await body).toBe("retry: 2000\n\n");
    channel.send("step", "too late");
  });
});
