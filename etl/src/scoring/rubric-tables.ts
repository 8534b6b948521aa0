import { literal } from '../ingest/canonical-sql.js';
import type { StoreSession } from '../store/duckdb-store.js';
import {
  type BusinessHours,
  type Clock,
  defaultOfferFairness,
  handoverElements,
  type Rubric,
  type TargetTime,
  weekDays,
} from './rubric/rubric.schema.js';

// The rubric, turned into temporary tables and macros that the scoring SQL joins: the SQL never reads
// the YAML, and the YAML never holds SQL.

const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'NULL');
const bool = (b: boolean): string => (b ? 'true' : 'false');

function hhmmSeconds(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60;
}

/** Business seconds in one business day (end − start). */
export function businessDaySeconds(hours: BusinessHours): number {
  return hhmmSeconds(hours.end) - hhmmSeconds(hours.start);
}

/**
 * `eqa_business_at(ts)`: business seconds from a fixed Monday up to `ts` (UTC), so that the business
 * time between two instants is a difference of two calls. Closed form per ISO week, in the rubric's
 * time zone: whole weeks, whole business days before the day, and the clipped part of the day itself.
 */
function businessClockMacros(hours: BusinessHours): string {
  const dayLength = businessDaySeconds(hours);
  const isBusiness = weekDays.map((d) => hours.days.includes(d));
  const before = isBusiness.map((_, i) => isBusiness.slice(0, i).filter(Boolean).length);
  const perWeek = isBusiness.filter(Boolean).length;
  const local =
    hours.time_zone === 'UTC'
      ? 'ts'
      : `timezone(${literal(hours.time_zone)}, timezone('UTC', ts))::TIMESTAMP`;
  return `
CREATE OR REPLACE TEMP MACRO eqa_local_time(ts) AS ${local};
CREATE OR REPLACE TEMP MACRO eqa_business_of_local(lt) AS (
  ((date_diff('day', DATE '1970-01-05', lt::DATE) - (isodow(lt) - 1)) // 7) * ${perWeek * dayLength}
  + [${before.join(', ')}][isodow(lt)] * ${dayLength}
  + CASE WHEN [${isBusiness.map(bool).join(', ')}][isodow(lt)]
         THEN least(greatest(epoch(lt) - epoch(lt::DATE) - ${hhmmSeconds(hours.start)}, 0), ${dayLength})
         ELSE 0 END
);
CREATE OR REPLACE TEMP MACRO eqa_business_at(ts) AS eqa_business_of_local(eqa_local_time(ts));
-- Elapsed time between two instants, in calendar or business seconds.
CREATE OR REPLACE TEMP MACRO eqa_elapsed(a, b, business) AS
  CASE WHEN business THEN eqa_business_at(b) - eqa_business_at(a) ELSE epoch(b) - epoch(a) END;
`;
}

/** A target in hours as (seconds, business?) columns. */
function targetSeconds(target: TargetTime): [string, string] {
  return [num(target.hours * 3600), bool(target.time === 'business')];
}

function clockRow(id: number, name: string, clock: Clock, dayLength: number): string {
  const seconds = (days: number, time: string) => days * (time === 'business' ? dayLength : 86400);
  const response = clock.response;
  return `(${id}, ${literal(name)}, ${clock.days}, ${literal(clock.time)}, ${num(seconds(clock.days, clock.time))},
    ${bool(clock.time === 'business')}, ${bool(clock.pause_statuses.includes('pending'))},
    ${bool(clock.pause_statuses.includes('on_hold'))},
    ${response ? num(seconds(response.days, response.time)) : 'NULL'}, ${response ? bool(response.time === 'business') : 'NULL'},
    ${response ? response.days : 'NULL'})`;
}

