/**
 * What a supervisor and its workers say to each other.
 *
 * A worker learns its settings when it starts, from one environment
 * variable (`node:cluster` forks it with the supervisor's environment plus
 * this one), and then hears and says a few things over the IPC channel
 * `node:cluster` opens between the two: the worker says when it listens or
 * why it failed; the supervisor tells it to stop. Each message carries a
 * `gateway` key naming it, so that messages an app sends on the same
 * channel (`process.send`) are told apart.
 *
 * @example
 * cluster.fork({ [SETTINGS_VARIABLE]: JSON.stringify({ slot: 1, port: 8000, gracefulTimeout: 10_000 }) });
 * worker.on("message", (message) => { if (isNews(message) && message.gateway === "listening") ... });
 * worker.send({ gateway: "stop", gracefulTimeout: 10_000 } satisfies Stop);
 */

/** The environment variable a worker finds its settings in, as JSON. */
export const SETTINGS_VARIABLE = "GATEWAY_WORKER";

/** What a worker is told when it starts. */
export interface WorkerSettings {
  /** Which of the supervisor's workers it is, from 1, for its log lines. */
  slot: number;
  /**
   * The port to listen on: the one asked for, or for port 0 the free one
   * the supervisor found, so that a worker that replaces the last one
   * listening still serves the port announced.
   */
  port: number;
  /** Milliseconds that requests under way may run on when the worker gets a SIGTERM. */
  gracefulTimeout: number;
}

/** A worker's news, for its supervisor. */
export type WorkerNews =
  | { gateway: "listening"; host: string; port: number }
  /**
   * The error that ends the worker, as text (its stack), since errors do
   * not cross processes, and its `code` if it has one (`EADDRINUSE`).
   */
  | { gateway: "failed"; error: string; code?: string };

/** The supervisor's word to a worker: finish what is under way, for up to that long, then exit. */
export interface Stop {
  gateway: "stop";
  /** Milliseconds. */
  gracefulTimeout: number;
}

/**
 * True for the messages a worker sends its supervisor.
 * @example worker.on("message", (message) => isNews(message) && handle(message));
 */
export function isNews(message: unknown): message is WorkerNews {
  const name = (message as { gateway?: unknown } | null)?.gateway;
  return name === "listening" || name === "failed";
}

/**
 * True for the supervisor's order to stop.
 * @example process.on("message", (message) => isStop(message) && stop(message.gracefulTimeout));
 */
export function isStop(message: unknown): message is Stop {
  return (message as { gateway?: unknown } | null)?.gateway === "stop";
}
