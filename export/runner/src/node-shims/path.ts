/** TEMPORARY stand-in for node:path in the browser bundle: string joining only (nothing reads files). */
export function join(...parts: string[]): string {
  return parts.filter(Boolean).join("/").replace(/\/+/g, "/");
}
export function resolve(...parts: string[]): string {
  return join("/", ...parts);
}
export function dirname(p: string): string {
  return p.replace(/\/[^/]*$/, "") || "/";
}
export default { join, resolve, dirname };
