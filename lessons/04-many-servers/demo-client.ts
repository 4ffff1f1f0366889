/**
 * `npm run demo -- 4 client`: the same app, unchanged, in the test client:
 * no socket, no process. It is just a function call with an environ the
 * client builds. Tests use it to check an app in a few milliseconds.
 */
import { TestClient } from "../../gateway/test-client.ts";
import { app } from "./app.ts";

// #region client
const client = new TestClient(app); // wraps the app in the validator, too
const response = await client.get("/some/path?x=1");
console.log(response.status);
console.log(response.header("Content-Type"));
console.log(response.text);
// #endregion client
