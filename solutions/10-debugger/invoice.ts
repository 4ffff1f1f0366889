/**
 * Exercise: find a bug with the debugger, then fix it.
 *
 * `GET /` should answer this invoice:
 *
 *   Tea x2         9.00
 *   Mug x1         9.00
 *   Total         18.00
 *
 * It fails instead. Do not hunt through the code first: run it under the
 * interactive debugger,
 *
 *   npm run demo -- 10 exercise
 *
 * open http://127.0.0.1:8010/, type the secret from the terminal, and use
 * the failing frame's locals and console to see what went wrong. Then fix
 * it here (the fix is small), and reload the page.
 *
 * Check it: npm run learn -- check 10-fix-the-invoice
 * Read: lessons/10-debugger/README.md, "Exercise: fix the invoice".
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

interface Line {
  name: string;
  price: number;
  quantity: number;
}

const lines: Line[] = [
  { name: "Tea", price: 4.5, quantity: 2 },
  { name: "Mug", price: 9, quantity: 1 },
];

function format(label: string, amount: number): string {
  return `${label.padEnd(12)}${amount.toFixed(2).padStart(7)}\n`;
}

export const invoice: App = (_environ, startResponse) => {
  let text = "";
  let total = 0;
  // The last line is lines[lines.length - 1]: `i < lines.length`, not `<=`.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const amount = line.price * line.quantity;
    text += format(`${line.name} x${line.quantity}`, amount);
    total += amount;
  }
  text += format("Total", total);
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode(text)];
};
