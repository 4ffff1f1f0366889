/**
 * A request body that several apps can read in turn, for `cascade` (Paste's
 * `paste.cascade` copies `wsgi.input` to a temporary file for the same
 * reason).
 *
 * `gateway.input` can be read only once. When a cascade asks a first app,
 * which reads some of the body and then answers 404, the next app must
 * still find the whole body. So each app gets a reader of its own: it first
 * replays the chunks read so far, then goes on reading the real input,
 * keeping what it reads for the apps after it. Only bytes some app asked
 * for are kept, and at most `limit` of them (an `HttpError` 413 past it).
 * The last app's reader keeps nothing: no app comes after it.
 *
 * @example
 * const input = new ReplayableInput(environ["gateway.input"], 1_000_000);
 * const first = { ...environ, "gateway.input": input.reader() };
 * const last = { ...environ, "gateway.input": input.reader({ keep: false }) };
 * await input.close(); // once the response is over
 */
import { onceOnly } from "../environ.ts";
import type { InputStream } from "../types.ts";
import { contentTooLarge } from "./http-errors.ts";

/**
 * The real input, read on demand, with the chunks read so far.
 * @example const replayable = new ReplayableInput(environ["gateway.input"], 1_000_000);
 */
export class ReplayableInput {
  readonly #input: InputStream;
  readonly #limit: number;
  #source: AsyncIterator<Uint8Array> | undefined;
  #ended = false;
  readonly #kept: Uint8Array[] = [];
  #keptBytes = 0;

  constructor(input: InputStream, limit: number) {
    this.#input = input;
    this.#limit = limit;
  }

  /**
   * A fresh `gateway.input` for the next app, readable once, like the real one.
   * @example const input = replayable.reader({ keep: false }); // for the last app
   */
  reader(options: { keep?: boolean } = {}): InputStream {
    return onceOnly(() => this.#read(options.keep ?? true));
  }

  /**
   * Stops reading the real input, if some app left it half read: the
   * server then discards the rest. Call it once the response is over.
   * @example await input.close();
   */
  async close(): Promise<void> {
    if (this.#source !== undefined && !this.#ended) {
      this.#ended = true;
      await this.#source.return?.();
    }
  }

  /**
   * Replays, then reads on. Leaving this generator early leaves the real
   * input open, at the next unread chunk, for the next app.
   */
  async *#read(keep: boolean): AsyncGenerator<Uint8Array, void, undefined> {
    for (let i = 0; i < this.#kept.length; i++) yield this.#kept[i] as Uint8Array;
    while (!this.#ended) {
      this.#source ??= this.#input[Symbol.asyncIterator]();
      const step = await this.#source.next();
      if (step.done) {
        this.#ended = true;
        return;
      }
      if (keep) this.#keep(step.value);
      yield step.value;
    }
  }

  #keep(chunk: Uint8Array): void {
    this.#keptBytes += chunk.byteLength;
    if (this.#keptBytes > this.#limit) {
      throw contentTooLarge(
        `The request body is larger than the ${this.#limit} bytes kept for trying one app after another.`,
      );
    }
    this.#kept.push(chunk);
  }
}
