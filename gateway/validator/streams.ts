/**
 * Watched streams: `gateway.input`, `gateway.errors` and `write()`.
 *
 * The validator hands the app stand-ins for the three streams it talks
 * through. Each passes everything on unchanged, and checks on the way that
 * both sides keep to PEP 3333 ("Input and Error Streams", "The write()
 * Callable"): the input is read once and yields bytes, errors take text,
 * write() takes bytes.
 *
 * @example
 * environ["gateway.input"] = watchInput(environ["gateway.input"]);
 */
import type { Chunk, ErrorStream, InputStream, Write } from "../types.ts";
import type { ResponseRecord } from "./response-record.ts";
import { fail, show } from "./validation-error.ts";

/** Wraps `gateway.input`: iterated once only, and yielding bytes only. */
export function watchInput(input: InputStream): InputStream {
  let opened = false;
  return {
    [Symbol.asyncIterator]() {
      checkInputReadOnce(opened);
      opened = true;
      return checkedInput(input);
    },
  };
}

/** Leaving this generator early runs `for await`'s cleanup, so the server's own input is told too. */
async function* checkedInput(input: InputStream): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of input) {
    checkInputChunk(chunk);
    yield chunk;
  }
}

/** Wraps `gateway.errors`: write() takes text only. */
export function watchErrors(errors: ErrorStream): ErrorStream {
  return {
    write(text) {
      checkErrorsText(text);
      errors.write(text);
    },
    flush() {
      errors.flush();
    },
  };
}

/** Wraps the `write()` that startResponse returns: bytes only, counted in the response's record. */
export function watchWrite(write: Write, record: ResponseRecord): Write {
  return (chunk) => {
    checkWriteBytes(chunk);
    record.count(chunk);
    return write(chunk);
  };
}

/** Rule `input-read-once`: the bytes of a request body arrive once; a second loop would find none. */
function checkInputReadOnce(opened: boolean): void {
  if (opened) fail("input-read-once", "a second loop over gateway.input");
}

/** Rule `input-chunk-bytes`. */
function checkInputChunk(chunk: unknown): void {
  if (!(chunk instanceof Uint8Array)) fail("input-chunk-bytes", show(chunk));
}

/** Rule `errors-text`. */
function checkErrorsText(text: unknown): void {
  if (typeof text !== "string") fail("errors-text", show(text));
}

/** Rule `write-bytes`. Apps in plain JavaScript can pass anything, whatever the type says. */
function checkWriteBytes(chunk: unknown): asserts chunk is Chunk {
  if (!(chunk instanceof Uint8Array)) fail("write-bytes", show(chunk));
}
