import { afterAll, describe, expect, it } from "vitest";
import { steps } from "../gateway/trace/trace-steps.ts";
import { startTracedDemo, type TracedDemo } from "../support/traced-demo.ts";

const demos: TracedDemo[] = [];
afterAll(() => Promise.all(demos.splice(0).map((demo) => demo.stop())));

async function demo(args: string[]): Promise<TracedDemo> {
  const started = await startTracedDemo(args);
  demos.push(started);
  return started;
}

const lanesOf = (trace: { lanes: Array<{ name: string }> }) => trace.lanes.map((lane) => lane.name);

// What each lesson's README says its trace shows.
describe.concurrent("npm run demo -- N --trace", () => {
  it("03: the server calls the app, which answers with a list of one 13-byte chunk", async () => {
    const lesson = await demo(["3"]);
    await fetch(lesson.url);
    const trace = await lesson.traceOf("/");
    expect(lanesOf(trace)).toEqual(["server", "app"]);
    expect(steps(trace)).toEqual([
      "call server→app",
      "start-response app→server 200 OK",
      "return app→server list [13]",
      "head server→client 200 OK",
      "finish server→client 13 B",
    ]);
  });

  it("05: four lanes inside the server, and signing holds the inner answer back", async () => {
    const lesson = await demo(["5"]);
    await fetch(lesson.url);
    const trace = await lesson.traceOf("/");
    expect(lanesOf(trace)).toEqual(["server", "outer logger", "signing", "inner logger", "hello"]);
    expect(steps(trace)).toEqual([
      "call server→outer logger",
      "call outer logger→signing",
      "call signing→inner logger",
      "call inner logger→hello",
      "start-response hello→inner logger 200 OK",
      "start-response inner logger→signing 200 OK",
      "return hello→inner logger list [13]",
      "return inner logger→signing list [13]",
      "start-response signing→outer logger 200 OK",
      "start-response outer logger→server 200 OK",
      "return signing→outer logger list [36]",
      "return outer logger→server list [36]",
      "head server→client 200 OK",
      "finish server→client 36 B",
    ]);
  });

  it("06: the fourth request in the window stops at the rate limit", async () => {
    const lesson = await demo(["6"]);
    for (let i = 0; i < 4; i++) await fetch(lesson.url);
    const traces = (await lesson.traces()).traces;
    const fourth =
      traces.find((trace) => trace.id === 4 && trace.done) ?? (await lesson.traceOf("/"));
    expect(lanesOf(fourth)).toEqual(["server", "logged"]);
    expect(fourth.status).toBe("429 Too Many Requests");
  });

  it("07: /shout passes each chunk of the countdown on as it comes", async () => {
    const lesson = await demo(["7"]);
    const response = await fetch(`${lesson.url}shout`);
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel(); // leave: the server calls return()
    const trace = await lesson.traceOf("/shout");
    expect(lanesOf(trace)).toEqual(["server", "app", "shouting", "countdown"]);
    const shown = steps(trace);
    expect(shown).toContain("chunk countdown→shouting 13 B");
    expect(shown).toContain("chunk shouting→app 13 B");
    expect(shown).toContain("send server→client 13 B");
    expect(shown).toContain("return countdown→shouting async generator");
    expect(shown.filter((step) => step.startsWith("close"))).toEqual([
      "close server→app",
      "close app→shouting",
      "close shouting→countdown",
    ]);
  });

  it("08: /right/late shows the error, the excInfo that is rethrown, and the connection cut", async () => {
    const lesson = await demo(["8"]);
    await fetch(`${lesson.url}right/late`)
      .then((response) => response.text())
      .catch(() => "");
    const trace = await lesson.traceOf("/right/late");
    expect(lanesOf(trace)).toEqual(["server", "app", "guarded", "failsLate"]);
    const shown = steps(trace);
    expect(shown).toContain(
      "error failsLate→guarded connection to db.internal:5432 lost (user report_admin)",
    );
    expect(shown).toContain("start-response guarded→app 500 Internal Server Error excInfo threw");
    expect(shown.at(-1)).toBe("abort server→client");
    expect(trace.errors).toEqual([expect.objectContaining({ reached: 0, caught: false })]);
    await fetch(`${lesson.url}right/early`).then((response) => response.text());
    const early = await lesson.traceOf("/right/early");
    expect(early.errors).toEqual([expect.objectContaining({ reached: 2, caught: true })]);
    expect(steps(early)).toContain("start-response guarded→app 500 Internal Server Error excInfo");
    expect(early.status).toBe("500 Internal Server Error");
  });
});
