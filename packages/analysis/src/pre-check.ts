import { CLIENT_REQUEST_PACKAGES } from './clients/index.js';

/**
 * A request needs the `http` or `https` module, and the analysis only follows
 * modules named by a literal specifier in `require(...)`, `import ... from`,
 * `import(...)` or `import x = require(...)`. So a file without such a text has
 * no request it could find. This check costs one scan of the text and lets the
 * rule and the codemod skip almost every file of a large project without
 * parsing or walking it (a bare "http" is in every file with a URL, and
 * TypeScript's own bundle lists "http" among Node's module names). One scan
 * collects every module specifier the text names after `require`, `import`
 * or `from`; the rules' checks read its result.
 */
const MODULE_SPECIFIER = /\b(?:require|import|from)\s*\(?\s*['"`]([^'"`\s]{1,100})['"`]/g;
const HTTP_MODULES: ReadonlySet<string> = new Set(['http', 'https', 'node:http', 'node:https']);
const CLIENT_MODULES: ReadonlySet<string> = new Set(CLIENT_REQUEST_PACKAGES);
/**
 * Any of those names between quotes: a text without one names none of them,
 * whatever else it imports, and this test (no capture, no match per import)
 * is the cheaper scan for the great many files that name none.
 */
const QUOTED_NAME = new RegExp(
  `['"\`](?:${[...HTTP_MODULES, ...CLIENT_MODULES, 'agentkeepalive'].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})['"\`]`,
);
const NOTHING = { http: false, client: false, agentkeepalive: false };

/** The last text scanned and what it names: both rules ask about the same file one after the other. */
let last: { readonly text: string; readonly http: boolean; readonly client: boolean; readonly agentkeepalive: boolean } | undefined;

function scan(text: string): NonNullable<typeof last> {
  if (last?.text === text) return last;
  if (!QUOTED_NAME.test(text)) {
    last = { text, ...NOTHING };
    return last;
  }
  let http = false;
  let client = false;
  let agentkeepalive = false;
  for (const match of text.matchAll(MODULE_SPECIFIER)) {
    const specifier = match[1] as string;
    if (HTTP_MODULES.has(specifier)) http = true;
    else if (CLIENT_MODULES.has(specifier)) client = true;
    else if (specifier === 'agentkeepalive') agentkeepalive = true;
  }
  last = { text, http, client, agentkeepalive };
  return last;
}

export function mayContainRequest(text: string): boolean {
  const found = scan(text);
  return found.http || found.client;
}

/** Whether the file imports a client package (`clients/index.ts` lists them). */
export function mayUseClient(text: string): boolean {
  return scan(text).client;
}

/** The same check for agents: a file that names none of their modules creates none. */
export function mayContainAgent(text: string): boolean {
  const found = scan(text);
  return found.http || found.agentkeepalive;
}
