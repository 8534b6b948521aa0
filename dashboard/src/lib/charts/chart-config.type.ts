import type { ChartConfiguration } from 'chart.js';

/** A chart.js configuration built from plain arrays (never $state proxies: chart.js mutates what it gets). */
export type CanvasConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

/** One named series of values, one per label; null leaves a gap. */
export interface Series {
  label: string;
  values: readonly (number | null)[];
  color: string;
}
