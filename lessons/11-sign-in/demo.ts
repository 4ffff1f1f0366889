/**
 * Lesson 11 demo: the reference sign-in app, as `npm run signin -- --solution`
 * runs it, on http://127.0.0.1:8011/ (`--port`, `--data` as for the app).
 *
 * @example
 * // npm run demo -- 11
 */
import { main } from "../../solutions/signin/server.ts";

await main();
