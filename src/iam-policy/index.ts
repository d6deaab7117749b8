// `berth iam-policy`: the least-privilege IAM policy berth needs, computed from the
// repository's desired state. Pure: no AWS calls, no environment.
export { buildPolicy, grantedActions, policySize } from './build.js';
export { CAPABILITIES } from './capabilities.js';
export { PURPOSE_COMMANDS, PURPOSES, type PolicyDocument, type Purpose, type Statement } from './policy.js';
export { iamScope, type IamScope } from './scope.js';
export { UNSCOPED_ACTIONS } from './unscoped.js';
export { NOT_CALLED_DIRECTLY } from './not-called.js';
