/**
 * A port for a server that cannot be told "port 0, any free one".
 *
 * Node picks a free port when asked to listen on 0; Apache and nginx
 * cannot, so their tests ask the system for a free port, close it, and
 * hand the number over (another program could take it in between, which on
 * a test machine does not happen in practice).
 *
 * @example
 * const port = await freePort();
 * await startApache(apache, { programs, port });
 */
import { once } from "node:events";
import net from "node:net";

/**
 * A port nothing listens on now, on 127.0.0.1.
 * @example const port = await freePort();
 */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Listens on a free port, to play a server that is in the way; close it afterwards.
 * @example const inTheWay = await occupiedPort(); try { ... } finally { inTheWay.close(); }
 */
export async function occupiedPort(): Promise<net.Server> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}
