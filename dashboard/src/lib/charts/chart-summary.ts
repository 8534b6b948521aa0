/** What a chart drew, published for browser tests (window.__eqaCharts). */
export interface ChartSummary {
  title: string;
  type: string;
  labels: number;
  firstLabel: string | null;
  lastLabel: string | null;
  /** Per dataset; `colors` (how many bars in each colour) when its bars are coloured one by one (a highlight). */
  datasets: { label: string; points: number; sum: number; colors?: Record<string, number> }[];
  meta: Record<string, number | string>;
  /** Dated lines drawn across the plot (FAQ publications), when the chart has any. */
  markers?: { date: string; label: string }[];
}

interface DrawnData {
  labels?: unknown[];
  datasets: { label?: string; data: readonly unknown[]; backgroundColor?: unknown }[];
}

/** Summarises drawn chart data: per dataset, how many values are plotted (not null) and their sum. */
export function summarizeChart(
  title: string,
  type: string,
  data: DrawnData,
  meta: Record<string, number | string> = {},
  markers: readonly { date: string; label: string }[] = [],
): ChartSummary {
  const labels = (data.labels ?? []).map(String);
  return {
    title,
    type,
    labels: labels.length,
    firstLabel: labels[0] ?? null,
    lastLabel: labels.at(-1) ?? null,
    datasets: data.datasets.map((dataset) => {
      const values = dataset.data.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const colors: Record<string, number> = {};
      if (Array.isArray(dataset.backgroundColor)) {
        for (const color of dataset.backgroundColor) {
          colors[String(color)] = (colors[String(color)] ?? 0) + 1;
        }
      }
      return {
        label: dataset.label ?? '',
        points: values.length,
        sum: Math.round(values.reduce((total, v) => total + v, 0) * 1000) / 1000,
        ...(Array.isArray(dataset.backgroundColor) ? { colors } : {}),
      };
    }),
    meta: { ...meta },
    ...(markers.length > 0 ? { markers: markers.map((m) => ({ date: m.date, label: m.label })) } : {}),
  };
}
