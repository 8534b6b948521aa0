// Statistics the dashboard computes on series the API sends (for example an interval per weekly
// point), re-exported from etl so that the server and the browser compute them the same way.
export { wilsonInterval } from '../../../etl/src/stats/wilson-interval.js';
