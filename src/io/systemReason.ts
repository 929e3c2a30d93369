/** The reason of a file-system error in words, without Node's "ENOENT: ENOENT: ..." doubling. */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  // Deno without the permission: its own error, not a missing file.
  const name = (error as Error).name;
  if (name === "NotCapable" || name === "PermissionDenied") return "permission denied (in Deno, run with --allow-read)";
  return (error as Error).message;
}
