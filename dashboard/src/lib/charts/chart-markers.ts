import type { Chart, Plugin } from 'chart.js';
import { chartTheme } from './chart-theme.js';

/**
 * A dated event drawn as a dashed vertical line across the plot, such as an FAQ update's
 * publication. `at` is a position on the category axis in label indexes: 3 is the middle of the
 * fourth label's slot, 2.5 its left edge (see marker-position.util.ts).
 */
export interface ChartMarker {
  at: number;
  /** YYYY-MM-DD, for tests and the text alternative. */
  date: string;
  /** Written beside the line. */
  label: string;
}

const markerColor = '#6d28d9';

/**
 * A chart.js plugin that draws the markers `current()` returns after the datasets, so lines and
 * labels sit on top of bars and bands. One instance per chart; the owner updates what current()
 * returns before chart.update().
 */
export function markersPlugin(current: () => readonly ChartMarker[]): Plugin<'bar' | 'line'> {
  return {
    id: 'eqaMarkers',
    afterDatasetsDraw(chart: Chart) {
      const markers = current();
      const scale = chart.scales.x;
      const count = chart.data.labels?.length ?? 0;
      if (markers.length === 0 || !scale || count === 0) {
        return;
      }
      const area = chart.chartArea;
      const first = scale.getPixelForValue(0);
      const step =
        count > 1 ? (scale.getPixelForValue(count - 1) - first) / (count - 1) : area.right - area.left;
      const { ctx } = chart;
      ctx.save();
      ctx.font = `600 11px ${chartTheme.fontFamily}`;
      ctx.textBaseline = 'top';
      markers.forEach((marker, i) => {
        const x = first + marker.at * step;
        if (x < area.left - 1 || x > area.right + 1) {
          return;
        }
        ctx.strokeStyle = markerColor;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([5, 3]);
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        // Labels go on the side with more room, stepped down when several markers are close.
        const width = ctx.measureText(marker.label).width;
        const right = x + 6 + width <= area.right;
        const left = right ? x + 4 : x - 4 - width - 4;
        const top = area.top + 4 + (i % 3) * 17;
        ctx.setLineDash([]);
        ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
        ctx.fillRect(left, top - 1, width + 4, 15);
        ctx.fillStyle = markerColor;
        ctx.fillText(marker.label, left + 2, top);
      });
      ctx.restore();
    },
  };
}

/** The colour markers are drawn in, for legends written beside a chart. */
export const chartMarkerColor = markerColor;
