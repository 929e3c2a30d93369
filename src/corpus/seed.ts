import page from "../../seeds/abstracts-page.txt";
import { type Paper, parseAbstractsPage } from "./parseAbstractsPage.js";

/** The raw text of the packaged seed corpus: a saved page of 70 machine-learning paper abstracts. */
export const SEED_ABSTRACTS_PAGE: string = page;

/** The 70 papers of the packaged seed corpus, in page order. Works in Node, Deno and browsers. */
export function seedCorpus(): Paper[] {
  return parseAbstractsPage(SEED_ABSTRACTS_PAGE);
}
