export { type CodemodOptions, DEFAULT_OPTIONS, OptionError, normalizeOptions } from './options.js';
export { type SiteReport, type SourceResult, SourceParseError, applyEdits, rewriteSource } from './rewrite-source.js';
export { default as transform } from './transform.js';
export { EXIT, main } from './main.js';
