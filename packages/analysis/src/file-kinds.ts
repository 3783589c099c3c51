/** `.ts`, `.tsx`, `.mts`, `.cts`: parsed as TypeScript, and given typed helpers. */
export function isTypeScriptFile(fileName: string): boolean {
  return /\.[cm]?tsx?$/i.test(fileName);
}

/** `.cjs`, `.cts`: CommonJS whatever the package says. */
export function isCommonJsFile(fileName: string): boolean {
  return /\.c[jt]s$/i.test(fileName);
}
