/**
 * The SQL a snapshot export's mapping (Zendesk tickets, Salesforce Case) runs last: it moves the staged
 * events of tickets whose full event history is already stored into eqa_adapter_rejects, so that loading
 * a snapshot after its history never erases it.
 */
export const keepStoredHistorySql = new URL('./keep-stored-history.sql', import.meta.url);
