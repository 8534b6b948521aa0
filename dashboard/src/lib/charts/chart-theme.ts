/** Colours and type shared by every chart; series colours stay apart for common colour blindness and reach 3:1 on white. */
export const chartTheme = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  text: '#374151',
  grid: '#e5e7eb',
  yAxisWidth: 64,
  /** Escalation levels 2, 3 and 4, blue, orange, dark red: apart in hue and in lightness. */
  levels: { 2: '#3b82c4', 3: '#d97706', 4: '#7f1d1d' } as Readonly<Record<number, string>>,
  line: '#1f5fa8',
  /**
   * Several lines on one chart (the four QA standards): Okabe–Ito hues darkened to 3:1 on white, each
   * with its own point shape and dash so they stay apart without colour.
   */
  lines: [
    { color: '#0072b2', pointStyle: 'circle', dash: [] },
    { color: '#c45200', pointStyle: 'rect', dash: [6, 3] },
    { color: '#007a5a', pointStyle: 'triangle', dash: [2, 2] },
    { color: '#a8447f', pointStyle: 'rectRot', dash: [8, 3, 2, 3] },
  ] as readonly { color: string; pointStyle: 'circle' | 'rect' | 'triangle' | 'rectRot'; dash: number[] }[],
  band: 'rgba(31, 95, 168, 0.14)',
} as const;
