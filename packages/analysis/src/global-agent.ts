import type { TSESTree } from '@typescript-eslint/types';
import path from 'node:path';
import semver from 'semver';
import type { HttpModuleName } from './modules.js';
import { nearestPackage } from './package-json.js';
import { excerpt } from './source-text.js';
import type { ValueResolver } from './values/resolver.js';

/**
 * Whether Node's global agent keeps sockets alive for the code being checked.
 * Node 19 made `http.globalAgent` and `https.globalAgent` keep-alive, so a
 * request with no `agent` option reuses sockets there.
 */
export type GlobalAgentOption = 'auto' | 'keep-alive' | 'off';

export interface GlobalAgentPolicy {
  readonly keepAlive: boolean;
  /** Why, in words that fit into a lint message. */
  readonly reason: string;
}

export interface GlobalAgentPolicyInput {
  readonly globalAgent: GlobalAgentOption;
  /** A semver range of the Node versions the code runs on; wins over `engines.node`. */
  readonly nodeVersion?: string | undefined;
  /** The file being checked; its nearest package.json gives `engines.node`. */
  readonly filename: string;
}

/** The first Node version whose global agent is keep-alive. */
const KEEP_ALIVE_GLOBAL_AGENT = '>=19.0.0';

export function resolveGlobalAgentPolicy(input: GlobalAgentPolicyInput): GlobalAgentPolicy {
  if (input.globalAgent === 'keep-alive') {
    return { keepAlive: true, reason: "the option globalAgent is 'keep-alive'" };
  }
  if (input.globalAgent === 'off') {
    return { keepAlive: false, reason: "the option globalAgent is 'off'" };
  }
  if (input.nodeVersion !== undefined) {
    if (semver.validRange(input.nodeVersion) === null) {
      throw new Error(`keepalive-guard: nodeVersion '${input.nodeVersion}' is not a valid semver range.`);
    }
    return policyForRange(input.nodeVersion, `the configured Node version '${input.nodeVersion}'`);
  }
  const directory = path.dirname(path.resolve(input.filename));
  const engines = nearestEngines(directory);
  if (engines) {
    // Named as a reader knows it: by the package's name, else by its path from the file.
    const where = engines.name ?? (path.relative(directory, engines.packageJson).split(path.sep).join('/') || 'package.json');
    return policyForRange(engines.range, `engines.node '${engines.range}' of ${where}`);
  }
  return { keepAlive: true, reason: 'no Node version is configured, so Node 19 or later is assumed' };
}

function policyForRange(range: string, source: string): GlobalAgentPolicy {
  const keepAlive = semver.intersects(range, KEEP_ALIVE_GLOBAL_AGENT);
  return {
    keepAlive,
    reason: keepAlive ? `${source} includes Node 19 or later` : `${source} excludes Node 19 and later`,
  };
}

export interface EnginesNode {
  readonly range: string;
  /** The package.json, absolute. */
  readonly packageJson: string;
  /** Its `name`, when it has one. */
  readonly name?: string;
}

/** The `engines.node` of the nearest package.json at or above a directory (that package decides, even without engines). */
export function nearestEngines(directory: string): EnginesNode | null {
  const found = nearestPackage(directory);
  if (!found) return null;
  const range = found.manifest.engines?.node;
  const name = typeof found.manifest.name === 'string' && found.manifest.name !== '' ? found.manifest.name : undefined;
  const packageJson = path.join(found.directory, 'package.json');
  return typeof range === 'string' && semver.validRange(range) !== null ? { range, packageJson, ...(name ? { name } : {}) } : null;
}

/** What the file does to `http.globalAgent` / `https.globalAgent`, over the configured policy. */
export class GlobalAgents {
  readonly #assigned = new Map<HttpModuleName, { keepAlive: boolean; line: number; text: string }>();
  readonly #policy: GlobalAgentPolicy;

  constructor(values: ValueResolver, assignments: readonly TSESTree.AssignmentExpression[], policy: GlobalAgentPolicy) {
    this.#policy = policy;
    for (const assignment of assignments) {
      const target = assignment.left as TSESTree.MemberExpression;
      const agents = values.resolve(assignment.right);
      const keepAlive = agents.some((value) => value.kind === 'agent' && value.keepAlive === true);
      const closed = agents.every((value) => value.kind === 'agent' && value.keepAlive === false);
      if (!keepAlive && !closed) continue;
      for (const value of values.resolve(target.object)) {
        if (value.kind !== 'http-module') continue;
        const text = `${excerpt(values.host.sourceText, target.range)}`;
        this.#assigned.set(value.module, { keepAlive, line: assignment.loc.start.line, text });
      }
    }
  }

  policyFor(modules: readonly HttpModuleName[]): GlobalAgentPolicy {
    for (const module of modules) {
      const assigned = this.#assigned.get(module);
      if (assigned?.keepAlive) {
        return { keepAlive: true, reason: `${assigned.text} is set to a keep-alive agent on line ${assigned.line}` };
      }
    }
    if (modules.every((module) => this.#assigned.has(module))) {
      return { keepAlive: false, reason: 'the file sets the global agent to one without keep-alive' };
    }
    return this.#policy;
  }
}
