/**
 * A cookie jar for the test client: enough of a browser's cookie handling
 * (RFC 6265) to test sessions and sign-in: it stores `Set-Cookie` answers,
 * forgets cookies that expire, and sends the rest back in `Cookie`.
 * It ignores `Domain` and `Path`: a test client talks to one app.
 *
 * @example
 * jar.store(["sid=abc; HttpOnly; Path=/"]);
 * jar.header(); // "sid=abc"
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Takes the `Set-Cookie` headers of a response. */
  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";");
      const equals = pair.indexOf("=");
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      if (expired(attributes)) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(equals + 1).trim());
    }
  }

  /** The value of one cookie. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Sets a cookie by hand, as a test that forges or replays one would. */
  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  clear(): void {
    this.#cookies.clear();
  }

  /** The `Cookie` request header, or "" when the jar is empty. */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function expired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const [key = "", value = ""] = attribute.split("=").map((part) => part.trim());
    if (key.toLowerCase() === "max-age" && Number(value) <= 0) return true;
    if (key.toLowerCase() === "expires" && Date.parse(value) <= Date.now()) return true;
  }
  return false;
}
