import { ESLintUtils } from '@typescript-eslint/utils';

/**
 * The rules' `meta.docs`; exported for the declarations of the rules that use it.
 * @public
 */
export interface KeepaliveGuardRuleDocs {
  /** In `configs.recommended`. */
  readonly recommended: boolean;
}

const REPOSITORY = 'https://github.com/keepalive-guard/keepalive-guard';

const ruleCreator = ESLintUtils.RuleCreator<KeepaliveGuardRuleDocs>(
  (name) => `${REPOSITORY}/blob/main/packages/eslint-plugin/docs/rules/${name}.md`,
);

/**
 * typescript-eslint's `RuleCreator`, and two things for large lints. A file
 * whose text the rule's `mayApply` rules out (it names no module the rule could follow:
 * almost every file of a project) gets no listeners, before its options or
 * settings are read. And the options are merged with their defaults once per
 * distinct configuration rather than once per file (`applyDefault`
 * deep-merges them, which showed in the profile of a large lint); ESLint
 * hands each file a fresh copy of the same options, so they are compared by
 * value with the few configurations seen so far.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  mayApply,
  ...rule
}: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, KeepaliveGuardRuleDocs> & { mayApply: (text: string) => boolean }>): ReturnType<
  typeof ruleCreator<Options, MessageIds>
> {
  const module = ruleCreator(rule);
  const merged: { readonly given: unknown; readonly options: Options }[] = [];
  return {
    ...module,
    create(context) {
      if (!mayApply(context.sourceCode.text)) return {};
      let entry = merged.find(({ given }) => sameJson(given, context.options));
      if (entry === undefined) {
        const defaults = (rule.defaultOptions ?? []) as Options;
        entry = { given: structuredClone(context.options), options: ESLintUtils.applyDefault(defaults, context.options as Options) as Options };
        merged.push(entry);
      }
      return rule.create(context, entry.options);
    },
  };
}

/** Whether two JSON values (rule options) are equal. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
