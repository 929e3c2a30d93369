/**
 * A 20 Newsgroups post without its headers and quoted lines (as scikit-learn's
 * `remove=("headers", "quotes")` intends): the body after the first blank line, less lines
 * that start with ">" or "|" and the "... writes:" lines that introduce them.
 */
export function stripPost(text) {
  const body = text.slice(Math.max(0, text.indexOf("\n\n")));
  return body
    .split("\n")
    .filter((line) => !/^\s*(>|\|)/.test(line) && !/\bwrites:\s*$|\bwrote:\s*$/.test(line))
    .join("\n");
}
