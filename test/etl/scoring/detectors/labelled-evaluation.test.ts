import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandoverElements } from '../../../../etl/src/scoring/detectors/detect-elements.js';
import { detectedElements } from '../../../../etl/src/scoring/detectors/detectors.schema.js';
import { loadDetectors } from '../../../../etl/src/scoring/detectors/load-detectors.js';
import type { StoreSession } from '../../../../etl/src/store/duckdb-store.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';
import { labelledDir, laterHoldoutNumbers } from '../../../setup/labelled-sets.js';

// Precision and recall of the default detectors on the hand-labelled handovers (fixtures/labelled/),
// per element and per split. A held-out split is never used while rules are developed (DECISIONS §8).
// Each split is read from its own file in `sources`, and only the steps of that split: steps of any
// other split are filtered out in the query and never detected. EQA_EVAL_SPLIT=dev runs and prints
// one split alone; EQA_EVAL_DETECTORS=/path evaluates a draft rules file instead of the shipped one;
// EQA_EVAL_MISSES=1 lists every wrong call under its split's table, with the rule and words behind a
// false positive.
//
// The first evaluation of the holdout (2026-11-24, rules as first committed) fell short of the bar on
// recall for five elements; the rules had been fitted to the dev phrasings. That holdout is spent: the
// rules of version 2 were written as word families and widened with its misses, so it is in-sample
// now and guards only against regressions, at the figures of the current version (`spentHoldoutFloor`). A
// fresh held-out split, measured once, is the measure of the bar (fixtures/labelled/README.md).
//
//   first measurement (P / R)   problem .95/.75  customer_ask .96/.96  already_tried 1/.83
//                               dispute_source 1/.67  timeline 1/.88  severity 1/.69  customer_repeated 1/.60
//
// Holdout-2 (60 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.2, and the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 42 4 5 9 .91/.89     customer_ask 39 1 4 16 .97/.91
//                                          already_tried 32 3 5 20 .91/.86   timeline 32 3 5 20 .91/.86
//                                          severity 20 1 0 39 .95/1     dispute_source 15 1 4 40 .94/.79
//                                          customer_repeated 8 3 4 45 .73/.67
//
// Then it was spent on dispute_source and customer_repeated: default-2025.3 added `all` rules, a veto
// and the structural `restated` repeat after reading its misses (fixtures/labelled/README.md, Holdout
// 2). The other five elements' rules did not change, and its figures for them are still that one
// measurement. Every split here is now in-sample for those two; their floors below are regression
// guards at the figures default-2025.3 gives, and a third held-out set, written without sight of the
// rules, is the measure of the bar.
//
// Holdout-3 (100 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.3, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 72 4 11 13 .95/.87    customer_ask 76 2 3 19 .97/.96
//                                          already_tried 46 1 22 31 .98/.68   timeline 62 3 6 29 .95/.91
//                                          severity 28 8 11 53 .78/.72  dispute_source 30 4 9 57 .88/.77
//                                          customer_repeated 24 1 4 71 .96/.86
//
// Then it was spent: default-2025.4 widened the families of already_tried, dispute_source, severity
// and problem after reading its misses (fixtures/labelled/README.md, Holdout 3). Its floor below is an
// in-sample regression guard at the figures default-2025.4 gives; the figures above stay its one
// measurement, and a fourth held-out set, written without sight of the rules, is the measure of the bar.
//
// Holdout-4 (100 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.4, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 68 6 15 11 .92/.82    customer_ask 78 3 2 17 .96/.97
//                                          already_tried 54 5 17 24 .92/.76   timeline 65 5 6 24 .93/.92
//                                          severity 31 3 5 61 .91/.86   dispute_source 34 3 9 54 .92/.79
//                                          customer_repeated 26 4 2 68 .87/.93
//
// Then it was spent: default-2025.5 added a learned part (a logistic regression over the note's words,
// etl/src/scoring/detectors/learned-model.ts) for problem, already_tried and dispute_source, trained on
// every labelled step then known (holdout-4 included) and with its thresholds chosen on holdout-4 by
// 10-fold cross-validation; default-2025.6 narrowed two rule words after seeing their false positives
// on it. Its floor below guards the in-sample figures version 6 gives.
//
// Holdout-5 (100 steps, written without sight of the rules) was measured once, on 2026-11-24 with
// default-2025.5, and the bar held on four elements, problem and already_tried among them for the
// first time on a fresh set:
//
//   one measurement (tp fp fn tn, P / R)   problem 83 2 1 14 .98/.99     customer_ask 79 2 3 16 .98/.96
//                                          already_tried 64 11 4 21 .85/.94  timeline 77 1 3 19 .99/.96
//                                          severity 24 5 15 56 .83/.62  dispute_source 29 5 12 54 .85/.71
//                                          customer_repeated 31 3 13 53 .91/.70
//
// Then it was spent: default-2025.6 widened severity (ages, conditions, a death in the family, more
// bodies a customer may go to, a business at a standstill), dispute_source (our decision with the
// reason we gave), customer_repeated ("I told your receptionist", number words) after reading its
// misses, and the learned part was retrained with it (481 steps). Its floor guards version 6's figures.
//
// Holdout-6 (100 steps, written after version 6 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.6, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 80 4 2 14 .95/.98     customer_ask 74 3 5 18 .96/.94
//                                          already_tried 55 14 8 23 .80/.87  timeline 67 3 8 22 .96/.89
//                                          severity 34 4 12 50 .89/.74  dispute_source 33 3 12 52 .92/.73
//                                          customer_repeated 28 0 1 71 1/.97
//
// Then it was spent: default-2025.7 chose new thresholds with it (cross-validated, as for holdout-4)
// and retrained the learned part with it (581 steps); its floor guards version 7's figures.
//
// Holdout-7 (100 steps, written after version 7 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.7, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 83 6 1 10 .93/.99     customer_ask 77 2 5 16 .97/.94
//                                          already_tried 63 2 12 23 .97/.84  timeline 75 7 3 15 .91/.96
//                                          severity 35 5 12 48 .88/.74  dispute_source 41 7 11 41 .85/.79
//                                          customer_repeated 29 3 0 68 .91/1
//
// Then it was spent: default-2025.8 chose its thresholds on holdouts 6 and 7 (cross-validated), read
// its misses to widen severity, and retrained the learned part with it (681 steps).
//
// Holdout-8 (100 steps, written after version 8 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.8, and the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 82 9 2 7 .90/.98      customer_ask 80 3 2 15 .96/.98
//                                          already_tried 67 10 4 19 .87/.94  timeline 72 5 2 21 .94/.97
//                                          severity 37 7 2 54 .84/.95   dispute_source 36 10 10 44 .78/.78
//                                          customer_repeated 30 4 0 66 .88/1
//
// Then it was spent: default-2025.9 chose its thresholds on holdouts 6 and 8 (cross-validated) and
// retrained the learned part with it (781 steps).
//
// Holdout-9 (100 steps, written after version 9 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.9, and the bar held on four elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 83 2 1 14 .98/.99     customer_ask 74 4 5 17 .95/.94
//                                          already_tried 53 11 9 27 .83/.85  timeline 70 4 4 22 .95/.95
//                                          severity 43 11 8 38 .80/.84  dispute_source 42 3 9 46 .93/.82
//                                          customer_repeated 31 1 0 68 .97/1
//
// Holdouts 10 to 12 (300 steps, written together after version 9 without sight of the rules or the
// weights) were measured once, on 2026-11-24 with default-2025.9; pooled, the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 191 43 14 52 .82/.93  customer_ask 195 8 9 88 .96/.96
//                                          already_tried 165 18 24 93 .90/.87  timeline 183 14 11 92 .93/.94
//                                          severity 99 20 17 164 .83/.85  dispute_source 89 12 16 183 .88/.85
//                                          customer_repeated 93 12 12 183 .89/.89
//
// Then they were spent: default-2025.10 trains its learned part on them (1,081 steps, holdout-9 left
// out) and chose its thresholds and problem's overrule on them, rules unchanged. Holdout-9, its misses
// still unread, was measured a second time with version 10, and the bar held on the same four:
//
//   measurement (tp fp fn tn, P / R)       problem 83 2 1 14 .98/.99     customer_ask 74 4 5 17 .95/.94
//                                          already_tried 55 13 7 25 .81/.89  timeline 71 2 3 24 .97/.96
//                                          severity 44 13 7 36 .77/.86  dispute_source 42 4 9 45 .91/.82
//                                          customer_repeated 31 1 0 68 .97/1
//
// Holdout-13 (100 steps, written after version 10 without sight of the rules or the weights) was
// measured once, on 2026-11-24 with default-2025.10, and the bar held on five elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 67 7 1 25 .91/.99     customer_ask 65 4 2 29 .94/.97
//                                          already_tried 58 7 6 29 .89/.91   timeline 58 6 4 32 .91/.94
//                                          severity 39 4 6 51 .91/.87   dispute_source 32 7 3 58 .82/.91
//                                          customer_repeated 33 6 4 57 .846/.89
//
// Version 11 (default-2025.11: three severity look-alikes cleared, a narrower hospital, a wider
// dispute veto, dispute_source's threshold 0.5; made on spent sets only) was measured once on
// holdout-13 and on holdouts 14 and 15 (200 steps written after version 11 without sight of the rules
// or the weights); pooled over the 300 steps the bar held on six elements, not on dispute_source:
//
//   one measurement (tp fp fn tn, P / R)   problem 204 18 20 58 .92/.91  customer_ask 208 16 7 69 .93/.97
//                                          already_tried 175 21 28 76 .89/.86  timeline 189 14 13 84 .93/.94
//                                          severity 117 17 18 148 .87/.87  dispute_source 94 27 8 171 .78/.92
//                                          customer_repeated 86 15 14 185 .851/.86
//
// Then their misses were read: holdouts 13 to 15 are spent. Version 12 (default-2025.12: dispute_source's
// veto counts only an acceptance that ends its clause, two dispute clears, a tried rule for replies
// asking the customer for details; the model retrained on all 1,481 steps, holdout-9 too; cuts chosen
// out of fold on holdouts 10 to 15) was measured once on holdouts 16 to 18 (300 steps written while
// it was made, without sight of the rules or the weights); pooled, the bar held on six elements, not
// on dispute_source's recall:
//
//   one measurement (tp fp fn tn, P / R)   problem 221 12 18 49 .95/.92  customer_ask 213 14 13 60 .94/.94
//                                          already_tried 187 13 19 81 .94/.91  timeline 164 16 16 104 .91/.91
//                                          severity 114 15 13 158 .88/.90  dispute_source 81 6 19 194 .93/.81
//                                          customer_repeated 77 9 9 205 .895/.895
//
// It was measured with an overrule of severity below 0.05, dropped afterwards because it overruled
// "Urgent pls" in a plain note of detect-elements.test.ts; without it severity has one false positive
// more on holdout-17 (pooled 114 16 13 157, .877/.898).
//
// Then their misses were read: holdouts 16 to 18 are spent. Version 13 (default-2025.13: a veto may
// have `unless`, the refused offer and the rejected remedy widened; the model retrained on all 1,781
// steps; cuts chosen out of fold on holdouts 10 to 18) was measured once on holdouts 19 to 21 (300
// steps written while it was made); pooled, the bar held on six elements, not on dispute_source's
// precision:
//
//   one measurement (tp fp fn tn, P / R)   problem 216 18 8 58 .92/.96  customer_ask 219 9 12 60 .96/.95
//                                          already_tried 185 21 22 72 .90/.89  timeline 177 17 14 92 .91/.93
//                                          severity 120 14 15 151 .90/.89  dispute_source 86 19 7 188 .82/.92
//                                          customer_repeated 76 11 13 200 .87/.85
//
// Then their misses were read: holdouts 19 to 21 are spent. Version 14 (default-2025.14: dispute_source
// clears routing rules and promises the customer wants kept, its veto takes "nothing disputed" and
// "but accepts the policy."; the model retrained on all 2,081 steps; cuts chosen out of fold on
// holdouts 10 to 21) was measured once on holdouts 22 to 24 (300 steps written while it was made);
// pooled, the bar held on the same six elements, not on dispute_source's precision:
//
//   one measurement (tp fp fn tn, P / R)   problem 230 11 3 56 .95/.99  customer_ask 227 9 6 58 .96/.97
//                                          already_tried 192 11 13 84 .95/.94  timeline 183 14 20 83 .93/.90
//                                          severity 123 16 17 144 .88/.88  dispute_source 82 20 12 186 .80/.87
//                                          customer_repeated 76 10 11 203 .88/.87
//
// Then their misses were read: holdouts 22 to 24 are spent. Version 15 (default-2025.15: dispute_source
// clears transactions disputed as fraud, routing rules and dated promises; the model retrained on all
// 2,381 steps; cuts chosen out of fold on holdouts 10 to 24, dispute_source's at the higher of two
// tied) was measured once on holdouts 25 to 27 (300 steps written while it was made); pooled, the bar
// held on six elements, dispute_source among them for the first time, not on severity's precision,
// by one false positive (105 of 124; 105 of 123 would be 0.854):
//
//   one measurement (tp fp fn tn, P / R)   problem 213 9 9 69 .96/.96  customer_ask 223 12 10 55 .95/.96
//                                          already_tried 177 17 24 82 .91/.88  timeline 179 14 11 96 .93/.94
//                                          severity 105 19 11 165 .847/.91  dispute_source 85 12 10 193 .88/.89
//                                          customer_repeated 73 4 10 213 .95/.88
//
// Then their misses were read: holdouts 25 to 27 are spent. Version 16 (default-2025.16: severity clears
// product names, emergencies already had, "Vulnerable: N" and deadlines asked about; the model
// retrained on all 2,681 steps; cuts chosen out of fold on holdouts 10 to 27) was measured once on
// holdouts 28 to 30 (300 steps written while it was made); pooled, the bar held on six elements,
// dispute_source and severity among them, not on customer_repeated's recall:
//
//   one measurement (tp fp fn tn, P / R)   problem 209 14 24 53 .94/.90  customer_ask 201 13 11 75 .94/.95
//                                          already_tried 171 23 17 89 .88/.91  timeline 175 12 19 94 .94/.90
//                                          severity 111 12 16 161 .90/.87  dispute_source 73 11 10 206 .87/.88
//                                          customer_repeated 70 10 15 205 .875/.82
//
// Then their misses were read: holdouts 28 to 30 are spent. Version 17 (default-2025.17: the repeat's
// cues widened; the model retrained on all 2,981 steps; cuts chosen out of fold on holdouts 10 to 30)
// was measured once on holdouts 31 to 36 (600 steps written by twelve writers while it was made);
// pooled, the bar held on five elements, not on dispute_source's precision nor severity's recall:
//
//   one measurement (tp fp fn tn, P / R)   problem 443 19 23 115 .96/.95  customer_ask 421 30 14 135 .93/.97
//                                          already_tried 345 39 41 175 .90/.89  timeline 338 34 30 198 .91/.92
//                                          severity 210 29 39 322 .88/.84  dispute_source 144 29 24 403 .83/.86
//                                          customer_repeated 147 13 18 422 .92/.89
//
// Then their misses were read: holdouts 31 to 36 are spent. Version 18 (default-2025.18: dispute-rule
// needs the customer's objection; the model retrained on all 3,581 steps; cuts chosen out of fold on
// holdouts 10 to 36) was measured once on holdouts 37 to 42 (600 steps, twelve more writers); pooled,
// the bar held on six elements, not on dispute_source's precision, by two false positives (158 of
// 187; 158 of 185 would be 0.854):
//
//   one measurement (tp fp fn tn, P / R)   problem 434 35 12 119 .93/.97  customer_ask 417 23 28 132 .95/.94
//                                          already_tried 370 39 33 158 .90/.92  timeline 360 35 22 183 .91/.94
//                                          severity 219 32 26 323 .87/.89  dispute_source 158 29 21 392 .845/.88
//                                          customer_repeated 166 17 13 404 .91/.93
//
// Then their misses were read: holdouts 37 to 42 are spent. Version 19 (default-2025.19: dispute_source's
// weak rules weighed by the model, weak_below 0.25, threshold 0.6; field evidence the whole field; the
// model retrained on all 4,181 steps; cuts chosen out of fold on holdouts 10 to 42) was measured once
// on holdouts 43 to 48 (600 steps, twelve more writers); pooled, the bar held on all seven elements:
//
//   one measurement (tp fp fn tn, P / R)   problem 446 28 12 114 .94/.97  customer_ask 427 30 6 137 .93/.99
//                                          already_tried 357 32 25 186 .92/.93  timeline 369 40 21 170 .90/.95
//                                          severity 231 27 36 306 .90/.87  dispute_source 182 17 9 392 .91/.95
//                                          customer_repeated 177 10 14 399 .95/.93

