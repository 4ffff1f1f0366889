/**
 * Load on the sign-in app like many visitors at once: each of `connections`
 * virtual visitors, in a loop, reads the sign-up form and signs up a new
 * name (or signs in a name it made), one request at a time, each on a new
 * connection from a loopback address of its own (`127.C.X.Y`), so that
 * the app's per-address rate limits see many clients (behind nginx, with
 * the app started with `--trust-proxy 127.0.0.1`: nginx reports each
 * address in `X-Forwarded-For`).
 *
 * It counts every answer by status, every request that failed without one
 * (the connection was cut), and keeps the names whose sign-up got its
 * success answer (`303 See Other` to `/`). Used by the fault tests of lesson
 * 13 and by `npm run bench:deploy`.
 *
 * @example
 * const load = startSigninLoad("http://127.0.0.1:8013/", { connections: 20 });
 * await somethingHappens();
 * const result = await load.stop(); // { statuses: Map { 200 => 940, 303 => 470 }, failed: 0, signedUp: [...] }
 */
import http from "node:http";

/** What a run saw. */
export interface LoadResult {
  /** Answers by status code. */
  statuses: Map<number, number>;
  /** Requests that got no answer (the connection failed). */
  failed: number;
  /** Names whose sign-up was answered with success. */
  signedUp: string[];
  /** The text of the first answer seen for each status other than 200 and 303. */
  samples: Map<number, string>;
}

/** A running load: `stop` ends it once the requests under way are answered. */
export interface RunningLoad {
  /** Resolves after `count` more answers with `status` than there were when called. */
  answered(status: number, count?: number): Promise<void>;
  stop(): Promise<LoadResult>;
  readonly result: LoadResult;
}

/** What each visitor does in a round. */
export type LoadMix = "signup" | "signin" | "home";

export interface LoadOptions {
  connections: number;
  /** What each round does: sign up a new name (default), sign in a known one, or GET /. */
  mix?: LoadMix;
  /** For "signin": the names (all with `password`) to sign in, in turn. */
  users?: readonly string[];
  password?: string;
  /** Tells this run's names and addresses from another run's against the same app. */
  run?: number;
}

export const LOAD_PASSWORD = "correct horse battery";

/**
 * Starts `connections` visitors on `baseUrl` (ending in `/`).
 * @example const load = startSigninLoad(url, { connections: 20 });
 */
export function startSigninLoad(baseUrl: string, options: LoadOptions): RunningLoad {
  const result: LoadResult = { statuses: new Map(), failed: 0, signedUp: [], samples: new Map() };
  const waiters: Array<{ status: number; target: number; resolve: () => void }> = [];
  let stopping = false;
  const count = (status: number, text: string) => {
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
    if (status !== 200 && status !== 303 && !result.samples.has(status))
      result.samples.set(status, text);
    for (const waiter of waiters.filter((w) => (result.statuses.get(w.status) ?? 0) >= w.target)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const visitors = Array.from({ length: options.connections }, (_, index) =>
    visit(baseUrl, index, options, count, result, () => stopping),
  );
  return {
    result,
    answered: (status, more = 1) =>
      new Promise((resolve) => {
        const target = (result.statuses.get(status) ?? 0) + more;
        waiters.push({ status, target, resolve });
      }),
    stop: async () => {
      stopping = true;
      await Promise.all(visitors);
      return result;
    },
  };
}

/** One visitor's loop, until told to stop. */
async function visit(
  baseUrl: string,
  index: number,
  options: LoadOptions,
  count: (status: number, text: string) => void,
  result: LoadResult,
  stopping: () => boolean,
): Promise<void> {
  const password = options.password ?? LOAD_PASSWORD;
  const users = options.users ?? [];
  for (let round = 0; !stopping(); round++) {
    const client = new LoadClient(baseUrl, loopbackAddress(options.run ?? 0, index, round));
    try {
      if (options.mix === "home") {
        count(...(await client.request("GET", "")));
        continue;
      }
      const page = options.mix === "signin" ? "signin" : "signup";
      const [status, text] = await client.request("GET", page);
      count(status, text);
      const token = /name="csrf_token" value="([^"]+)"/.exec(text)?.[1];
      if (status !== 200 || token === undefined) continue;
      const username =
        options.mix === "signin"
          ? (users[(index + round * options.connections) % users.length] ?? "")
          : `r${options.run ?? 0}v${index}n${round}`;
      const answer = await client.request("POST", page, { csrf_token: token, username, password });
      count(...answer);
      if (page === "signup" && answer[0] === 303) result.signedUp.push(username);
    } catch {
      result.failed++;
    }
  }
}

/**
 * A loopback address of its own for each run (0 to 7), visitor (0 to 31)
 * and round: every address makes one sign-up at most, far under the app's
 * limits per address. Linux answers on all of 127.0.0.0/8.
 */
function loopbackAddress(run: number, visitor: number, round: number): string {
  if (run > 7 || visitor > 31) throw new RangeError("at most 8 runs of 32 visitors");
  return `127.${run * 32 + visitor + 1}.${Math.floor(round / 250) % 250}.${(round % 250) + 1}`;
}

/** Requests from one visitor: its cookie, its address, a new connection each time. */
class LoadClient {
  #cookie = "";

  constructor(
    readonly baseUrl: string,
    readonly localAddress: string,
  ) {}

  /** Sends one request; answers its status and text. Rejects when the connection fails. */
  request(method: string, page: string, form?: Record<string, string>): Promise<[number, string]> {
    const body = form === undefined ? "" : new URLSearchParams(form).toString();
    const headers: Record<string, string> = { Cookie: this.#cookie };
    if (form !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const request = http.request(new URL(page, this.baseUrl), {
        method,
        headers,
        agent: false,
        localAddress: this.localAddress,
      });
      request.on("error", reject).on("response", (response) => {
        const session = response.headers["set-cookie"]?.find((line) => line.startsWith("session="));
        if (session !== undefined) this.#cookie = session.split(";")[0] as string;
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("error", reject);
        response.on("end", () => resolve([response.statusCode ?? 0, text]));
      });
      request.end(body);
    });
  }
}

/**
 * Signs each of `users` in once (the form, then the POST), `connections`
 * at a time, each from its own address; answers the names whose sign-in
 * did not succeed (`303` to `/`), with what they got.
 * @example expect(await signInEach(url, result.signedUp)).toEqual([]);
 */
export async function signInEach(
  baseUrl: string,
  users: readonly string[],
  { connections = 20, password = LOAD_PASSWORD, run = 7 } = {},
): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const one = async (lane: number): Promise<void> => {
    for (let i = next++; i < users.length; i = next++) {
      const username = users[i] as string;
      const client = new LoadClient(baseUrl, loopbackAddress(run, lane, i));
      try {
        const [, form] = await client.request("GET", "signin");
        const token = /name="csrf_token" value="([^"]+)"/.exec(form)?.[1] ?? "";
        const [status, text] = await client.request("POST", "signin", {
          csrf_token: token,
          username,
          password,
        });
        if (status !== 303) failures.push(`${username}: ${status} ${text.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${username}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, lane) => one(lane)));
  return failures;
}
