import type { TSESTree } from '@typescript-eslint/types';
import type { ClassNode, FunctionNode } from '../ast/predicates.js';
import type { HttpModuleName } from '../modules.js';

/** What makes an agent: Node's `http`/`https` `Agent`, or agentkeepalive's (keep-alive by default). */
export type AgentFlavor = 'http' | 'https' | 'agentkeepalive';

/**
 * What an expression can evaluate to, as far as this analysis cares. An
 * expression may have several (a conditional, a variable assigned twice).
 */
export type AbstractValue =
  | { readonly kind: 'http-module'; readonly module: HttpModuleName }
  | { readonly kind: 'agentkeepalive-module' }
  | { readonly kind: 'request-function'; readonly module: HttpModuleName; readonly method: string }
  | { readonly kind: 'client-request-class' }
  | { readonly kind: 'agent-class'; readonly flavor: AgentFlavor }
  | {
      readonly kind: 'agent';
      readonly flavor: AgentFlavor;
      /** `undefined`: it depends on a value we cannot see. */
      readonly keepAlive: boolean | undefined;
      /** The `new Agent(...)` (or call) that created it. */
      readonly creation: TSESTree.CallExpression | TSESTree.NewExpression;
      /** The call whose first argument configures it, when that is not `creation`: the `super(...)` of an `Agent` subclass. */
      readonly configuredBy?: TSESTree.CallExpression;
      /** The module it was created in, when that is not the analysed file. */
      readonly origin?: ModuleOrigin;
    }
  | { readonly kind: 'global-agent'; readonly module: HttpModuleName }
  /**
   * Something reached from an HTTP client package: the package (`path` empty),
   * a member of it (`['create']`, `['interceptors', 'response', 'use']`), or
   * the same of an instance it made (`instance`: the `axios.create(...)` or
   * `got.extend(...)` call; `undefined` for the package's default instance).
   */
  | {
      readonly kind: 'client';
      /** The package it comes from (`axios`, `axios-retry`, `undici`). */
      readonly client: string;
      readonly path: readonly string[];
      readonly instance?: TSESTree.CallExpression;
    }
  /** An undici dispatcher (`new Agent()`, `new Pool()`); `retry` once wrapped in `RetryAgent` or composed with `interceptors.retry()`. */
  | { readonly kind: 'dispatcher'; readonly retry: boolean; readonly creation: TSESTree.CallExpression | TSESTree.NewExpression }
  | { readonly kind: 'array'; readonly node: TSESTree.ArrayExpression }
  | { readonly kind: 'object'; readonly node: TSESTree.ObjectExpression }
  | { readonly kind: 'function'; readonly node: FunctionNode }
  /** A class of the file: its static members are properties; an `http.Agent` subclass makes agents. */
  | { readonly kind: 'class'; readonly node: ClassNode }
  /** A string (or URL); `value` when it is a literal. */
  | { readonly kind: 'string'; readonly value?: string }
  | { readonly kind: 'constant'; readonly value: unknown }
  /**
   * A value from a module other than the ones above, which this file does not
   * show: the module object itself (`module`: `require('./agents')`,
   * `import * as agents`), whose properties are its exports, or one of its
   * exports. `binding` names the module object where an import does
   * (`agents`), for a host with type information to find its exports.
   */
  | {
      readonly kind: 'imported';
      readonly specifier: string;
      readonly module?: boolean;
      readonly binding?: TSESTree.Identifier;
    }
  | { readonly kind: 'unknown' };

export type AgentValue = Extract<AbstractValue, { kind: 'agent' }>;
export type DispatcherValue = Extract<AbstractValue, { kind: 'dispatcher' }>;
export type ClientValue = Extract<AbstractValue, { kind: 'client' }>;
export type ImportedValue = Extract<AbstractValue, { kind: 'imported' }>;

/** Another module the analysis read a value from (with type information only). */
export interface ModuleOrigin {
  readonly fileName: string;
  readonly sourceText: string;
}

export const unknownValue: AbstractValue = { kind: 'unknown' };
export const stringValue: AbstractValue = { kind: 'string' };
export const undefinedValue: AbstractValue = { kind: 'constant', value: undefined };

/** A property read from an object value: its possible values, and whether it may be missing. */
export interface PropertyLookup {
  readonly values: readonly AbstractValue[];
  readonly mayBeAbsent: boolean;
}

export const ABSENT: PropertyLookup = { values: [], mayBeAbsent: true };
export const UNKNOWN_LOOKUP: PropertyLookup = { values: [unknownValue], mayBeAbsent: true };

/** `undefined` or `null`: an option given as nothing. */
export const isAbsent = (value: AbstractValue): boolean => value.kind === 'constant' && value.value == null;

/** The values of a list, each once. */
export function dedupe(values: readonly AbstractValue[]): AbstractValue[] {
  const seen: AbstractValue[] = [];
  for (const value of values) {
    if (!seen.some((other) => sameValue(other, value))) seen.push(value);
  }
  return seen;
}

function sameValue(a: AbstractValue, b: AbstractValue): boolean {
  if (a.kind !== b.kind) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return Object.keys(left).every((key) => Object.is(left[key], right[key]));
}
