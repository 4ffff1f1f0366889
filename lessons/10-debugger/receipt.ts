/** GET /receipt: a streamed body that breaks after its first lines went out. */
import { encode } from "../../gateway/bytes.ts";
import type { Chunk, Environ, StartResponse } from "../../gateway/types.ts";

// #region receipt
interface Line {
  name: string;
  price?: number;
}

export async function* receipt(
  _environ: Environ,
  startResponse: StartResponse,
): AsyncGenerator<Chunk> {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  const lines: Line[] = [
    { name: "Tea", price: 4.5 },
    { name: "Mug", price: 9 },
    { name: "Gift card" },
  ];
  for (const line of lines) {
    if (line.price === undefined) throw new Error(`${line.name} has no price`);
    yield encode(`${line.name.padEnd(12)}${line.price.toFixed(2)}\n`);
  }
}
// #endregion receipt
