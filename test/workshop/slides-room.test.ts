import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listLessons } from "../../workshop/lessons.ts";
import { exercises } from "../../workshop/manifest.ts";
import { type Deck, listDecks, titledByLesson } from "../../workshop/slides.ts";
import { deckMarkdown } from "../../workshop/slides-page.ts";

// The same separators the deck's page gives reveal.js: a line of "---" (or
// "--", a vertical slide) between blank lines, and "Note:" before the notes.
const SLIDE_BREAK = /\r?\n\r?\n--(?:-)?\r?\n\r?\n/;

const LESSONS = fileURLToPath(new URL("../../lessons/", import.meta.url));
const SLIDES = fileURLToPath(new URL("../../slides/", import.meta.url));

async function titledDecks(): Promise<Deck[]> {
  const [decks, lessons] = await Promise.all([listDecks(SLIDES), listLessons(LESSONS)]);
  return decks.map((deck) => titledByLesson(deck, lessons));
}

describe("every deck, as presented", () => {
  it("has speaker notes on every slide, the title slide and the last one included", async () => {
    const decks = await titledDecks();
    const missing: string[] = [];
    decks.forEach((deck, i) => {
      const slides = deckMarkdown("", deck, { exercises, next: decks[i + 1] }).split(SLIDE_BREAK);
      slides.forEach((slide, n) => {
        if (!/^Note:/m.test(slide))
          missing.push(`${deck.name}, slide ${n + 1}: ${slide.trim().split("\n")[0]}`);
      });
    });
    expect(missing).toEqual([]);
  });

  it("opens on the lesson's own title and ends with links to the lesson, its exercises and the next deck", async () => {
    const decks = await titledDecks();
    const index = decks.findIndex((deck) => deck.name === "11-sign-in");
    const deck = decks[index] as Deck;
    const markdown = deckMarkdown("/w", deck, { exercises, next: decks[index + 1] });
    expect(markdown.startsWith(`# 11 · ${deck.lesson?.title}\n`)).toBe(true);
    const last = markdown.split(SLIDE_BREAK).at(-1) ?? "";
    expect(last).toContain(
      `- Read the lesson: [11 · ${deck.lesson?.title}](/w/lessons/11-sign-in/)`,
    );
    const own = exercises.filter((exercise) => exercise.lesson === "11-sign-in");
    expect(own.length).toBeGreaterThan(0);
    for (const exercise of own)
      expect(last).toContain(`[${exercise.id}](/w/exercises/${exercise.id})`);
    expect(last).toContain("- The next deck: [12 · Deployment");
    expect(last).toContain("](/w/slides/12-deployment)");
  });

  it("says, on the last deck's last slide, that it was the last", async () => {
    const decks = await titledDecks();
    const last = decks.at(-1) as Deck;
    const markdown = deckMarkdown("", last, { exercises });
    expect(markdown).not.toContain("The next deck");
    expect(markdown).toContain("This was the last deck.");
  });
});
