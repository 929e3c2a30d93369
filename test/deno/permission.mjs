// Run by Deno with read access to the package only: reading a file outside it must say why.
import { readDocuments } from "../../dist/node.js";

try {
  await readDocuments(new URL("../../seeds/abstracts-page.txt", import.meta.url).pathname);
  console.log("read");
} catch (error) {
  console.log(error.message);
}
