import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { agentName, keepAliveAgentCreatedBy } from './agents.js';
import { calleeReport } from './ast/callee.js';
import { staticKeyName } from './ast/predicates.js';
import { descendants } from './ast/walk.js';
import type { AnalysisHost } from './host.js';
import { mayContainAgent } from './pre-check.js';
import type { TextEdit } from './rewrite/plan.js';
import { detectEol } from './rewrite/style.js';
import { lineIndent } from './source-text.js';
import type { AbstractValue, AgentFlavor, PropertyLookup } from './values/abstract-value.js';
import { ValueResolver } from './values/resolver.js';

/**
 * A keep-alive agent that keeps idle sockets for as long as the server lets
 * it. Node only honours a server's `Keep-Alive: timeout=N` hint when the
 * agent has a non-zero `timeout` (lib/_http_agent.js, keepSocketAlive); the
 * global agent has 5000, `new http.Agent({ keepAlive: true })` has none.
 */
export interface AgentWithoutTimeout {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly reportRange: readonly [number, number];
  readonly reportLoc: TSESTree.SourceLocation;
  /** How the code refers to the agent. */
  readonly name: string;
  readonly flavor: AgentFlavor;
  /** The option that is missing or zero: `timeout` (core) or `freeSocketTimeout` (agentkeepalive). */
  readonly option: 'timeout' | 'freeSocketTimeout';
  /** Edits that set the option to the suggested value; absent when the options are not an object literal here. */
  readonly fix?: readonly TextEdit[];
}

export interface AgentTimeoutOptions {
  /** The value the fix sets, in milliseconds. */
  readonly timeout: number;
}

export function findAgentsWithoutTimeout(
  program: TSESTree.Program,
  host: AnalysisHost,
  options: AgentTimeoutOptions,
): AgentWithoutTimeout[] {
  if (!mayContainAgent(host.sourceText)) return [];
  const values = new ValueResolver(host);
  const found: AgentWithoutTimeout[] = [];
  for (const candidate of descendants(program)) {
    const agent = keepAliveAgentCreatedBy(candidate, values);
    if (!agent) continue;
    const node = agent.creation;
    const option = agent.flavor === 'agentkeepalive' ? 'freeSocketTimeout' : 'timeout';
    // A subclass of `http.Agent` is configured by the options it passes to `super(...)`.
    const [optionsNode] = (agent.configuredBy ?? node).arguments;
    const lookup: PropertyLookup =
      optionsNode && optionsNode.type !== AST_NODE_TYPES.SpreadElement ? values.lookupProperty(optionsNode, option) : { values: [], mayBeAbsent: true };
    if (!keepsIdleSocketsForever(agent.flavor, lookup)) continue;
    const report = calleeReport(node);
    const fix = optionsNode?.type === AST_NODE_TYPES.ObjectExpression ? setOption(optionsNode, option, options.timeout, host.sourceText) : undefined;
    found.push({
      node,
      reportRange: report.range,
      reportLoc: report.loc,
      name: agentName(node, host.sourceText),
      flavor: agent.flavor,
      option,
      ...(fix ? { fix } : {}),
    });
  }
  return found;
}

/**
 * agentkeepalive closes idle sockets after 4 s unless `freeSocketTimeout: 0`;
 * a core agent never does unless it has a positive `timeout`. A value that
 * cannot be seen counts as set: no guessing.
 */
function keepsIdleSocketsForever(flavor: AgentFlavor, lookup: PropertyLookup): boolean {
  const zero = (value: AbstractValue) => value.kind === 'constant' && !(typeof value.value === 'number' && value.value > 0);
  if (flavor === 'agentkeepalive') {
    return !lookup.mayBeAbsent && lookup.values.length > 0 && lookup.values.every((value) => value.kind === 'constant' && value.value === 0);
  }
  return lookup.values.every(zero) && (lookup.mayBeAbsent || lookup.values.length > 0);
}

/** Sets `option: value` in an object literal: replaces a present value, or adds the property in the object's layout. */
function setOption(object: TSESTree.ObjectExpression, option: string, value: number, text: string): TextEdit[] {
  const present = object.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && staticKeyName(property.key, property.computed) === option && !property.shorthand,
  );
  if (present) return [{ range: [present.value.range[0], present.value.range[1]], text: String(value) }];
  const property = `${option}: ${value}`;
  const last = object.properties.at(-1);
  if (!last) return [{ range: [object.range[0], object.range[1]], text: `{ ${property} }` }];
  const between = text.slice(last.range[1], object.range[1] - 1);
  if (!between.includes('\n')) return [{ range: [last.range[1], last.range[1]], text: `, ${property}` }];
  const eol = detectEol(text);
  const indent = lineIndent(text, last.range[0]);
  if (!between.trimStart().startsWith(',')) return [{ range: [last.range[1], last.range[1]], text: `,${eol}${indent}${property}` }];
  const afterComma = last.range[1] + between.indexOf(',') + 1;
  return [{ range: [afterComma, afterComma], text: `${eol}${indent}${property},` }];
}
