import { checkBoolean, checkString } from "../core/validate.js";
/**
 * Unicode and LaTeX clean-up applied before tokenizing: NFKC (folds ligatures such as
 * "ﬁ" and full-width letters), typographic apostrophes to `'`, and LaTeX debris removed:
 * control sequences (`\mathcal`, `\epsilon`), sub/superscript groups (`h^{1/4}`, `x_{ij}`)
 * and inline math delimiters. Lower-cases when asked.
 */
export function normalizeText(text: string, lowercase = true): string {
  checkString("normalizeText", "text", text);
  checkBoolean("normalizeText", "lowercase", lowercase);
  let s = text.normalize("NFKC").replace(/[\u2019\u2018\u02bc]/g, "'");
  if (s.includes("\\") || s.includes("^") || s.includes("_")) {
    s = s
      .replace(/\\[A-Za-z]+\*?/g, " ")
      .replace(/[\^_]\{[^{}]*\}/g, " ")
      .replace(/[\^_][\p{L}\p{N}]*/gu, " ");
  }
  return lowercase ? s.toLowerCase() : s;
}
