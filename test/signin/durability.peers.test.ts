/**
 * A sign-up that was answered is never lost, even when the server process
 * is killed outright (SIGKILL: no handler runs, nothing is flushed by the
 * app) while other sign-ups are still being worked on. Then a restarted
 * server on the same data folder lets that user sign in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { type ServerProcess, startServer, Visitor } from "./server-process.ts";

/**
 * Sign-ups sent at once; each costs one scrypt, run four at a time, so most
 * are still waiting... (20: all from one address, the most the app allows
 * in 15 minutes, rate-limit.ts)
 */
const SIGNUPS = 20;
/** ...when the server is killed, right after this many were answered. */
const KILL_AFTER = 3;
const PASSWORD = "correct horse battery staple";
/**
 * scrypt with N = 2^14 rather than 2^17: 8 times cheaper, so the test takes
 * seconds, not a minute, on a busy machine. What is tested, the database's
 * commit, is the same at any cost.
 */
const SERVER_ENV = { SIGNIN_PASSWORD_COST: "14" };

let dataDir: string;
const servers: ServerProcess[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "signin-durability-"));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.kill()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  const server = await startServer(dataDir, SERVER_ENV);
  servers.push(server);
  return server;
}

/** The outcome of one sign-up: answered (303 home), another answer, or cut off by the kill. */
type Outcome = { username: string } & (
  | { kind: "answered" }
  | { kind: "refused"; status: number }
  | { kind: "cut" }
);

/**
 * Sends every sign-up at once, and kills the server as soon as `KILL_AFTER`
 * of them have their answer.
 */
async function signUpAndKill(server: ServerProcess): Promise<Outcome[]> {
  const names = Array.from({ length: SIGNUPS }, (_, i) => `user${String(i).padStart(2, "0")}`);
  // Each sign-up is its own visitor, with its own session and form token, read beforehand.
  const forms = await Promise.all(
    names.map(async (username) => {
      const visitor = new Visitor(server.url);
      return { username, visitor, token: await visitor.formToken("signup") };
    }),
  );
  let answered = 0;
  return Promise.all(
    forms.map(async ({ username, visitor, token }): Promise<Outcome> => {
      try {
        const response = await visitor.post("signup", token, { username, password: PASSWORD });
        if (response.status !== 303 || response.headers.get("location") !== "/") {
          return { username, kind: "refused", status: response.status };
        }
        answered += 1;
        if (answered === KILL_AFTER) void server.kill();
        return { username, kind: "answered" };
      } catch {
        return { username, kind: "cut" };
      }
    }),
  );
}

describe("the sign-in server killed with SIGKILL during sign-ups", () => {
  it("keeps every user whose sign-up was answered, and lets them sign in after a restart", async () => {
    const outcomes = await signUpAndKill(await start());
    const answered = outcomes.filter((o) => o.kind === "answered").map((o) => o.username);
    const cut = outcomes.filter((o) => o.kind === "cut").map((o) => o.username);
    expect(outcomes.filter((o) => o.kind === "refused")).toEqual([]);
    expect(cut.length, "the kill must come while sign-ups are still in flight").toBeGreaterThan(0);

    const store = await openSqliteStore(dataDir);
    try {
      expect(store.db.pragma("integrity_check", { simple: true })).toBe("ok");
      const found = async (names: string[]) => {
        const users = await Promise.all(names.map((name) => store.users.byUsername(name)));
        return names.filter((_, index) => users[index] !== undefined);
      };
      const stored = await found(answered);
      const lost = answered.filter((username) => !stored.includes(username));
      const storedUnanswered = await found(cut);
      console.log(
        `durability: ${answered.length} sign-ups answered, ${cut.length} in flight when killed ` +
          `(${storedUnanswered.length} of those stored anyway), ${lost.length} answered ones lost`,
      );
      expect(lost, "users whose sign-up was answered but who are not in the database").toEqual([]);
    } finally {
      await store.close();
    }

    const restarted = await start();
    const visitor = new Visitor(restarted.url);
    const username = answered[0] as string;
    const signIn = await visitor.submit("signin", { username, password: PASSWORD });
    expect([signIn.status, signIn.headers.get("location")]).toEqual([303, "/"]);
    const privatePage = await visitor.get("private");
    expect(privatePage.status).toBe(200);
    expect(await privatePage.text()).toContain(username);
  });
});
