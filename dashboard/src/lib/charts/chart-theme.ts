/** Colours and type shared by every chart; series colours stay apart for common colour blindness and reach 3:1 on white. */
export const chartTheme = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  text: '#374151',
  grid: '#e5e7eb',
  yAxisWidth: 64,
  /** Escalation levels 2, 3 and 4, blue, orange, dark red: apart in hue and in lightness. */
  levels: { 2: '#3b82c4', 3: '#d97706', 4: '#7f1d1d' } as Readonly<Record<number, string>>,
  line: '#1f5fa8',
  band: 'rgba(31, 95, 168, 0.14)',
} as const;
