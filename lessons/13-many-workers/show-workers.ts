/**
 * What the demo prints once it listens: a few requests, each on a new
 * connection (as separate browsers would send them), and what each answer
 * said. The supervisor hands each new connection to the next worker, so
 * the answers come from both, and the two counts can be compared.
 *
 * @example
 * await showWorkers("http://127.0.0.1:8013/", 6);
 * // request 1: worker 4242 (gateway.multiprocess: true), this worker's memory: 1, the database: 1
 * // request 2: worker 4243 (gateway.multiprocess: true), this worker's memory: 1, the database: 2
 */
import http from "node:http";

/** Sends `times` GETs to `url`, each on its own connection, and prints each answer on one line. */
export async function showWorkers(url: string, times: number): Promise<void> {
  for (let i = 1; i <= times; i++) {
    const answer = await getOnNewConnection(url);
    console.log(`  request ${i}: ${answer.trim().split("\n").join(", ")}`);
  }
}

/**
 * One GET with no keep-alive (`agent: false`): the next request opens another connection.
 * @example await getOnNewConnection("http://127.0.0.1:8013/"); // "visit 1\n" (memory-counter.ts)
 */
export function getOnNewConnection(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve(`${response.statusCode} ${text}`.replace(/^200 /, "")));
      })
      .on("error", reject);
  });
}
