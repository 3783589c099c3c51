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
 * typescript-eslint's `RuleCreator`, with the options merged with their
 * defaults once per distinct configuration rather than once per file
 * (`applyDefault` deep-merges them, which showed in the profile of a large
 * lint). ESLint hands each file a fresh copy of the same options, so they are
 * compared by value with the few configurations seen so far (cheaper than
 * serialising them for a key, which showed next).
 */
export const createRule: typeof ruleCreator = (rule) => {
  const module = ruleCreator(rule);
  type Options = Parameters<typeof rule.create>[1];
  const merged: { readonly given: unknown; readonly options: Options }[] = [];
  return {
    ...module,
    create(context) {
      let options = merged.find((entry) => sameJson(entry.given, context.options))?.options;
      if (options === undefined) {
        const defaults = (rule.defaultOptions ?? []) as Options;
        options = ESLintUtils.applyDefault(defaults, context.options as typeof defaults) as Options;
        merged.push({ given: structuredClone(context.options), options });
      }
      return rule.create(context, options);
    },
  };
};

/** Whether two JSON values (rule options) are equal. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
