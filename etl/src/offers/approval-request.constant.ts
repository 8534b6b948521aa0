/**
 * A handover that asks the next tier for an approval: "needs mgr approval", "over my auth limit",
 * "can't authorise £120", "needs sign-off", "above my authority". Matched case-insensitively in DuckDB
 * (RE2). "authorised" alone is not enough: "the logs show an authorised device" asks for nothing.
 */
export const approvalRequestPattern =
  "(?i)(approv|sign[- ]?off|auth(ority|orisation|orization)? limit|above (my|our|the agent'?s?) (authority|limit)|(can'?t|cannot|not able to|unable to) authori[sz]e|not authori[sz]ed to)";
