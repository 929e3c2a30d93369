import { open } from "node:fs/promises";

/** True when the file's first bytes are `magic` (Latin-1); false for a file that cannot be read. */
export async function fileStartsWith(path: string, magic: string): Promise<boolean> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(magic.length);
      await handle.read(head, 0, magic.length, 0);
      return head.toString("latin1") === magic;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
