import { describe, expect, it } from "vitest";
import { ReportStore } from "../../../gateway/debugger/store.ts";
import { debugged, syncThrow, typeError } from "./apps.ts";

describe("past errors", () => {
  it("stay viewable at their own URL, in every representation", async () => {
    const { client } = debugged(syncThrow);
    await client.get("/first");
    await client.get("/second");
    const page = await client.get("/__debugger__/errors/1", { headers: { Accept: "text/html" } });
    expect(page.text).toContain("GET /first");
    expect(page.text).toContain('href="/__debugger__/errors/2"');
    const text = await client.get("/__debugger__/errors/2");
    expect(text.text).toContain("GET /second");
  });

  it("are kept up to the limit, the oldest dropped first", async () => {
    const { client } = debugged(typeError, { keep: 2 });
    for (let i = 0; i < 3; i++) await client.get(`/${i}`);
    expect((await client.get("/__debugger__/errors/1")).statusCode).toBe(404);
    expect((await client.get("/__debugger__/errors/2")).statusCode).toBe(200);
    expect((await client.get("/__debugger__/errors/3")).statusCode).toBe(200);
  });

  it("live under the app's SCRIPT_NAME", async () => {
    const { client } = debugged(syncThrow);
    const failed = await client.get("/", { environ: { SCRIPT_NAME: "/shop" } });
    expect(failed.text).toContain("/shop/__debugger__/errors/1");
    expect(failed.errors).toContain("http://localhost/shop/__debugger__/errors/1");
  });

  it("refuses a limit below one", () => {
    expect(() => new ReportStore(0)).toThrow(RangeError);
  });
});
