import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DuckDbStore, loadedFiles, rejectedRows } from '../../../../etl/src/index.js';
import { parseInput } from '../../common/http/parse-query.js';
import { rejectsQuerySchema } from '../../contracts/data.contract.js';
import { anyRole, Roles } from '../auth/access.decorator.js';

/** The Data page: what was loaded, file by file, and every row rejected with its reason. */
@Controller('data')
@Roles(...anyRole)
export class DataController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get('files')
  files() {
    return loadedFiles(this.store);
  }

  @Get('rejects')
  rejects(@Query() query: unknown) {
    const q = parseInput(rejectsQuerySchema, query, 'query');
    return rejectedRows(this.store, { file: q.file, runId: q.run_id, limit: q.limit, offset: q.offset });
  }
}
