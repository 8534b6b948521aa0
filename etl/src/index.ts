// The public API of the etl library, used by the server and the eqa command line. etl never imports
// the server.

export {
  type CaseCall,
  type CaseDetail,
  type CaseScore,
  type CaseSurveyAnswer,
  type CaseTicket,
  caseDetail,
  type EvidenceItem,
  type StepScore,
  type TimelineEvent,
} from './analytics/case.queries.js';
export {
  type LoadedFile,
  loadedFiles,
  type RejectFilter,
  type RejectRow,
  rejectedRows,
} from './analytics/data.queries.js';
export {
  dataRange,
  overviewSummary,
  type RangeFilter,
  weeklyEscalationsArrow,
  weeklyResolutionArrow,
} from './analytics/overview.queries.js';
export type { DateRange, OverviewSummary, ResolutionShare } from './analytics/overview.types.js';
export { previousRangeOf, standardsOverview, standardsSummary } from './analytics/standards.queries.js';
export * from './analytics/standards.types.js';
export { canonicalFiles, detectCanonicalKind } from './canonical/canonical-files.js';
export { derivedIsStale, rebuildDerived } from './chains/rebuild-derived.js';
export type { IngestAdapter } from './ingest/adapters/adapter.types.js';
export {
  type LoadedMapping,
  loadMappingFile,
  parseMappingFile,
} from './ingest/adapters/mapping-file/load-mapping-file.js';
export { mappingFileAdapter } from './ingest/adapters/mapping-file/mapping.adapter.js';
export { MappingFileError, type MappingProblem } from './ingest/adapters/mapping-file/mapping-file-error.js';
export { adapters, formatNames } from './ingest/adapters/registry.js';
export {
  expandPaths,
  type IngestEffects,
  type IngestOptions,
  ingestPaths,
} from './ingest/ingest.pipeline.js';
export { IngestFileError } from './ingest/ingest-file-error.js';
export type { FileSummary, IngestSummary } from './ingest/ingest-summary.js';
export * from './load/load.types.js';
export { LoadQueryError } from './load/load-query-error.js';
export { rubricStaffing, type StaffingOptions, staffingReport } from './load/staffing.queries.js';
export { tierLoadReport } from './load/tier-load.queries.js';
export * from './load/tier-load-cases.queries.js';
export * from './offers/offers-api.js';
export { type FaqEffectOptions, faqEffect } from './practices/faq-effect.js';
export {
  type PracticeCase,
  type PracticeCaseOrder,
  type PracticeCaseOutcome,
  type PracticeCasesOptions,
  type PracticeCasesPage,
  practiceCaseOutcomes,
  practiceCases,
  practiceKnown,
} from './practices/practice-cases.queries.js';
export { PracticeQueryError } from './practices/practice-query-error.js';
export {
  type PracticesOptions,
  practicesReport,
  rubricMinimumVolume,
} from './practices/practices.queries.js';
export * from './practices/practices.types.js';
export { practicesTableLines } from './practices/practices-table.js';
export { rebuildPracticeMonthly } from './practices/rebuild-practice-monthly.js';
export { QueryError } from './query-error.js';
export * from './review/agreement.queries.js';
export * from './review/case-export.queries.js';
export * from './review/sampling.queries.js';
export * from './review/step-elements.queries.js';
export * from './roleplay/roleplay-api.js';
export { chooseThresholds, type ThresholdChoice } from './scoring/detectors/choose-thresholds.js';
export {
  defaultTrainingOptions,
  formatWeights,
  trainLearnedWeights,
} from './scoring/detectors/learned-model.js';
export { DetectorsError, loadDetectors } from './scoring/detectors/load-detectors.js';
export { defaultRubricPath, loadRubric } from './scoring/rubric/load-rubric.js';
export { type HandoverElement, handoverElements } from './scoring/rubric/rubric.schema.js';
export { RubricError } from './scoring/rubric/rubric-error.js';
export {
  lastScoringRules,
  loadScoringRules,
  type ScoreRunSummary,
  type ScoreStage,
  type ScoringRules,
  scoreStore,
  scoresAreStale,
} from './scoring/score-store.js';
export {
  parseSearchQuery,
  rebuildSearchIndex,
  type SearchClause,
  type SearchHit,
  type SearchIndexSummary,
  type SearchKind,
  type SearchOptions,
  SearchQueryError,
  type SearchResult,
  searchDocuments,
  searchIndexIsStale,
} from './search/search-api.js';
export { type AlphaMetric, type KrippendorffAlpha, krippendorffAlpha } from './stats/krippendorff-alpha.js';
export { wilsonInterval } from './stats/wilson-interval.js';
export { DuckDbStore, StoreLockedError } from './store/duckdb-store.js';
