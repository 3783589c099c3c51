import { noUnguardedRequest } from './no-unguarded-request.js';
import { requireAgentTimeout } from './require-agent-timeout.js';

export const rules = {
  'no-unguarded-request': noUnguardedRequest,
  'require-agent-timeout': requireAgentTimeout,
};
