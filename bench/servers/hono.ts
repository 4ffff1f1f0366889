/**
 * Serving a Fetch handler with `@hono/node-server`, for the Fetch rows.
 *
 * @example
 * await announceHono((request) => new Response("Hello"));
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { announce } from "./shared.ts";

/** Serves `fetch` on 127.0.0.1, on a port the system picks, and tells the runner where. */
export async function announceHono(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<void> {
  const server = serve({ fetch, hostname: "127.0.0.1", port: 0 });
  await once(server, "listening");
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}
