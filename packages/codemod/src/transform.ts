import { normalizeOptions } from './options.js';
import { rewriteSource } from './rewrite-source.js';

interface FileInfo {
  readonly path: string;
  readonly source: string;
}

/**
 * The codemod as a jscodeshift transform:
 *
 *     jscodeshift -t node_modules/@keepalive-guard/codemod/dist/transform.js src
 *
 * It parses files itself (with typescript-estree, as the analysis needs), so
 * jscodeshift's `--parser` does not matter; pass `--parser=ts|tsx` through
 * the options to choose. Returns `undefined` for files it leaves alone, so
 * jscodeshift counts them as skipped and never rewrites them. A file that
 * does not parse throws, and jscodeshift reports it as an error.
 */
export default function transform(file: FileInfo, _api: unknown, options: Record<string, unknown> = {}): string | undefined {
  // jscodeshift passes its own --parser (babel by default) along; only ts/tsx mean anything here.
  const { parser, ...rest } = options;
  return rewriteSource(file.source, file.path, normalizeOptions({ ...rest, parser: parser === 'ts' || parser === 'tsx' ? parser : undefined }))
    .output;
}
