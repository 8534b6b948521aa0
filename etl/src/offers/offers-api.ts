// The offers analytics the server and `eqa authority` use (the Empowerment page).
export { authorityReport, authorityWhatIf, whatIfAssumptions } from './authority.queries.js';
export { empowermentReport, offerFairnessFdr, offerFairnessReport } from './fairness.queries.js';
export { offerBreakdown } from './offer-breakdown.queries.js';
export { offerCases } from './offer-cases.queries.js';
export { OfferQueryError } from './offer-query-error.js';
export { bandsOf, kindWord, type OfferSettings, offerSettings } from './offer-settings.js';
export * from './offers.types.js';
export { rebuildOfferFacts } from './rebuild-offer-facts.js';