/** Creates the temporary tables and macros the scoring SQL reads the rubric from. */
export async function createRubricTables(session: StoreSession, rubric: Rubric): Promise<void> {
  const {
    right_department: rd,
    assessment_quality: aq,
    satisfaction: sat,
    resolution: res,
  } = rubric.standards;
  const dayLength = businessDaySeconds(res.business_hours);
  await session.run(businessClockMacros(res.business_hours));

  const [nextSeconds, nextBusiness] = targetSeconds(aq.next_tier_target);
  await session.run(`
CREATE OR REPLACE TEMP TABLE eqa_rubric AS SELECT
  ${num(rd.weight)} AS rd_weight, ${bool(rd.critical)} AS rd_critical, ${num(rd.pass_mark)} AS rd_pass,
  ${num(rd.reassignment_cost)} AS reassignment_cost, ${num(rd.skipped_level_cost)} AS skipped_level_cost,
  ${num(aq.weight)} AS aq_weight, ${bool(aq.critical)} AS aq_critical, ${num(aq.pass_mark)} AS aq_pass,
  ${handoverElements.map((e) => `${num(aq.elements[e])} AS w_${e}`).join(', ')},
  ${num(aq.repeat_cost)} AS repeat_cost, ${nextSeconds} AS next_tier_seconds, ${nextBusiness} AS next_tier_business,
  ${num(aq.next_tier_target.hours)} AS next_tier_hours, ${literal(aq.next_tier_target.time)} AS next_tier_time,
  ${num(aq.next_tier_late_cost)} AS next_tier_late_cost,
  ${num(sat.weight)} AS sat_weight, ${bool(sat.critical)} AS sat_critical, ${num(sat.pass_mark)} AS sat_pass,
  ${literal(sat.numeric_scale)} AS numeric_scale,
  ${num(res.weight)} AS res_weight, ${bool(res.critical)} AS res_critical, ${num(res.pass_mark)} AS res_pass,
  ${bool(res.sla.pause_statuses.includes('pending'))} AS sla_pause_pending,
  ${bool(res.sla.pause_statuses.includes('on_hold'))} AS sla_pause_on_hold,
  ${num(res.sla.first_response_cost)} AS first_response_cost, ${num(res.sla.resolution_cost)} AS resolution_cost,
  ${dayLength} AS business_day_seconds`);

  const alternatives = rd.alternatives.flatMap((a) =>
    a.departments.map((d) => `(${literal(a.category)}, ${a.level}, ${literal(d)})`),
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_rubric_alternatives (category VARCHAR, level INTEGER, department VARCHAR)`,
  );
  if (alternatives.length) {
    await session.run(`INSERT INTO eqa_rubric_alternatives VALUES ${alternatives.join(', ')}`);
  }

  const scaleRows = Object.entries(sat.scales).flatMap(([scale, answers]) =>
    Object.entries(answers as Record<string, number>).map(
      ([answer, points]) => `(${literal(scale)}, ${literal(answer)}, ${num(points)})`,
    ),
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_rubric_scale AS
     SELECT * FROM (VALUES ${scaleRows.join(', ')}) v(scale, answer, points)`,
  );

  await session.run(`CREATE OR REPLACE TEMP TABLE eqa_rubric_sla (priority VARCHAR, fr_seconds DOUBLE,
    fr_business BOOLEAN, fr_hours DOUBLE, fr_time VARCHAR, res_seconds DOUBLE, res_business BOOLEAN,
    res_hours DOUBLE, res_time VARCHAR)`);
  const slaRows = Object.entries(res.sla.priorities).map(([priority, t]) => {
    const [frS, frB] = targetSeconds(t.first_response);
    const [resS, resB] = targetSeconds(t.resolution);
    return `(${literal(priority)}, ${frS}, ${frB}, ${num(t.first_response.hours)}, ${literal(t.first_response.time)},
      ${resS}, ${resB}, ${num(t.resolution.hours)}, ${literal(t.resolution.time)})`;
  });
  if (slaRows.length) {
    await session.run(`INSERT INTO eqa_rubric_sla VALUES ${slaRows.join(', ')}`);
  }

  // Clock 0 is the rubric's own; overrides follow in order, and the first match wins.
  const clocks = [
    clockRow(0, res.clock.preset ?? 'default', res.clock, dayLength),
    ...res.overrides.map((o, i) =>
      clockRow(i + 1, o.clock.preset ?? `override_${i + 1}`, o.clock, dayLength),
    ),
  ];
  await session.run(`CREATE OR REPLACE TEMP TABLE eqa_rubric_clocks AS
    SELECT * FROM (VALUES ${clocks.join(', ')}) v(clock_id, name, days, time, limit_seconds, business,
      pause_pending, pause_on_hold, response_seconds, response_business, response_days)`);
  const conditions = res.overrides.map((o, i) => {
    const parts = [
      o.match.category === undefined ? null : `category = ${literal(o.match.category)}`,
      o.match.policy === undefined ? null : `policy = ${literal(o.match.policy)}`,
    ].filter((p) => p !== null);
    return `WHEN ${parts.join(' AND ')} THEN ${i + 1}`;
  });
  await session.run(
    `CREATE OR REPLACE TEMP MACRO eqa_clock_of(category, policy) AS ${
      conditions.length ? `CASE ${conditions.join(' ')} ELSE 0 END` : '0'
    }`,
  );
}

/**
 * Writes the rubric's authority matrix into `rubric_authority_limits` (kind, level, max_amount: NULL =
 * no limit; a kind and level left out may grant nothing) and its other offer settings into
 * `rubric_offer_settings`, replacing what the last run wrote. Unlike the temporary tables above these
 * stay after the run: the Empowerment and Load figures are read against the rubric that made them.
 */
export async function writeAuthorityTables(session: StoreSession, rubric: Rubric): Promise<void> {
  const authority = rubric.authority;
  const fairness = rubric.offer_fairness ?? defaultOfferFairness;
  await session.run('DELETE FROM rubric_authority_limits');
  const rows = Object.entries(authority?.limits ?? {}).flatMap(([kind, levels]) =>
    Object.entries(levels ?? {}).map(
      ([level, max]) =>
        `(${literal(kind)}, ${Number(level)}, ${max === null || max === undefined ? 'NULL' : num(max)})`,
    ),
  );
  if (rows.length) {
    await session.run(`INSERT INTO rubric_authority_limits VALUES ${rows.join(', ')}`);
  }
  const list = (values: number[]) => `[${values.map(num).join(', ')}]::DECIMAL(18, 2)[]`;
  await session.run('DELETE FROM rubric_offer_settings');
  await session.run(
    `INSERT INTO rubric_offer_settings VALUES (${authority ? literal(authority.currency) : 'NULL'},
       ${list(authority?.amount_bands ?? [])}, ${num(authority?.flag_approval_share ?? 1)},
       ${num(fairness.max_difference)}, ${list(fairness.value_bands)}, ${rubric.minimum_volume})`,
  );
}
