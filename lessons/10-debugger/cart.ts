/** GET /cart: a plain throw, three frames deep. */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region cart
const prices: Record<string, number> = { "TEA-01": 4.5, "MUG-02": 9 };

function priceOf(sku: string): number {
  const price = prices[sku];
  if (price === undefined) throw new Error(`no price for ${sku}`);
  return price;
}

export const cart: App = (_environ, startResponse) => {
  const items = [
    { sku: "TEA-01", quantity: 2 },
    { sku: "mug-02", quantity: 1 },
  ];
  const total = items.reduce((sum, item) => sum + priceOf(item.sku) * item.quantity, 0);
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode(`Total: ${total.toFixed(2)}\n`)];
};
// #endregion cart
