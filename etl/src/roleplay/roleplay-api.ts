// What etl/src/index.ts exports of role-play call picking, in one place so that the package's index takes one line.
export {
  type CallFinderOptions,
  type CallFinderPage,
  type CallOutcome,
  callOutcomes,
  caseStandards,
  type EscalationType,
  escalationTypes,
  type FoundCall,
  findCalls,
} from './call-finder.queries.js';
export { draftBriefs, type RoleplayBriefs, type SpeakerTurn, speakerTurns } from './draft-briefs.util.js';
export {
  type ComparedText,
  groupNearDuplicates,
  type NearDuplicateGroup,
  type SimilarPair,
  similarTextPairs,
} from './near-duplicates.js';
export { redactTexts } from './redact-texts.js';
export { type RoleplayCall, roleplayCall } from './roleplay-call.queries.js';
export { RoleplayQueryError } from './roleplay-query-error.js';
export {
  type LessonKind,
  lessonKinds,
  lessonTitles,
  type SuggestedLesson,
  type SuggestedLessonsOptions,
  suggestedLessons,
} from './suggested-lessons.queries.js';
