import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { interactiveDebugger } from "../../../gateway/debugger/index.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { app } from "../../../lessons/10-debugger/app.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

interface Report {
  name: string;
  message: string;
  notes: string[];
  frames: Array<{
    function: string;
    file: string;
    line: number;
    kind: string;
    locals: Record<string, string> | null;
  }>;
}

/** The demo as `npm run demo -- 10` serves it, in the test client. */
function demo() {
  let secret = "";
  const print = (text: string) => {
    secret = /Debugger secret: (\S+)/.exec(text)?.[1] ?? "";
  };
  const client = new TestClient(interactiveDebugger({ enabled: true, print })(app));
  const asJson = () => ({ Accept: "application/json", "X-Debugger-Secret": secret });
  return {
    client,
    async report(path: string): Promise<Report> {
      const failed = await client.get(path, { headers: asJson() });
      expect(failed.statusCode, `${path} fails`).toBe(500);
      return failed.json() as Report;
    },
    async evaluate(frame: number, expression: string): Promise<unknown> {
      const url = "/__debugger__/errors/1/frames/";
      return (
        await client.post(`${url}${frame}/console`, { headers: asJson(), json: { expression } })
      ).json();
    },
  };
}

describe("lesson 10's demo shop", () => {
  it("answers a failing request with a foreign Host as the README shows, with nothing of the error", async () => {
    const readme = readFileSync(path.join(root, "lessons/10-debugger/README.md"), "utf8");
    const failed = await demo().client.get("/cart", { headers: { Host: "evil.example:8010" } });
    expect(failed.statusCode).toBe(500);
    expect(readme).toContain(
      `$ curl -s -H 'Host: evil.example:8010' http://127.0.0.1:8010/cart\n${failed.text}`,
    );
    expect(failed.text).not.toContain("priceOf");
  });

  it("lists its pages", async () => {
    const index = await demo().client.get("/");
    expect(index.statusCode).toBe(200);
    for (const link of ["/cart", "/profile?id=1", "/order?id=7", "/receipt", "/old-shop"]) {
      expect(index.text).toContain(`href="${link}"`);
    }
  });

  it("fails /cart three frames deep, and the console reads the module's prices", async () => {
    const shop = demo();
    const report = await shop.report("/cart");
    expect(report.message).toBe("no price for mug-02");
    expect(report.frames.slice(0, 3).map((frame) => frame.function)).toEqual([
      "priceOf",
      "(anonymous)",
      "cart",
    ]);
    expect(report.frames[0]).toMatchObject({ file: "lessons/10-debugger/cart.ts", line: 10 });
    expect(report.frames[0]?.locals).toMatchObject({ sku: '"mug-02"', price: "undefined" });
    expect(await shop.evaluate(0, "Object.keys(prices)")).toEqual({
      ok: true,
      text: '["TEA-01", "MUG-02"]',
    });
  });

  it("shows /cart's `total`, not reached at the throw, as the lesson says this Node does", async () => {
    const shop = demo();
    const report = await shop.report("/cart");
    // The lesson's "One difference between Node versions": undefined on Node 20, unavailable after.
    const unavailable = Number(process.versions.node.split(".")[0]) >= 22;
    expect(report.frames[2]?.locals?.total).toBe(unavailable ? "<value unavailable>" : "undefined");
    expect(await shop.evaluate(2, "total")).toEqual(
      unavailable
        ? { ok: false, text: "[ReferenceError: Cannot access 'total' before initialization]" }
        : { ok: true, text: "undefined" },
    );
    expect(await shop.evaluate(2, "items.length")).toEqual({ ok: true, text: "2" });
  });

  it("fails /profile?id=1 with a TypeError, and the console shows Grace has no address", async () => {
    const shop = demo();
    const report = await shop.report("/profile?id=1");
    expect(report.name).toBe("TypeError");
    expect(report.frames[0]).toMatchObject({ function: "profile", line: 19 });
    expect(report.frames[0]?.locals).toMatchObject({
      id: "1",
      name: '"Grace"',
      address: "undefined",
    });
    expect(await shop.evaluate(0, "profiles[id]")).toEqual({ ok: true, text: '{ name: "Grace" }' });
  });

  it("fails /order after an await: checkout is live, order waits", async () => {
    const report = await demo().report("/order?id=7");
    expect(report.message).toBe("we do not ship to Atlantis");
    expect(report.notes.join(" ")).toContain("thrown after an await");
    expect(report.frames[0]).toMatchObject({ function: "checkout", line: 22, kind: "live" });
    expect(report.frames[0]?.locals?.order).toBe('{ id: "7", country: "Atlantis" }');
    expect(report.frames[1]).toMatchObject({
      function: "order",
      line: 28,
      kind: "async",
      locals: null,
    });
  });

  it("cuts /receipt after its first lines, and logs the report's address", async () => {
    const { client } = demo();
    const receipt = await client.get("/receipt");
    expect(receipt.aborted).toBe(true);
    expect(receipt.text).toBe("Tea         4.50\nMug         9.00\n");
    expect(receipt.errors).toContain(
      "Debugger: error 1, after the headers went out (connection cut)",
    );
  });

  it("answers /old-shop with a redirect, which the debugger never sees", async () => {
    const { client } = demo();
    const moved = await client.get("/old-shop");
    expect(moved.status).toBe("303 See Other");
    expect(moved.header("Location")).toBe("/");
    expect((await client.get("/__debugger__/errors/1")).statusCode).toBe(404);
  });
});

describe("lesson 10's capture sketch", () => {
  it("prints the throwing frame's locals, read while it still ran", async () => {
    const script = path.join("lessons", "10-debugger", "demo-capture.ts");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: root,
    });
    expect(stdout).toBe(
      "paused in priceOf(), its locals: sku = mug-02, prices = Object, price = undefined\n" +
        "caught Error: no price for mug-02: priceOf() has returned, its frame is gone\n",
    );
  });
});
