/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Formats a number for people: fixed decimals, "–" for null. */
export function formatNumber(value: number | null, digits = 3): string {
  return value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

/** A count with its noun for people: "1 document", "12 documents". */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
