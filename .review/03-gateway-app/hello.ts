import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
export const app: App = (environ, startResponse) => {
  if (environ.REQUEST_METHOD !== "GET" && environ.REQUEST_METHOD !== "HEAD") {
    startResponse("405 Method Not Allowed", [["Allow", "GET, HEAD"], ["Content-Type", "text/plain"]]);
    return [encode("Method Not Allowed\n")];
  }
  const body = encode("Hello World!\n");
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", String(body.byteLength)]]);
  return [body];
};
