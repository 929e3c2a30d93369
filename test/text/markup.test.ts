import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { withoutMarkup } from "../../src/text/markup.js";
import { tokenize } from "../../src/text/tokenize.js";
import { fitTfidf, tfidfFromJSON } from "../../src/vectorize/tfidf.js";

// A spam body as mail corpora hold it (SpamAssassin's, 2002), shortened.
const SPAM = `<html><head><style>.headline {font-family: Verdana, Arial; font-size:9pt}</style></head>
<body bgcolor=ffffff link=0000ff><!-- hidden filler words -->
<table align="center" width=270><tr><td><font size=2 face="verdana,arial">Lowest mortgage
<b>rates</b> in&nbsp;years.<br>Refinance&#160;now &mdash; caf&eacute; &#233;t&#xE9;</font></td></tr></table>
</body></html>`;

describe("withoutMarkup", () => {
  it("keeps a mail body's words and drops its tags, attributes, comments and style sheet", () => {
    expect(tokenize(SPAM)).toEqual(["lowest", "mortgage", "rates", "in", "years", "refinance", "now", "café", "été"]);
    // Without the option the markup's pieces are words.
    const raw = tokenize(SPAM, { dropMarkup: false });
    for (const word of ["font", "td", "bgcolor", "ffffff", "verdana", "nbsp", "headline", "hidden"])
      expect(raw).toContain(word);
  });

  it("joins the pieces of an inline element and parts block elements, as a browser shows them", () => {
    expect(tokenize("<p>Cheap V<b></b>ia<span>gra</span></p><p>now</p>")).toEqual(["cheap", "viagra", "now"]);
    expect(tokenize("one<br>two<td>three</td><td>four</td>")).toEqual(["one", "two", "three", "four"]);
    expect(tokenize("<P>PARA ONE</P><P>PARA TWO</P>")).toEqual(["para", "one", "para", "two"]);
  });

  it("keeps the text of character data, and decodes only references closed by a semicolon", () => {
    expect(tokenize("<p><![CDATA[Rates fall]]></p><br>")).toEqual(["rates", "fall"]);
    expect(withoutMarkup("AT&T and R&D, &copy2002, &QL; &lt;b&gt;")).toBe("AT&T and R&D, &copy2002, &QL; <b>");
    expect(withoutMarkup("&#0;&#xD800;x")).toBe("\uFFFD\uFFFDx");
  });

  it("leaves text in angle brackets that is no markup", () => {
    for (const text of [
      "p < 0.05 and x<y, so a<b and c>d",
      "the <title> field and <unk> tokens",
      "<I mention this only to illustrate the> point",
      "<big foot> was seen",
      "MP.B9 *%[!*-Y!*%]!*-W!(S BQY_!+Y_!.AM ZC<P2[Y <B> <P 5Y%(MT.2CNXH_%T> <U> <Q>",
      "<!ZC%$> and <?php echo 1 ?>",
    ])
      expect(withoutMarkup(text)).toBe(text);
    // A pair is markup; as sentence marks in an abstract its letter was no word anyway.
    expect(tokenize("<s> starts and </s> ends")).toEqual(tokenize("s starts and s ends"));
  });

  it("returns a text without '<' or '&' as it is (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter((s) => !s.includes("<") && !s.includes("&")),
        (s) => withoutMarkup(s) === s,
      ),
    );
  });

  it("gives the words of a page whatever markup wraps them (property)", () => {
    const word = fc.stringMatching(/^[a-z]{2,8}$/);
    const attribute = fc.constantFrom(
      "",
      ' class="x"',
      " width=100",
      " face='arial, helvetica'",
      " nowrap",
      ' style="a:b"',
    );
    const element = fc.constantFrom("p", "div", "td", "li", "h2", "table", "B", "font", "span", "a");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(element, attribute, fc.array(word, { minLength: 1, maxLength: 4 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (blocks, breaks) => {
          // Each block's words inside one element, blocks apart by white space or a <br>.
          const html = blocks
            .map(([el, attr, words]) => `<${el}${attr}>${words.join(" ")}</${el}>`)
            .join(breaks ? "<br>" : "\n");
          expect(tokenize(html)).toEqual(tokenize(blocks.flatMap(([, , words]) => words).join(" ")));
        },
      ),
    );
  });

  it("is refused as a non-boolean option", () => {
    expect(() => tokenize("x", { dropMarkup: "yes" as unknown as boolean })).toThrow(
      /tokenize: options.dropMarkup must be true or false; got "yes"/,
    );
  });

  it("gives clusterTopics' keywords the words the vectorizer reads, markup or not, stemmed or not", () => {
    // Six HTML offers, six plain notes on gardens.
    const offers = ["cheap pills", "lowest rates", "free offer", "cheap loans", "free pills", "lowest offer"].map(
      (x, i) => `<html><body bgcolor=ffffff><font face="arial" size=${i}>${x} today</font><br>click now</body></html>`,
    );
    const notes = ["roses bloom", "tulips bloom", "garden roses", "garden soil", "tulips soil", "roses garden"].map(
      (x) => `${x} in spring, the garden grows`,
    );
    const keywordsOf = (vectorizer: object) =>
      clusterTopics([...offers, ...notes], { k: 2, seed: 0, stabilitySeeds: 1, vectorizer }).topics.flatMap((t) =>
        t.keywords.map((x) => x.term),
      );
    const markupWords = (terms: string[]) => terms.filter((t) => /\b(font|arial|bgcolor|ffffff|br)\b/.test(t));
    expect(markupWords(keywordsOf({}))).toEqual([]);
    expect(markupWords(keywordsOf({ dropMarkup: false })).length).toBeGreaterThan(0);
    // Stemmed vectors: keywords come from a second, plain reading, of the same text.
    expect(markupWords(keywordsOf({ stem: "porter2" }))).toEqual([]);
    expect(markupWords(keywordsOf({ dropMarkup: false, stem: "porter2" })).length).toBeGreaterThan(0);
  });

  it("a model saved before dropMarkup existed reads markup as words", () => {
    const docs = ["<p>rates <b>fall</b></p>", "<font face=arial>rates rise</font>", "font sizes"];
    const json = JSON.parse(JSON.stringify(fitTfidf(docs, { minDf: 1 })));
    expect(json.options.dropMarkup).toBe(true);
    expect(json.vocabulary).not.toContain("arial");
    const font = json.vocabulary.indexOf("font");
    const reads = (model: ReturnType<typeof tfidfFromJSON>) =>
      Array.from(model.transform(["<font size=2>x</font>"]).indices).includes(font);
    expect(reads(tfidfFromJSON(json))).toBe(false);
    // What an older version saved: no dropMarkup in its options, so tags stay words.
    delete json.options.dropMarkup;
    expect(reads(tfidfFromJSON(json))).toBe(true);
  });
});
