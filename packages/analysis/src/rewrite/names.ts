import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { isFunction } from '../ast/predicates.js';
import { descendants } from '../ast/walk.js';

/** The names the rewrite introduces, each with fallbacks for when the first is taken. */
export const NAME_CANDIDATES = {
  send: ['send', 'sendRequest', 'sendAgain'],
  attempt: ['attempt', 'attemptNumber', 'retryAttempt'],
  request: ['req', 'request', 'clientRequest'],
  error: ['err', 'error', 'failure'],
  body: ['body', 'requestBody', 'payload'],
  url: ['url', 'requestUrl', 'target'],
  options: ['options', 'requestOptions', 'requestOpts'],
  value: ['value', 'requestValue', 'sentValue'],
  listener: ['listener', 'onEvent', 'handler'],
} as const;

/**
 * Chooses the names the rewrite adds so that they neither capture a name used
 * in the function around the request nor shadow one visible there.
 */
export class NameChooser {
  readonly #taken: Set<string>;

  constructor(near: TSESTree.Node) {
    this.#taken = new Set([...identifierNames(scopeRoot(near)), ...visibleBindingNames(near)]);
  }

  /** The first free candidate (or the first with a number), now taken. */
  choose(candidates: readonly string[], alsoTaken: ReadonlySet<string> = new Set()): string {
    const free = (name: string) => !this.#taken.has(name) && !alsoTaken.has(name);
    let chosen = candidates.find(free);
    for (let suffix = 2; chosen === undefined; suffix += 1) {
      const candidate = `${candidates[0] as string}${suffix}`;
      if (free(candidate)) chosen = candidate;
    }
    this.#taken.add(chosen);
    return chosen;
  }
}

/** The function (or program) whose names the code we add must not collide with. */
function scopeRoot(node: TSESTree.Node): TSESTree.Node {
  let root: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    root = current;
    if (isFunction(current)) break;
  }
  return root;
}

/** Names bound around `node` below the top of the file: there a helper's name would mean something else. */
export function localBindingNames(node: TSESTree.Node): Set<string> {
  return visibleBindingNames(node, false);
}

/** Names bound in the scopes around `node`: declarations of enclosing blocks, parameters of enclosing functions. */
function visibleBindingNames(node: TSESTree.Node, includeProgram = true): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: TSESTree.Node | null | undefined) => {
    if (!pattern) return;
    for (const inner of descendants(pattern)) if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
  };
  for (let current = node.parent; current; current = current.parent) {
    if (!includeProgram && current.type === AST_NODE_TYPES.Program) break;
    if (isFunction(current)) {
      addPattern(current.id);
      for (const parameter of current.params) addPattern(parameter);
    }
    const list = 'body' in current && Array.isArray(current.body) ? current.body : current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : [];
    for (const statement of list as TSESTree.Node[]) {
      const declaration =
        (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
        statement.declaration
          ? statement.declaration
          : statement;
      switch (declaration.type) {
        case AST_NODE_TYPES.VariableDeclaration:
          for (const declarator of declaration.declarations) addPattern(declarator.id);
          break;
        case AST_NODE_TYPES.FunctionDeclaration:
        case AST_NODE_TYPES.ClassDeclaration:
        case AST_NODE_TYPES.TSImportEqualsDeclaration:
          addPattern(declaration.id);
          break;
        case AST_NODE_TYPES.ImportDeclaration:
          for (const specifier of declaration.specifiers) addPattern(specifier.local);
          break;
        default:
          break;
      }
    }
  }
  return names;
}

const namesCache = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/** Every identifier spelled anywhere under `root`: a name not in it can be introduced without shadowing. */
export function identifierNames(root: TSESTree.Node): ReadonlySet<string> {
  const cached = namesCache.get(root);
  if (cached) return cached;
  const names = new Set<string>();
  for (const node of descendants(root)) {
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.JSXIdentifier) names.add(node.name);
  }
  namesCache.set(root, names);
  return names;
}
