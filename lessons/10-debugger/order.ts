/** GET /order?id=7: a throw after an `await`, when the callers' frames are gone. */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region order
interface Order {
  id: string;
  country: string;
}

const shippingRates: Record<string, number> = { FR: 5, DE: 6, UK: 7 };

/** Stands in for a database: the answer comes later, from the event loop. */
async function loadOrder(id: string): Promise<Order> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return { id, country: "Atlantis" };
}

async function checkout(id: string): Promise<number> {
  const order = await loadOrder(id);
  const rate = shippingRates[order.country];
  if (rate === undefined) throw new Error(`we do not ship to ${order.country}`);
  return rate;
}

export const order: App = async (environ, startResponse) => {
  const id = new URLSearchParams(environ.QUERY_STRING).get("id") ?? "7";
  const shipping = await checkout(id);
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode(`Order ${id}: shipping ${shipping}\n`)];
};
// #endregion order
