/**
 * `Accept-Encoding`: which compressions the client can decode (RFC 9110,
 * section 12.5.3; in Werkzeug, `Request.accept_encodings`).
 *
 * A browser sends `Accept-Encoding: gzip, deflate, br, zstd`. Each coding
 * may carry a weight, `q`, from 0 to 1 (1 when not given): `gzip;q=0.5`
 * says "gzip if you must", and `q=0` says "never". `*` stands for every
 * coding the header does not name. `identity` means "as it is", and is
 * always acceptable unless refused by name.
 *
 * The server offers its codings in its order of preference; the client's
 * weights decide, and the server's order breaks a tie. A request with no
 * `Accept-Encoding` at all gets no compression: RFC 9110 would allow any
 * coding, but old clients that send nothing may decode nothing.
 *
 * @example
 * chooseCoding("gzip, br", ["br", "gzip"]);        // "br" (a tie: the server's first)
 * chooseCoding("gzip, br;q=0.5", ["br", "gzip"]);  // "gzip"
 * chooseCoding("br;q=0, *", ["br", "gzip"]);       // "gzip"
 * chooseCoding("identity", ["br", "gzip"]);        // undefined: send it as it is
 */

/**
 * The codings the kit can produce, with `node:zlib`.
 * @example const offered: Coding[] = ["br", "gzip"];
 */
export type Coding = "br" | "gzip";

/**
 * The coding to compress with, or `undefined` to send the body as it is.
 * @example const coding = chooseCoding(environ.HTTP_ACCEPT_ENCODING, ["br", "gzip"]);
 */
export function chooseCoding(
  header: string | undefined,
  offered: readonly Coding[],
): Coding | undefined {
  if (header === undefined) return undefined;
  const weights = parseWeights(header);
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get("*") ?? 0;
  let best: Coding | undefined;
  let bestWeight = 0;
  for (const coding of offered) {
    // Strictly greater: on a tie the coding offered first stays.
    if (weightOf(coding) > bestWeight) {
      best = coding;
      bestWeight = weightOf(coding);
    }
  }
  // A client that ranks "as it is" above every coding offered gets it as it is.
  const identity = weights.get("identity");
  return identity !== undefined && identity > bestWeight ? undefined : best;
}

/** Each coding named, lower case, with its weight; the first mention of a coding counts. */
function parseWeights(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const item of header.split(",")) {
    const [name = "", ...parameters] = item.split(";").map((part) => part.trim().toLowerCase());
    if (name === "") continue;
    // RFC 9110, section 8.4.1.3: "x-gzip" is an old name for gzip.
    const coding = name === "x-gzip" ? "gzip" : name;
    if (!weights.has(coding)) weights.set(coding, weight(parameters));
  }
  return weights;
}

/** The `q` parameter, 1 when absent; a weight that is not a number from 0 to 1 counts as 0. */
function weight(parameters: string[]): number {
  const q = parameters.find((parameter) => parameter.replace(/\s/g, "").startsWith("q="));
  if (q === undefined) return 1;
  const value = Number(q.slice(q.indexOf("=") + 1).trim());
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0;
}
