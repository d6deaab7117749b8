// The verify stage's public face.
export { verifyReferences, type VerifyOptions } from './verify.js';
export { collectReferences, type ReferenceInput } from './references.js';
export { renderVerifyJson, renderVerifyText } from './format.js';
export type { CheckStatus, Reference, VerifyFinding, VerifyReport } from './types.js';
