/**
 * Hello world as a gateway app, on the gateway's FastCGI server.
 *
 * The same app as `gateway.ts` (lesson 3's), served by `serveFastCGI`: the
 * runner (`bench/main.ts`) puts a private nginx or Apache in front of it,
 * as lesson 12 deploys, and reads the CPU this process spends per request.
 *
 * @example
 * // node --import tsx bench/servers/fastcgi-gateway.ts
 * // 127.0.0.1:40124   (point the web server's fastcgi_pass at it)
 */
import { serveFastCGI } from "../../gateway/fastcgi/server.ts";
import { announce, helloApp } from "./shared.ts";

const fastcgi = await serveFastCGI(helloApp, { host: "127.0.0.1", port: 0 });
announce(fastcgi.address);
