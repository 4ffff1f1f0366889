import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { itWithReferenceAnswers } from "../support/reference-answers.ts";

// Every code block in a deck is copied from a file of the repository, and says
// which one in the comment just before it: `<!-- from: lessons/03-gateway-app/app.ts -->`.
// These tests fail when that file changes and the slide was not updated.

const repository = fileURLToPath(new URL("../../", import.meta.url));
const slidesDir = join(repository, "slides");
const decks = readdirSync(slidesDir).filter((file) => file.endsWith(".md") && file !== "README.md");

interface CodeBlock {
  deck: string;
  line: number;
  source: string | undefined;
  lines: string[];
}

/**
 * The fenced code blocks of a deck (``` or ~~~, as Markdown allows), each with
 * the file its `from:` comment names. A block ends at a fence of the same
 * character, at least as long, and nothing after it but spaces.
 */
function codeBlocks(deck: string, text: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,}|~{3,})/.exec(lines[i] as string)?.[1];
    if (fence === undefined) continue;
    const closes = new RegExp(`^${fence[0]}{${fence.length},}\\s*$`);
    const closing = lines.findIndex((line, j) => j > i && closes.test(line));
    const end = closing === -1 ? lines.length : closing; // an unclosed fence runs to the end
    const source = /^<!-- from: (\S+) -->$/.exec(lines[i - 1] ?? "")?.[1];
    blocks.push({ deck, line: i + 1, source, lines: lines.slice(i + 1, end) });
    i = end;
  }
  return blocks;
}

/** True when `block` appears in the file at `path` as consecutive lines (indentation aside). */
function appearsIn(path: string, block: string[]): boolean {
  let text: string;
  try {
    text = readFileSync(join(repository, path), "utf8");
  } catch {
    return false; // the file was moved or renamed
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const wanted = block.map((line) => line.trim());
  if (wanted.length === 0) return false;
  return lines.some((_, start) => wanted.every((line, i) => lines[start + i] === line));
}

const blocks = decks.flatMap((deck) =>
  codeBlocks(deck, readFileSync(join(slidesDir, deck), "utf8")),
);

describe("finding a deck's code blocks", () => {
  it("finds ~~~ fences as well as ``` ones, each ended only by a fence of its own kind", () => {
    const deck = [
      "<!-- from: a.ts -->",
      "~~~ts",
      "const a = 1;",
      "```",
      "~~~~",
      "<!-- from: b.ts -->",
      "````",
      "const b = 2;",
      "~~~",
      "````  ",
    ].join("\n");
    expect(codeBlocks("test.md", deck)).toEqual([
      { deck: "test.md", line: 2, source: "a.ts", lines: ["const a = 1;", "```"] },
      { deck: "test.md", line: 7, source: "b.ts", lines: ["const b = 2;", "~~~"] },
    ]);
  });

  it("runs an unclosed fence to the end of the deck", () => {
    expect(codeBlocks("test.md", "~~~\nlast line")).toEqual([
      { deck: "test.md", line: 1, source: undefined, lines: ["last line"] },
    ]);
  });
});

describe("the slides' code blocks", () => {
  it("are there to check: the decks hold code", () => {
    expect(decks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeGreaterThanOrEqual(decks.length);
  });

  it("each name the file they come from, in a comment on the line before", () => {
    const unmarked = blocks
      .filter((block) => block.source === undefined)
      .map((block) => `${block.deck}:${block.line}`);
    expect(unmarked).toEqual([]);
  });

  // Some decks show code from the reference answers.
  itWithReferenceAnswers("each still appear, line for line, in the file they name", () => {
    const drifted = blocks
      .filter((block) => block.source !== undefined && !appearsIn(block.source, block.lines))
      .map((block) => `${block.deck}:${block.line} is not in ${block.source}`);
    expect(drifted).toEqual([]);
  });

  it("each stay short enough to read on a projector", () => {
    const long = blocks
      .filter((block) => block.lines.length > 14)
      .map((block) => `${block.deck}:${block.line} has ${block.lines.length} lines`);
    expect(long).toEqual([]);
  });
});
