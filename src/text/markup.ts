// HTML left in a text (mail bodies, feeds, scraped pages): its tags and attributes
// ("font", "td", "bgcolor", "ffffff", "verdana") are no words of the text, and its
// character references ("&nbsp;", "&#233;") hide the words they sit in.
import { DecodingMode, decodeHTML } from "entities/decode";

/** Elements rendered inside a line of text: their tags join what is on either side ("V<b></b>iagra"). */
const INLINE =
  "a|abbr|acronym|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|nobr|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var";
/** Other elements: their tags part words, as a browser's line or cell break does. */
const BLOCK =
  "address|area|article|aside|base|basefont|blockquote|body|br|button|caption|center|col|colgroup|dd|details|dir|div|dl|dt|embed|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|img|input|label|legend|li|link|main|map|menu|meta|nav|noscript|ol|optgroup|option|p|param|pre|section|select|source|summary|table|tbody|td|textarea|tfoot|th|thead|title|tr|ul|wbr|xml|o:p";

/** An attribute: a name, and a value quoted or not (`face="verdana, arial"`, `width=100`, `nowrap`). */
const ATTRIBUTE = `[A-Za-z_:][-A-Za-z0-9_:.]*(?:\\s*=\\s*(?:"[^"<>]*"|'[^'<>]*'|[^\\s<>]+))?`;

/**
 * A tag of a known element, written as HTML writes one: its name, then attributes, up to
 * ">". Only known element names count, so "p < 0.05", "<unk>" and "x<y" are text; so is a
 * name followed by what no attribute is ("<B%)5#>" in uuencoded data).
 */
const TAG = new RegExp(`<(/?)(${INLINE}|${BLOCK})((?:\\s+${ATTRIBUTE})*)\\s*/?>`, "giu");
const INLINE_NAME = new RegExp(`^(?:${INLINE})$`, "iu");
/** Comments, the document type (`<!DOCTYPE html>`) and XML declarations. */
const COMMENT = /<!--[\s\S]*?-->|<!doctype\s[^<>]*>|<\?xml\s[^<>]*\?>/giu;
/** Character data (RSS descriptions): its text stays, its brackets go. */
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/gu;
/** Style sheets and scripts are markup through and through, content included. */
const STYLE_OR_SCRIPT = /<(style|script)\b[^<>]*>[\s\S]*?<\/\1\s*>/giu;

/**
 * Whether the known-element tags of a text make it markup, not a word written in angle
 * brackets ("the <title> field") nor characters of encoded data: a tag with an attribute
 * given a value (`<font face="arial">`), a closing tag of an element opened before it
 * (`<b>…</b>`), or two bare tags in lower case (`<br>`, `<p>`).
 */
function isMarkup(text: string): boolean {
  const opened = new Set<string>();
  let bare = 0;
  for (const m of text.matchAll(TAG)) {
    const [tag, close, name, attributes] = m as unknown as [string, string, string, string];
    if (attributes.includes("=")) return true;
    const element = name.toLowerCase();
    if (close === "/" && opened.has(element)) return true;
    if (close === "") opened.add(element);
    if (tag === tag.toLowerCase() && ++bare >= 2) return true;
  }
  return false;
}

/**
 * The text with HTML taken out as a browser would show it: comments, declarations, style
 * sheets and scripts go whole; a tag of a known element goes with its attributes, leaving
 * nothing between the words of an inline element (`<b>`, `<span>`, `<font>`) and a space
 * for any other (`<br>`, `<td>`, `<p>`); character references are decoded ("&eacute;" and
 * "&#233;" are "é", "&nbsp;" a no-break space, "&amp;" "&"). Only references closed by ";"
 * are read, so "AT&T" and "R&D" stay. Texts without "<" or "&" are returned as they are.
 */
export function withoutMarkup(text: string): string {
  let s = text;
  if (s.includes("<")) {
    if (s.includes("<!") || s.includes("<?")) s = s.replace(COMMENT, " ").replace(CDATA, " $1 ");
    if (/<(?:style|script)\b/iu.test(s)) s = s.replace(STYLE_OR_SCRIPT, " ");
    if (s !== text || isMarkup(s)) {
      s = s.replace(TAG, (_tag, _close: string, name: string) => (INLINE_NAME.test(name) ? "" : " "));
    }
  }
  return s.includes("&") && s.includes(";") ? decodeHTML(s, DecodingMode.Strict) : s;
}
