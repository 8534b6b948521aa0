import type { ChartSummary } from './charts/chart-summary.js';

// Browser tests read these to know when a page has drawn and what it drew; they are harmless for users.
declare global {
  interface Window {
    /** True once the current page has loaded its data and drawn its charts. */
    __eqaReady?: boolean;
    /** The message of the page's load failure, or null. */
    __eqaError?: string | null;
    /** How many loads have settled since the page opened: wait for it to grow after an action. */
    __eqaSettled?: number;
    /** What each chart on the page currently draws, by chart id. */
    __eqaCharts?: Record<string, ChartSummary>;
  }
}

/** Publishes (or, with null, withdraws) a chart's summary. */
export function publishChart(id: string, summary: ChartSummary | null): void {
  const charts = window.__eqaCharts ?? {};
  if (summary) {
    charts[id] = summary;
  } else {
    delete charts[id];
  }
  window.__eqaCharts = charts;
}

/** Marks the page as loading (false) or settled (true, with the error message if loading failed). */
export function publishPageState(ready: boolean, error: string | null = null): void {
  window.__eqaReady = ready;
  window.__eqaError = error;
  if (ready) {
    window.__eqaSettled = (window.__eqaSettled ?? 0) + 1;
  }
}
