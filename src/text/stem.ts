import { stem as porter2 } from "porter2";
import { checkString } from "../core/validate.js";

/** A stemmer maps a token to its stem; any function of this shape plugs in (e.g. `natural.PorterStemmer.stem`). */
export type Stemmer = (token: string) => string;

/** The English Porter2 (Snowball) stemmer from the `porter2` package. */
export const porter2Stemmer: Stemmer = (token) => porter2(checkString("porter2Stemmer", "token", token));
