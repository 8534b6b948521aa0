import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { chartTheme } from './chart-theme.js';

let registered = false;

/**
 * Registers the chart.js parts the dashboard draws with (tree-shaking drops the rest) and the theme
 * defaults; safe to call more than once.
 */
export function setUpCharts(): void {
  if (registered) {
    return;
  }
  Chart.register(
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Filler,
    Legend,
    Tooltip,
  );
  Chart.defaults.font.family = chartTheme.fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = chartTheme.text;
  Chart.defaults.borderColor = chartTheme.grid;
  registered = true;
}
