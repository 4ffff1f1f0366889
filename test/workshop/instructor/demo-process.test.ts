import { describe, expect, it } from "vitest";
import { commandLine, fetchSample, startDemo } from "../../../workshop/instructor/demo-process.ts";
import { projectRoot } from "../../fixtures/fixture-repo.ts";

describe("an exercise's demo, run by the instructor's mode", () => {
  it("starts the npm script's program on a free port, answers, and stops", async () => {
    const demo = startDemo(projectRoot, { command: ["demo", "5", "exercise"], path: "/" });
    try {
      const url = await demo.listening;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const sample = await fetchSample(`${url}05-add-header`);
      expect(sample.status).toBe("200 OK");
      expect(sample.body).toBe("Hello World!\n");
      expect(sample.headers).toContainEqual(["content-type", "text/plain; charset=utf-8"]);
    } finally {
      await demo.stop();
    }
    await expect(fetch(await demo.listening)).rejects.toThrow();
  });

  it("runs traced, and its trace page on a port of its own shows the sample's request", async () => {
    const demo = startDemo(projectRoot, { command: ["demo", "5", "exercise"], path: "/" });
    try {
      const [url, tracePage] = await Promise.all([demo.listening, demo.tracePage]);
      expect(tracePage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/trace$/);
      expect(new URL(String(tracePage)).port).not.toBe(new URL(url).port);
      await fetchSample(`${url}05-add-header`);
      const exported = (await (await fetch(`${tracePage}?format=json`)).json()) as {
        traces: Array<{ uri: string }>;
      };
      expect(exported.traces.map((trace) => trace.uri)).toContain("/05-add-header");
    } finally {
      await demo.stop();
    }
    await expect(fetch(await demo.listening)).rejects.toThrow();
  });

  it("says what the demo printed when it ends before it listens", async () => {
    const demo = startDemo(projectRoot, { command: ["demo", "99"], path: "/" });
    await expect(demo.listening).rejects.toThrow(/ended before it listened:\n.*no lesson 99/);
    await demo.stop();
  });

  it("shows the command a learner would type", () => {
    expect(commandLine({ command: ["demo", "5", "exercise"], path: "/" })).toBe(
      "npm run demo -- 5 exercise",
    );
    expect(commandLine({ command: ["signin"], path: "/" })).toBe("npm run signin");
  });
});
