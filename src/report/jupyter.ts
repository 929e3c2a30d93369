/**
 * The method name Deno's Jupyter kernel calls to render a value: it returns a MIME
 * bundle such as `{ "text/html": ..., "text/plain": ... }`.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;
