/**
 * `npm run demo -- 11`: the reference sign-in app, as `npm run signin -- --solution`
 * runs it. On http://127.0.0.1:8011/ (`--port`, `--data` as for the app).
 */
import { fileURLToPath } from "node:url";
import { referenceAnswersOr } from "../../workshop/reference-answers.ts";
import { demoListening } from "../../workshop/running-demos.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
// A copy handed out without the reference answers says so, and what to run instead.
if (referenceAnswersOr(root, "npm run demo -- 11", "npm run signin (your own sign-in app)")) {
  const { main } = await import("../../solutions/signin/server.ts");
  const running = await main();
  // The home's links to lesson 11's demo follow it to the port it took.
  if (running !== undefined) demoListening(running.url);
}
