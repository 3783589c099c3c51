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
 * lint). Options are plain JSON, so their text is the key.
 */
export const createRule: typeof ruleCreator = (rule) => {
  const module = ruleCreator(rule);
  const merged = new Map<string, Parameters<typeof rule.create>[1]>();
  return {
    ...module,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        const defaults = (rule.defaultOptions ?? []) as Parameters<typeof rule.create>[1];
        options = ESLintUtils.applyDefault(defaults, context.options as typeof defaults) as Parameters<typeof rule.create>[1];
        merged.set(key, options);
      }
      return rule.create(context, options);
    },
  };
};
