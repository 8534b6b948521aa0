/** A small valid rubric whose line numbers the broken-rubric table relies on: edit with care. */
export const baseRubric = `rubric: 1
version: test-1
minimum_volume: 30
standards:
  right_department:
    weight: 0.25
    critical: false
    reassignment_cost: 20
    skipped_level_cost: 30
  assessment_quality:
    weight: 0.25
    critical: false
    elements: {problem: 0.25, customer_ask: 0.2, already_tried: 0.15, dispute_source: 0.15, timeline: 0.1, severity: 0.15}
    repeat_cost: 25
    next_tier_target: {hours: 8, time: business}
  satisfaction:
    weight: 0.25
    critical: false
    scales:
      csat: {1: 0, 2: 25, 3: 50, 4: 75, 5: 100}
      nps: {0: 0, 1: 10, 2: 20, 3: 30, 4: 40, 5: 50, 6: 60, 7: 70, 8: 80, 9: 90, 10: 100}
      thumbs: {up: 100, down: 0}
      good_bad: {good: 100, bad: 0}
  resolution:
    weight: 0.25
    critical: true
    business_hours: {days: [mon, tue, wed, thu, fri], start: '09:00', end: '17:00', time_zone: UTC}
    clock:
      days: 30
      time: calendar
      pause_statuses: []
    sla:
      priorities:
        high: {first_response: {hours: 4, time: business}, resolution: {hours: 24, time: business}}
`;
