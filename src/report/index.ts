// Pure renderers of plans for people (text, Markdown) and machines (JSON).
export { renderPlanText } from './plan-text.js';
export { renderPlanJson, PLAN_JSON_KIND } from './plan-json.js';
export { renderPlanMarkdown, PLAN_MARKER, DEFAULT_MAX_CHARS } from './plan-markdown.js';
export { hasChanges, heldBack, heldBackText, planInSync, SENSITIVE_MASK } from './plan-format.js';
