import { loadSql } from '../../../store/sql-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { defineGroupLevelMacro } from '../zendesk/map-group-level.js';
import { salesforceObject } from './detect.js';
import { mapSalesforceCases } from './map-case.js';
import { mapSalesforceCaseHistory } from './map-case-history.js';

const macrosSql = new URL('./salesforce-macros.sql', import.meta.url);

/**
 * Salesforce Service Cloud exports with API field names (Data Export service, Data Loader): Case.csv
 * (tickets) and CaseHistory.csv (events). Queue levels come from queue names (group-level.sql).
 */
export const salesforceAdapter: IngestAdapter = {
  name: 'salesforce',
  description: 'Salesforce Service Cloud Case.csv and CaseHistory.csv (API field names)',

  detect(head) {
    return salesforceObject(head) !== null;
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const object = salesforceObject({ file: ctx.file, header: readCsvHeader(ctx.file) });
    if (!object) {
      throw new IngestFileError(
        ctx.file,
        'not a Salesforce export: expected a Case header (Id, CaseNumber, Status, CreatedDate, …) or a CaseHistory header (CaseId, Field, OldValue, NewValue, CreatedDate, …)',
        1,
      );
    }
    await ctx.session.run(loadSql(macrosSql));
    await defineGroupLevelMacro(ctx.session);
    return object === 'Case' ? mapSalesforceCases(ctx) : mapSalesforceCaseHistory(ctx);
  },
};
