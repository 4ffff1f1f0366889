/**
 * Types for the part of autocannon 9 the benchmark uses (the package ships none).
 *
 * @example
 * import autocannon from "autocannon";
 * const result = await autocannon({ url, connections: 50, duration: 5 });
 * result.latency.p50; // milliseconds
 */
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
  }

  interface Result {
    /** Seconds the run actually took. */
    duration: number;
    requests: { total: number; average: number };
    /** Milliseconds. */
    latency: { p50: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  }

  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
