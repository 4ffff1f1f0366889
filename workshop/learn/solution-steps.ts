/**
 * The reference solution of an exercise, cut into steps a stuck learner can take one at a time.
 *
 * A step is a zero-context hunk of the diff from the starter as shipped to
 * the solution: one place in the file, the lines to take out and the lines
 * to put in. Where one hunk holds several ideas (a whole function body
 * written at once), the solution file cuts it with step markers, comment
 * lines of their own that also name the step:
 *
 *     // Step: refuse methods other than GET and HEAD.
 *
 * The markers are in the solution only: the starter never shows them, and
 * they are left out of the steps' lines. Applying every step, in order, to
 * the starter as shipped gives the solution without its markers (a test
 * checks it for every exercise).
 *
 * @example
 * const steps = solutionSteps(shippedText, solutionText);
 * steps[0]; // { number: 1, total: 2, title: "refuse other methods", line: 26, removed: [...], added: [...] }
 */
import { structuredPatch } from "diff";

/** One step from the starter towards the solution. */
export interface SolutionStep {
  /** 1-based. */
  readonly number: number;
  readonly total: number;
  /** What the step does, from its marker; undefined when the solution does not name it. */
  readonly title: string | undefined;
  /** The line of the starter as shipped where the change begins (new lines go before it). */
  readonly line: number;
  /** Lines of the starter the step takes out (maybe none). */
  readonly removed: readonly string[];
  /** Lines of the solution the step puts in (maybe none). */
  readonly added: readonly string[];
}

/** A step marker: a comment line of its own in a solution file. */
const MARKER = /^\s*\/\/\s*Step:\s*(.*?)\s*$/;

/**
 * The steps from `shipped` (the starter's text) to `solution` (the reference's text).
 *
 * @example
 * solutionSteps("a\nTODO\n", "a\n// Step: say b\nb\n// Step: say c\nc\n").map((s) => s.title);
 * // ["say b", "say c"]
 */
export function solutionSteps(shipped: string, solution: string): SolutionStep[] {
  const { text, markers } = withoutMarkers(solution);
  const patch = structuredPatch("starter", "solution", shipped, text, "", "", {
    context: 0,
    // A Windows checkout may turn one side's line ends into CRLF: that is no step.
    stripTrailingCr: true,
  });
  const parts = patch.hunks.flatMap((hunk) => splitAtMarkers(hunk, markers));
  return parts.map((part, index) => ({ ...part, number: index + 1, total: parts.length }));
}

/**
 * The starter with steps 1 to `upTo` applied (all by default): the solution, without its markers,
 * once every step is in.
 *
 * @example
 * applySteps(shippedText, steps, 2); // the file as it is after the first two steps
 */
export function applySteps(
  shipped: string,
  steps: readonly SolutionStep[],
  upTo = steps.length,
): string {
  const lines = splitLines(shipped);
  // From the last to the first, so that every step's line number still points where it did.
  for (const step of steps.slice(0, upTo).reverse()) {
    lines.splice(step.line - 1, step.removed.length, ...step.added);
  }
  return lines.join("\n");
}

/**
 * True when the text has a step marker: a starter never may, since the learner would see it.
 *
 * @example
 * hasStepMarker("  // Step: say b\n"); // true
 */
export function hasStepMarker(text: string): boolean {
  return splitLines(text).some((line) => MARKER.test(line));
}

/**
 * The solution with its marker lines taken out, and each marker's title by the index of the
 * line that followed it.
 *
 * @example
 * withoutMarkers("a\n// Step: b\nb\n"); // { text: "a\nb\n", markers: Map { 1 => "b" } }
 */
export function withoutMarkers(solution: string): { text: string; markers: Map<number, string> } {
  const markers = new Map<number, string>();
  const kept: string[] = [];
  for (const line of splitLines(solution)) {
    const title = MARKER.exec(line)?.[1];
    if (title === undefined) kept.push(line);
    else markers.set(kept.length, title);
  }
  return { text: kept.join("\n"), markers };
}

type Part = Omit<SolutionStep, "number" | "total">;

interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly string[];
}

/**
 * One hunk as one step, or several where markers fall inside it. A marker just before the
 * hunk names it. The lines taken out go with the first part.
 */
function splitAtMarkers(hunk: Hunk, markers: ReadonlyMap<number, string>): Part[] {
  const firstNew = hunk.newStart - 1; // 0-based index of the hunk's first new line
  // For an insertion too, jsdiff's oldStart is the line the new lines go before.
  const line = hunk.oldStart;
  const removed = hunk.lines.filter((text) => text.startsWith("-")).map((text) => text.slice(1));
  const added = hunk.lines.filter((text) => text.startsWith("+")).map((text) => text.slice(1));
  const parts: Part[] = [];
  let part = { title: markers.get(firstNew), line, removed, added: [] as string[] };
  added.forEach((text, offset) => {
    const title = markers.get(firstNew + offset);
    if (offset > 0 && title !== undefined) {
      parts.push(part);
      // Later parts go in after what the first part took out.
      part = { title, line: line + removed.length, removed: [], added: [] };
    }
    part.added.push(text);
  });
  parts.push(part);
  return parts;
}

/** Lines without their ends; a final newline gives a last empty line, as `join` puts it back. */
function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
