/**
 * `npm run demo -- 10 capture`: how the debugger sees locals, in a few lines of
 * `node:inspector`. The program pauses itself at a throw, reads the throwing frame's
 * variables while it still exists, and carries on.
 */
import inspector from "node:inspector";

// #region capture
const session = new inspector.Session();
session.connect(); // to this very process: each answer comes before post() returns
session.post("Debugger.enable");
session.post("Debugger.setPauseOnExceptions", { state: "all" });

session.on("Debugger.paused", ({ params }) => {
  const frame = params.callFrames[0]; // the function that threw, still running
  const scope = frame?.scopeChain.find((each) => each.type === "local");
  session.post(
    "Runtime.getProperties",
    { objectId: scope?.object.objectId ?? "" },
    (_error, found) => {
      const locals = found.result.map(
        ({ name, value }) => `${name} = ${value?.description ?? value?.value}`,
      );
      console.log(`paused in ${frame?.functionName}(), its locals: ${locals.join(", ")}`);
    },
  );
  session.post("Debugger.resume");
});
// #endregion capture

// #region throws
function priceOf(sku: string): number {
  const prices: Record<string, number> = { "TEA-01": 4.5, "MUG-02": 9 };
  const price = prices[sku];
  if (price === undefined) throw new Error(`no price for ${sku}`);
  return price;
}

try {
  priceOf("mug-02");
} catch (error) {
  console.log(`caught ${error}: priceOf() has returned, its frame is gone`);
}
// Pausing off again: any later throw in the process would pause too, tsx's own
// included (it cleans its cache in the background, and catches what fails).
session.post("Debugger.setPauseOnExceptions", { state: "none" });
// #endregion throws