const labelledPath = fileURLToPath(
  new URL('../../../../fixtures/labelled/handover-steps.jsonl', import.meta.url),
);
/** Where each split's steps are read from (a later set: from its file in the folder); each needs a floor below. */
const sources: Record<string, string> = {
  dev: labelledPath,
  holdout: labelledPath,
  'holdout-2': fileURLToPath(
    new URL('../../../../fixtures/labelled/handover-steps-holdout-2.jsonl', import.meta.url),
  ),
  ...Object.fromEntries(
    laterHoldoutNumbers().map((n) => [
      `holdout-${n}`,
      join(labelledDir, `handover-steps-holdout-${n}.jsonl`),
    ]),
  ),
};
type Split = string;
const splits = Object.keys(sources) as Split[];
const only = process.env.EQA_EVAL_SPLIT as Split | undefined;
const selected = splits.filter((s) => !only || s === only);
const bar = 0.85;
const detectorsPath = process.env.EQA_EVAL_DETECTORS || undefined;
const printMisses = Boolean(process.env.EQA_EVAL_MISSES);

// Each held-out split's floor, as the evaluation prints it: per element of detectedElements, in that
// order, [tp, fp, fn]; the detectors must not do worse (precision below tp / (tp + fp), recall below
// tp / (tp + fn)). A spent split's floor is an in-sample regression guard: the figures the shipped
// version gives on it (its measurements, taken while it was unseen, are in the header above); every
// set up to holdout-42 trains version 19's learned part, the rules were shaped on most of them, and
// holdouts 10 to 42 chose its thresholds, overrules and weak_below. An unspent split's floor is its
// one measurement.
const shippedVersion = 'default-2025.19';
/** The splits not yet read: measured once, with the shipped version, while unseen. */
const unspent = new Set(['holdout-43', 'holdout-44', 'holdout-45', 'holdout-46', 'holdout-47', 'holdout-48']);
// biome-ignore format: one split a line, its elements in the order the evaluation prints them
const floorCounts: Record<Split, [number, number, number][]> = {
  holdout: [[28, 1, 0], [27, 0, 0], [24, 0, 0], [11, 0, 1], [24, 0, 0], [13, 0, 0], [10, 0, 0]],
  'holdout-2': [[45, 1, 2], [39, 1, 4], [35, 3, 2], [19, 0, 0], [33, 3, 4], [20, 0, 0], [12, 1, 0]],
  'holdout-3': [[82, 2, 1], [76, 2, 3], [67, 2, 1], [39, 0, 0], [64, 3, 4], [39, 0, 0], [26, 1, 2]],
  'holdout-4': [[81, 2, 2], [78, 3, 2], [69, 4, 2], [40, 2, 3], [68, 5, 3], [33, 3, 3], [26, 4, 2]],
  'holdout-5': [[83, 0, 1], [79, 2, 3], [64, 9, 4], [39, 2, 2], [77, 1, 3], [37, 5, 2], [36, 3, 8]],
  'holdout-6': [[81, 0, 1], [74, 3, 5], [60, 7, 3], [42, 3, 3], [71, 4, 4], [39, 4, 7], [28, 0, 1]],
  'holdout-7': [[84, 3, 0], [77, 2, 5], [72, 3, 3], [44, 3, 8], [75, 3, 3], [44, 4, 3], [28, 3, 1]],
  'holdout-8': [[84, 6, 0], [80, 3, 2], [69, 4, 2], [40, 1, 6], [72, 4, 2], [36, 0, 3], [30, 3, 0]],
  'holdout-9': [[83, 2, 1], [74, 4, 5], [58, 8, 4], [47, 1, 4], [72, 2, 2], [46, 8, 5], [31, 1, 0]],
  'holdout-10': [[66, 14, 2], [65, 0, 3], [60, 7, 4], [34, 1, 3], [58, 6, 3], [33, 2, 8], [32, 4, 3]],
  'holdout-11': [[66, 3, 2], [65, 5, 3], [61, 3, 2], [28, 4, 6], [62, 1, 3], [31, 2, 4], [28, 1, 4]],
  'holdout-12': [[68, 6, 1], [65, 3, 3], [61, 4, 1], [33, 0, 1], [67, 5, 1], [34, 3, 6], [34, 5, 4]],
  'holdout-13': [[67, 7, 1], [65, 4, 2], [62, 4, 2], [34, 1, 1], [61, 3, 1], [40, 1, 5], [33, 6, 4]],
  'holdout-14': [[75, 3, 3], [72, 3, 4], [63, 5, 6], [34, 1, 0], [63, 2, 6], [43, 3, 5], [28, 3, 6]],
  'holdout-15': [[75, 5, 3], [71, 9, 1], [67, 2, 3], [30, 1, 3], [70, 3, 1], [37, 4, 5], [26, 5, 3]],
  'holdout-16': [[75, 3, 3], [74, 4, 2], [65, 3, 4], [35, 1, 2], [50, 5, 9], [39, 1, 2], [26, 4, 3]],
  'holdout-17': [[77, 1, 3], [69, 3, 5], [63, 3, 4], [30, 0, 3], [58, 3, 3], [36, 5, 5], [26, 3, 3]],
  'holdout-18': [[79, 3, 2], [70, 7, 6], [67, 2, 3], [29, 1, 1], [57, 5, 3], [41, 3, 4], [25, 3, 3]],
  'holdout-19': [[68, 4, 2], [76, 3, 1], [61, 7, 5], [27, 2, 3], [61, 1, 2], [43, 1, 4], [23, 4, 4]],
  'holdout-20': [[77, 0, 4], [72, 2, 7], [61, 3, 9], [27, 2, 1], [63, 6, 4], [34, 1, 4], [26, 5, 5]],
  'holdout-21': [[73, 7, 0], [71, 4, 4], [66, 4, 5], [33, 2, 2], [59, 8, 2], [45, 5, 5], [28, 2, 3]],
  'holdout-22': [[75, 5, 1], [71, 3, 2], [60, 2, 4], [22, 4, 2], [59, 3, 8], [36, 2, 11], [27, 4, 3]],
  'holdout-23': [[81, 3, 0], [78, 2, 3], [68, 3, 2], [29, 0, 7], [66, 8, 4], [41, 1, 1], [23, 5, 6]],
  'holdout-24': [[76, 1, 0], [78, 4, 1], [67, 4, 4], [33, 5, 1], [63, 1, 3], [47, 5, 4], [27, 1, 1]],
  'holdout-25': [[75, 1, 3], [80, 2, 0], [69, 4, 8], [35, 1, 3], [66, 4, 1], [36, 1, 0], [23, 0, 2]],
  'holdout-26': [[74, 2, 2], [70, 1, 7], [61, 3, 5], [23, 5, 0], [57, 4, 5], [39, 0, 5], [26, 3, 2]],
  'holdout-27': [[67, 2, 1], [73, 9, 3], [53, 4, 5], [31, 3, 3], [57, 6, 4], [33, 3, 3], [24, 1, 6]],
  'holdout-28': [[71, 3, 5], [71, 3, 3], [54, 1, 3], [29, 2, 0], [54, 3, 9], [30, 3, 6], [28, 0, 6]],
  'holdout-29': [[73, 5, 5], [65, 7, 4], [60, 4, 5], [27, 4, 2], [62, 3, 3], [42, 7, 5], [24, 7, 2]],
  'holdout-30': [[74, 4, 5], [65, 3, 4], [61, 3, 5], [22, 1, 3], [63, 5, 3], [44, 2, 0], [22, 3, 3]],
  'holdout-31': [[77, 2, 1], [71, 6, 1], [65, 1, 7], [30, 2, 2], [62, 5, 6], [35, 7, 4], [26, 2, 1]],
  'holdout-32': [[71, 4, 4], [70, 5, 1], [52, 6, 4], [24, 2, 1], [57, 4, 4], [32, 3, 7], [21, 2, 3]],
  'holdout-33': [[78, 2, 3], [65, 7, 2], [60, 5, 4], [19, 2, 4], [53, 5, 4], [38, 2, 6], [22, 2, 4]],
  'holdout-34': [[81, 1, 1], [73, 4, 2], [58, 5, 3], [29, 4, 3], [59, 5, 1], [42, 1, 4], [27, 3, 4]],
  'holdout-35': [[76, 4, 1], [75, 5, 2], [69, 1, 4], [24, 3, 3], [64, 5, 3], [42, 7, 4], [27, 3, 4]],
  'holdout-36': [[73, 0, 0], [67, 3, 6], [55, 5, 5], [26, 0, 3], [47, 4, 8], [28, 1, 7], [24, 1, 2]],
  'holdout-37': [[71, 7, 0], [70, 5, 6], [66, 1, 5], [27, 4, 4], [62, 6, 2], [33, 2, 4], [32, 3, 0]],
  'holdout-38': [[70, 1, 1], [73, 2, 5], [59, 4, 4], [24, 5, 0], [57, 10, 3], [40, 3, 1], [27, 5, 5]],
  'holdout-39': [[70, 4, 2], [74, 3, 4], [64, 6, 2], [38, 1, 1], [66, 4, 3], [39, 6, 5], [24, 0, 5]],
  'holdout-40': [[74, 5, 3], [69, 5, 5], [62, 6, 3], [27, 0, 1], [55, 1, 6], [32, 1, 5], [27, 5, 0]],
  'holdout-41': [[75, 4, 3], [67, 4, 5], [68, 4, 4], [27, 2, 5], [61, 2, 4], [39, 2, 3], [27, 2, 3]],
  'holdout-42': [[76, 6, 1], [64, 4, 3], [59, 7, 7], [25, 6, 0], [58, 4, 5], [41, 10, 3], [29, 1, 0]],
  'holdout-43': [[73, 10, 2], [76, 4, 0], [66, 2, 1], [33, 3, 1], [64, 8, 3], [45, 6, 4], [32, 2, 3]],
  'holdout-44': [[77, 1, 1], [69, 5, 2], [59, 4, 7], [40, 5, 3], [59, 7, 5], [35, 2, 7], [30, 1, 1]],
  'holdout-45': [[73, 4, 5], [68, 7, 2], [57, 6, 5], [26, 1, 0], [59, 5, 3], [34, 3, 6], [35, 1, 0]],
  'holdout-46': [[75, 2, 2], [72, 7, 0], [53, 6, 6], [27, 4, 2], [59, 6, 3], [39, 2, 1], [28, 4, 0]],
  'holdout-47': [[72, 7, 1], [67, 6, 1], [63, 4, 4], [30, 1, 2], [66, 7, 2], [34, 6, 7], [24, 1, 4]],
  'holdout-48': [[76, 4, 1], [75, 1, 1], [59, 10, 2], [26, 3, 1], [62, 7, 5], [44, 8, 11], [28, 1, 6]],
};

