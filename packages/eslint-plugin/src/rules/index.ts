import { noUnguardedRequest } from './no-unguarded-request.js';

export const rules = {
  'no-unguarded-request': noUnguardedRequest,
};
