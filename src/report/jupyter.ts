/**
 * The method name Deno's Jupyter kernel calls to render a value: it returns a MIME
 * bundle such as `{ "text/html": ..., "text/plain": ... }`.
 */
export { JUPYTER_DISPLAY_SYMBOL as JUPYTER_DISPLAY } from "../evaluate/display.js";
