/** TEMPORARY stand-in for node:fs in the browser bundle (see ../../README.md): no file system in a page. */
function unavailable(name: string): never {
  throw new Error(`fs.${name} is not available in the browser`);
}
export function existsSync(): boolean {
  return false;
}
export function readFileSync(): never {
  return unavailable("readFileSync");
}
export function copyFileSync(): never {
  return unavailable("copyFileSync");
}
export function statSync(): never {
  return unavailable("statSync");
}
export default { existsSync, readFileSync, copyFileSync, statSync };
