// Task-definition ARNs: the pure parser lives in model/ (plan and apply read ARNs too).
export { compareRevisionArns, parseTaskDefinitionArn } from '../model/task-definition-arn.js';
