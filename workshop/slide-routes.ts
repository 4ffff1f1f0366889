/**
 * `/slides/` of the workshop home: the list of decks, one deck presented
 * with reveal.js, and reveal.js's own files, served from the checkout so
 * that the decks work offline.
 *
 * @example
 * [/^\/slides\/([^/]+)$/, showDeck] // a route of home.ts
 */
import { readFile } from "node:fs/promises";
import type { Body } from "../gateway/types.ts";
import { type HomeRequest, notFound, ok } from "./home-request.ts";
import { listLessons } from "./lessons.ts";
import { sendBytes } from "./responses.ts";
import { findRevealFile } from "./reveal-files.ts";
import { type Deck, listDecks, titledByLesson } from "./slides.ts";
import { deckListPage, deckPage } from "./slides-page.ts";

/**
 * The list of decks.
 * @example [/^\/slides\/$/, showDeckList]
 */
export async function showDeckList(request: HomeRequest): Promise<Body> {
  return ok(request, deckListPage(request.root, await titledDecks(request)));
}

/**
 * One deck, with links to its exercises and to the next deck.
 * @example [/^\/slides\/([^/]+)$/, showDeck]
 */
export async function showDeck(request: HomeRequest): Promise<Body> {
  const decks = await titledDecks(request);
  const index = decks.findIndex((deck) => deck.name === request.params[0]);
  const deck = decks[index];
  if (deck === undefined) return notFound(request);
  const links = { exercises: request.progress.exercises, next: decks[index + 1] };
  return ok(request, deckPage(request.root, deck, links));
}

/** Every deck, a lesson's titled by its lesson (slides.ts). */
async function titledDecks(request: HomeRequest): Promise<Deck[]> {
  const [decks, lessons] = await Promise.all([
    listDecks(request.slidesDir),
    listLessons(request.lessonsDir),
  ]);
  return decks.map((deck) => titledByLesson(deck, lessons));
}

/**
 * One of reveal.js's own files.
 * @example [/^\/slides\/reveal\/(.*)$/, refusingUnsafePaths(sendRevealFile)]
 */
export async function sendRevealFile(request: HomeRequest): Promise<Body> {
  const file = await findRevealFile(request.params[0] as string);
  if (file === undefined) return notFound(request);
  return sendBytes(request.startResponse, file.type, await readFile(file.path));
}
