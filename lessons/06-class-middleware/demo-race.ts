/**
 * `npm run demo -- 6 race`: ten requests at once to two counters, and the
 * visits each one counted (one loses some).
 */
import { TestClient } from "../../gateway/test-client.ts";
import { SafeCounter, SlowCounter } from "./race.ts";

// #region demo-race
for (const counter of [new SlowCounter(), new SafeCounter()]) {
  const client = new TestClient(counter.app);
  await Promise.all(Array.from({ length: 10 }, () => client.get("/")));
  console.log(`${counter.constructor.name}: 10 requests, visits = ${counter.visits}`);
}
// #endregion demo-race