/** The precision and recall an element's counts give, a ratio with nothing below it counting as 1. */
function floorOf([tp, fp, fn]: [number, number, number]): [number, number] {
  return [fp === 0 ? 1 : tp / (tp + fp), fn === 0 ? 1 : tp / (tp + fn)];
}

interface Miss {
  split: Split;
  step_key: string;
  element: string;
  predicted: boolean;
  evidence: string | null;
}

interface Counts {
  split: Split;
  element: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Precision counts as failing when nothing is predicted, unless there is nothing to find. */
function precision(c: Counts): number {
  if (c.tp + c.fp === 0) {
    return c.fn === 0 ? 1 : 0;
  }
  return c.tp / (c.tp + c.fp);
}

function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}

function table(split: Split, rows: Counts[], misses: Miss[]): string {
  const wrong = misses
    .filter((m) => m.split === split)
    .map(
      (m) =>
        `  ${m.predicted ? 'FP' : 'FN'} ${m.element} ${m.step_key}${m.evidence ? ` (${m.evidence})` : ''}`,
    );
  const steps = rows[0] ? rows[0].tp + rows[0].fp + rows[0].fn + rows[0].tn : 0;
  const head = ['element', 'tp', 'fp', 'fn', 'tn', 'precision', 'recall', ''];
  const lines = rows.map((c) => {
    const p = precision(c);
    const r = recall(c);
    return [
      c.element,
      String(c.tp),
      String(c.fp),
      String(c.fn),
      String(c.tn),
      p.toFixed(2),
      r.toFixed(2),
      p < bar || r < bar ? `below ${bar}` : '',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    `Handover detectors on fixtures/labelled, ${split} split (${steps} steps):`,
    format(head),
    ...lines.map(format),
    ...wrong,
  ].join('\n');
}

async function evaluate(session: StoreSession): Promise<{ counts: Counts[]; misses: Miss[] }> {
  if (!selected.length) {
    return { counts: [], misses: [] };
  }
  const labels = detectedElements.map((e) => `${e} BOOLEAN`).join(', ');
  // one read per split, of that split's file and of that split's steps only
  const reads = selected.map(
    (_, i) => `SELECT id AS step_key, split, note, next_contact, labels
     FROM read_json($path${i}, format = 'newline_delimited', columns = {
       id: 'VARCHAR', split: 'VARCHAR', note: 'VARCHAR', next_contact: 'VARCHAR',
       labels: 'STRUCT(${labels})'
     })
     WHERE split = $split${i}`,
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE labelled AS ${reads.join('\nUNION ALL\n')}`,
    Object.fromEntries(
      selected.flatMap((split, i) => [
        [`path${i}`, sources[split]],
        [`split${i}`, split],
      ]),
    ),
  );
  await session.run(
    'CREATE OR REPLACE TEMP VIEW labelled_source AS SELECT step_key, note, next_contact FROM labelled',
  );
  await detectHandoverElements(session, await loadDetectors(detectorsPath), {
    source: 'labelled_source',
    target: 'labelled_detected',
  });
  const pairs = detectedElements
    .map(
      (e, i) => `SELECT ${i} AS ord, '${e}' AS element, l.split, step_key, d.${e} AS predicted,
        l.labels.${e} AS actual,
        list_filter(d.evidence, lambda ev: ev.element = '${e}')[1] AS ev
      FROM labelled l JOIN labelled_detected d USING (step_key)`,
    )
    .join('\nUNION ALL\n');
  // EQA_EVAL_MISSES=1: every wrong call with the rule and words that made a false positive
  const misses = printMisses
    ? await session.all<Miss>(
        `SELECT split, step_key, element, predicted,
           CASE WHEN ev IS NOT NULL THEN ev.rule || ': ' || ev.excerpt END AS evidence
         FROM (${pairs}) WHERE predicted <> actual ORDER BY split, ord, step_key`,
      )
    : [];
  const counts = await session.all<Counts>(
    `SELECT split, element,
       count(*) FILTER (predicted AND actual)::INTEGER AS tp,
       count(*) FILTER (predicted AND NOT actual)::INTEGER AS fp,
       count(*) FILTER (NOT predicted AND actual)::INTEGER AS fn,
       count(*) FILTER (NOT predicted AND NOT actual)::INTEGER AS tn
     FROM (${pairs})
     GROUP BY split, element, ord
     ORDER BY split, ord`,
  );
  return { counts, misses };
}

describe('handover detectors on the labelled handovers', () => {
  let temp: TempStore;
  let counts: Counts[] = [];
  let misses: Miss[] = [];

  beforeAll(async () => {
    temp = await openTempStore();
    ({ counts, misses } = await temp.store.withSession(evaluate));
  });

  afterAll(() => temp?.dispose());

  function check(split: Split): void {
    const rows = counts.filter((c) => c.split === split);
    console.log(table(split, rows, misses));

    expect(rows.map((c) => c.element)).toEqual([...detectedElements]);
    const below = rows
      .filter((c) => precision(c) < bar || recall(c) < bar)
      .map((c) => `${c.element} (P ${precision(c).toFixed(2)}, R ${recall(c).toFixed(2)})`);
    expect(below).toEqual([]);
  }

  // EQA_EVAL_SPLIT=holdout skips the dev split here
  it.skipIf(!selected.includes('dev'))(
    `should reach ${bar} precision and recall on every element of the dev split`,
    () => check('dev'),
  );

  // Each held-out split guards a floor: its one measurement while it is unspent, the in-sample figures
  // of the version it was spent on after that (the header tells each story). EQA_EVAL_SPLIT=dev skips
  // them all, and a skipped split is neither read nor detected.
  const floors = Object.entries(floorCounts).map(([split, elementCounts]) => ({
    split,
    floor: Object.fromEntries(detectedElements.map((e, i) => [e, floorOf(elementCounts[i])])),
    title: unspent.has(split)
      ? `its one measurement with ${shippedVersion}`
      : `the figures of ${shippedVersion} (spent)`,
  }));

  for (const { split, floor, title } of floors) {
    it.skipIf(!selected.includes(split))(`should not fall below ${title} on the ${split} split`, () => {
      const rows = counts.filter((c) => c.split === split);
      console.log(table(split, rows, misses));

      const worse = rows
        .filter((c) => {
          const [p, r] = floor[c.element];
          return precision(c) < p - 1e-9 || recall(c) < r - 1e-9;
        })
        .map((c) => `${c.element} (P ${precision(c).toFixed(2)}, R ${recall(c).toFixed(2)})`);
      expect(rows).toHaveLength(detectedElements.length);
      expect(worse).toEqual([]);
    });
  }

  it('should guard a floor for every held-out split it reads', () => {
    expect(floors.map((f) => f.split)).toEqual(splits.filter((s) => s !== 'dev'));
  });
});
