// Cognitive load meter for the on-call rotation: how many pages per engineer per week.
export function cognitiveLoadScore(pages, hoursOnCall) {
  if (!hoursOnCall) return 0;
  const perHour = pages / hoursOnCall;
  return Math.min(100, Math.round(perHour * 40));
}

export const COGNITIVE_LOAD_THRESHOLDS = { ok: 30, warn: 60, critical: 85 };

export function describe(score) {
  if (score >= COGNITIVE_LOAD_THRESHOLDS.critical) return 'critical - rotate the pager';
  if (score >= COGNITIVE_LOAD_THRESHOLDS.warn) return 'high';
  return 'ok';
}
