import { ESLintUtils } from '@typescript-eslint/utils';

export interface KeepaliveGuardRuleDocs {
  /** In `configs.recommended`. */
  readonly recommended: boolean;
}

const REPOSITORY = 'https://github.com/keepalive-guard/keepalive-guard';

export const createRule = ESLintUtils.RuleCreator<KeepaliveGuardRuleDocs>(
  (name) => `${REPOSITORY}/blob/main/packages/eslint-plugin/docs/rules/${name}.md`,
);
