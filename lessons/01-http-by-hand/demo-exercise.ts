/**
 * `npm run demo -- 1 exercise`: your `httpResponse` (exercise
 * 01-http-response) answering on a real socket. It listens on http://127.0.0.1:8001/. Every
 * request gets the bytes your function returns; curl shows whether an
 * HTTP client can read them.
 */
import net from "node:net";
import { readArgs } from "../../gateway/cli/command.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { httpResponse } from "../../starter/01-http-by-hand/http-response.ts";
import { demoListening } from "../../workshop/running-demos.ts";

const { host, port } = listenAddress(readArgs(process.argv.slice(2), listenOptions).values, 8001);

// #region exercise
const server = net.createServer((socket) => {
  socket.once("data", () =>
    socket.end(httpResponse("200 OK", "text/plain; charset=utf-8", "Grüße!\n")),
  );
  socket.on("error", () => {}); // the client left: nobody to answer
});
// #endregion exercise
server.on("error", (error) => {
  console.error(
    `Lesson 01 exercise demo: ${error.message} (another server on port ${port}? pass --port)`,
  );
  process.exitCode = 1;
});
server.listen(port, host, () => {
  // The port the system gave, when asked for any (--port 0).
  const { port: listening } = server.address() as net.AddressInfo;
  console.log(
    `Lesson 01 exercise demo: open http://${host}:${listening}/ (your httpResponse answers)`,
  );
  console.log("Press Ctrl-C to stop.");
  demoListening(`http://${host}:${port}/`);
});
