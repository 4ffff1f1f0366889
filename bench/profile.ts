/**
 * Where a server's time went: a summary of a `node --cpu-prof` profile.
 *
 * A `.cpuprofile` is a call tree with a count of samples per node. Self
 * time is the samples taken inside a function itself; total time adds the
 * functions it called. Shares are of the busy time: the idle samples (the
 * server waiting for the network) are left out, so the shares add up to
 * what one request costs.
 *
 * @example
 * const profile: CpuProfile = JSON.parse(readFileSync(file, "utf8"));
 * console.log(formatProfile(summarizeProfile(profile, process.cwd())));
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The parts of Chrome's `.cpuprofile` format that the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }>;
}

/** One function's share of the busy time. */
export interface FunctionShare {
  /** "name (file:line)", or "name (file.ts)": tsx does not keep a TypeScript file's lines. */
  where: string;
  self: number;
  total: number;
}

/** The busy samples, and every function's shares, largest self time first. */
export interface ProfileSummary {
  busySamples: number;
  functions: FunctionShare[];
}

const IDLE = "(idle)";

/**
 * Adds up self and total samples per function, as shares of the busy samples.
 * A recursive function's total counts each sample once.
 * @example summarizeProfile(profile, "/work/main").functions[0] // { where: "writeHead (node:_http_server:350)", ... }
 */
export function summarizeProfile(profile: CpuProfile, root: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const visit = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id);
    if (node === undefined) return 0;
    const key = describeFrame(node.callFrame, root);
    const inner = new Set(onStack).add(key);
    const hits = node.callFrame.functionName === IDLE ? 0 : (node.hitCount ?? 0);
    const samples =
      hits + (node.children ?? []).reduce((sum, child) => sum + visit(child, inner), 0);
    self.set(key, (self.get(key) ?? 0) + hits);
    if (!onStack.has(key)) total.set(key, (total.get(key) ?? 0) + samples);
    return samples;
  };
  const rootNode = profile.nodes[0];
  const busySamples = rootNode === undefined ? 0 : visit(rootNode.id, new Set());
  const share = (count: number) => (busySamples === 0 ? 0 : count / busySamples);
  const functions = [...total.keys()]
    .map((where) => ({
      where,
      self: share(self.get(where) ?? 0),
      total: share(total.get(where) ?? 0),
    }))
    .sort((a, b) => b.self - a.self);
  return { busySamples, functions };
}

function describeFrame(frame: CpuProfile["nodes"][number]["callFrame"], root: string): string {
  const name = frame.functionName || "(anonymous)";
  if (frame.url === "") return name;
  if (!frame.url.startsWith("file:")) return `${name} (${frame.url}:${frame.lineNumber + 1})`;
  const file = path.relative(root, fileURLToPath(frame.url));
  // tsx runs .ts files as whitespace-minified JavaScript: their line numbers mean nothing.
  if (/\.[cm]?tsx?$/.test(file)) return `${name} (${file})`;
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

/**
 * The top functions by self time, then the project's own functions by total time.
 * @example formatProfile(summary, { top: 10, ownCode: "gateway/" })
 */
export function formatProfile(
  summary: ProfileSummary,
  options: { top?: number; ownCode?: string } = {},
): string {
  const { top = 15, ownCode = `gateway${path.sep}` } = options;
  const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const line = (fn: FunctionShare) =>
    `  ${percent(fn.self)} self  ${percent(fn.total)} total  ${fn.where}`;
  const own = summary.functions.filter((fn) => fn.where.includes(`(${ownCode}`));
  const lines = [
    `${summary.busySamples} busy samples. Top ${top} functions by self time:`,
    ...summary.functions.slice(0, top).map(line),
  ];
  if (own.length === 0) return lines.join("\n");
  return [
    ...lines,
    `Functions in ${ownCode} by total time (self + what they call):`,
    ...[...own]
      .sort((a, b) => b.total - a.total)
      .slice(0, top)
      .map(line),
  ].join("\n");
}
