/**
 * Web streams and the gateway's async iterables, each turned into the other.
 *
 * The Fetch standard carries bodies as `ReadableStream`s; the gateway
 * carries them as async iterables of bytes (`gateway.input`, the response
 * body). The Fetch bridges turn one into the other in both directions,
 * and both conversions keep the two rules the gateway lives by: nothing is
 * read before the reader asks for it (back-pressure), and a reader that
 * stops early tells the other side, so its cleanup runs.
 *
 * @example
 * for await (const chunk of streamChunks(response.body)) console.log(chunk.byteLength);
 * const body = iterableStream(environ["gateway.input"]); // a ReadableStream, for a Request
 */

/**
 * The chunks of a web stream, as an async iterable. Leaving the loop early
 * cancels the stream, so whoever feeds it learns that nobody will read on.
 * @example for await (const chunk of streamChunks(request.body)) size += chunk.byteLength;
 */
export async function* streamChunks(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let ended = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    ended = true;
  } finally {
    // Stopped at a `yield` (the loop left early) or by a failed read: a
    // failed stream needs no cancelling, but one left part-way does.
    if (!ended) await reader.cancel().catch(() => undefined);
  }
}

/**
 * A web stream over an async iterable. It asks the iterable for a chunk
 * only when its reader asks for one, and opens it only then: `gateway.input`
 * is read once only, and stays unread if the handler never reads its body.
 * Cancelling the stream finishes the iterable.
 * @example new Request(url, { method: "POST", body: iterableStream(input), duplex: "half" });
 */
export function iterableStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= chunks[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    // Keep nothing in reserve: pull() runs only while a read is waiting.
    { highWaterMark: 0 },
  );
}
