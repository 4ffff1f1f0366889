/**
 * The instructor's decks: the Markdown files in `slides/`, one per lesson.
 *
 * A deck is `slides/NAME.md` (every `.md` there but the README); its title
 * is its first `# ` heading. A lesson's deck is named as the lesson's folder
 * and has no such heading: its title is the lesson's, from the lesson's
 * README, the one place a lesson's title is written (`titledByLesson`).
 * The name comes from the request's path, so it
 * is checked against a strict pattern before it touches the disk: a name
 * that could climb out of the folder is simply not a deck.
 *
 * @example
 * const decks = await listDecks("slides"); // [{ name: "01-http-by-hand", title: "01-http-by-hand", ... }]
 * const deck = await readDeck("slides", "01-http-by-hand");
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Lesson } from "./lessons.ts";

/** One deck: its file's name without `.md`, its title and its Markdown. */
export interface Deck {
  name: string;
  title: string;
  markdown: string;
  /** The lesson the deck belongs to, when its name is a lesson's folder (`titledByLesson`). */
  lesson?: Lesson;
}

// Letters, digits, "-" and "_", not starting with a dot: no "..", no "/", no hidden file.
const DECK_NAME = /^[A-Za-z0-9][\w-]*$/;

/**
 * Every deck in `slidesDir`, sorted by name; none when the folder does not exist.
 * @example (await listDecks("slides")).map((deck) => deck.title);
 */
export async function listDecks(slidesDir: string): Promise<Deck[]> {
  const names = await readdir(slidesDir).catch(() => [] as string[]);
  const decks = names
    .filter((file) => file.endsWith(".md"))
    .map((file) => file.slice(0, -".md".length))
    .filter(isDeckName)
    .sort();
  const found = await Promise.all(decks.map((name) => readDeck(slidesDir, name)));
  return found.filter((deck) => deck !== undefined);
}

/**
 * The deck called `name`, or undefined when there is none (or the name could not be one).
 * @example await readDeck("slides", "03-gateway-app");
 */
export async function readDeck(slidesDir: string, name: string): Promise<Deck | undefined> {
  if (!isDeckName(name)) return undefined;
  const markdown = await readFile(join(slidesDir, `${name}.md`), "utf8").catch(() => undefined);
  if (markdown === undefined) return undefined;
  return { name, title: deckTitle(markdown) ?? name, markdown };
}

/**
 * The text of the first `# ` heading, if there is one.
 * @example deckTitle("# 03 · Gateway apps\n\n---"); // "03 · Gateway apps"
 */
export function deckTitle(markdown: string): string | undefined {
  return /^# +(.+?)\s*$/m.exec(markdown)?.[1];
}

/**
 * The deck with its lesson, and the lesson's number and title as its title,
 * when a lesson has the deck's name; otherwise the deck as it is.
 * @example titledByLesson(deck, lessons).title; // "03 · From CGI to a gateway app"
 */
export function titledByLesson(deck: Deck, lessons: Lesson[]): Deck {
  const lesson = lessons.find((each) => each.slug === deck.name);
  return lesson ? { ...deck, lesson, title: `${lesson.number} · ${lesson.title}` } : deck;
}

/** The README says how to use the decks; it is not one. */
function isDeckName(name: string): boolean {
  return DECK_NAME.test(name) && name.toLowerCase() !== "readme";
}
