import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { FIRST_ATTEMPT_HELPER, RETRY_HELPER, SNAPSHOT_HELPER, firstAttemptHelperSource, retryHelperSource, snapshotHelperSource } from './helper.js';
import { type HelperImport, copiedBound, helperImportEdit, threeArgumentRetryCalls } from './helper-module.js';
import type { TextEdit } from './layout.js';
import { descendants } from '../ast/walk.js';
import { sameHelper } from './plan.js';
import { detectStyle } from './style.js';

/**
 * With a helper module, the helpers an earlier run (or the rule's
 * suggestion) added to the file itself give way to the import: each copy
 * is removed with its comment, the retry calls written for it get its bound
 * as their fourth argument (`shouldRetryOnReusedSocket(req, err, attempt, 3)`),
 * and the file imports what it used. Only functions that are the helpers as
 * the rewrite writes them are touched. `undefined` when there are none.
 */
export function replaceHelperCopies(program: TSESTree.Program, text: string, helper: HelperImport, typescript: boolean): TextEdit[] | undefined {
  const style = detectStyle(text, program, typescript);
  const ours = {
    [RETRY_HELPER]: retryHelperSource(style, { typescript, maxRetries: 3 }),
    [SNAPSHOT_HELPER]: snapshotHelperSource(style, { typescript }),
    [FIRST_ATTEMPT_HELPER]: firstAttemptHelperSource(style, { typescript }),
  };
  const edits: TextEdit[] = [];
  const removed: string[] = [];
  let bound: number | undefined;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.FunctionDeclaration || !statement.id || !(statement.id.name in ours)) continue;
    const name = statement.id.name as keyof typeof ours;
    const declaration = text.slice(statement.range[0], statement.range[1]);
    const source = ours[name];
    // Only a copy the file merely calls: one it exports or hands on may be called by code that passes no bound.
    if (!onlyCalled(program, statement)) continue;
    if (!sameHelper(declaration, source.slice(source.indexOf(`function ${name}`)))) continue;
    if (name === RETRY_HELPER) bound = copiedBound(declaration);
    removed.push(name);
    edits.push({ range: [removalStart(program, text, statement), statement.range[1]], text: '' });
  }
  if (removed.length === 0) return undefined;
  if (removed.includes(RETRY_HELPER)) {
    for (const call of threeArgumentRetryCalls(program)) {
      const last = call.arguments[2] as TSESTree.Node;
      edits.push({ range: [last.range[1], last.range[1]], text: `, ${bound ?? 3}` });
    }
  }
  const importEdit = helperImportEdit(program, text, style, helper, removed);
  if (importEdit) edits.push(importEdit);
  return edits;
}

/** Every mention of the function's name outside it is the callee of a call (the snapshot helper maps itself over arrays). */
function onlyCalled(program: TSESTree.Program, declaration: TSESTree.FunctionDeclaration): boolean {
  const name = declaration.id?.name;
  return [...descendants(program)].every(
    (node) =>
      node.type !== AST_NODE_TYPES.Identifier ||
      node.name !== name ||
      (declaration.range[0] <= node.range[0] && node.range[1] <= declaration.range[1]) ||
      (node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node),
  );
}

/** Where a helper's removal starts: its comment directly above it, and the blank lines before that. */
function removalStart(program: TSESTree.Program, text: string, statement: TSESTree.Node): number {
  let start = statement.range[0];
  const comments = program.comments ?? [];
  for (;;) {
    const above = comments.find((comment) => comment.range[1] <= start && text.slice(comment.range[1], start).trim() === '' && !/\n\s*\n/.test(text.slice(comment.range[1], start)));
    if (!above) break;
    start = above.range[0];
  }
  while (start > 0 && /\s/.test(text[start - 1] ?? '')) start -= 1;
  return start;
}
