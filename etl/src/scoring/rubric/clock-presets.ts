import type { Clock } from './rubric.schema.js';

/**
 * The regulators' clocks, built in so that any rubric can name them (`clock: uk_fca`) without copying
 * numbers. A rubric's own `resolution.presets` entry of the same name replaces one of these. Sources:
 * ../shared/DOMAIN.md "Real rules worth encoding". None pauses: a regulator's clock runs while the firm
 * waits on the customer.
 */
export const clockPresets: Readonly<Record<string, Clock>> = {
  /** UK FCA (DISP 1.6): final response within 8 weeks; resolved by the 3rd business day, a summary letter. */
  uk_fca: {
    days: 56,
    time: 'calendar',
    from: 'first_contact',
    pause_statuses: [],
    summary: { days: 3, time: 'business' },
  },
  /** UK payment services (PSD2): 15 business days; 35 in exceptional cases, with a holding reply. */
  uk_psd2: {
    days: 15,
    time: 'business',
    from: 'first_contact',
    pause_statuses: [],
    exceptional: { days: 35, time: 'business' },
  },
  /** US CFPB: the company responds within 15 days, and gives its final response within 60. */
  us_cfpb: {
    days: 60,
    time: 'calendar',
    from: 'first_contact',
    pause_statuses: [],
    response: { days: 15, time: 'calendar' },
  },
  /** The service goal (DOMAIN.md): resolution delivered within 30 days of the first contact. */
  thirty_days: { days: 30, time: 'calendar', from: 'first_contact', pause_statuses: [] },
};
