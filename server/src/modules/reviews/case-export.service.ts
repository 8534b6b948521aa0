import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type CaseExportFilter,
  type CaseReviewRow,
  caseExportColumns,
  DuckDbStore,
  streamCaseExport,
} from '../../../../etl/src/index.js';
import type { CaseExportQuery } from '../../contracts/reviews.contract.js';
import { csvField } from './review-csv.util.js';

const line = (cells: readonly unknown[]) => `${cells.map(csvField).join(',')}\r\n`;

/**
 * The per-case export: one row per escalated case with its automatic scores, satisfaction and timings
 * (DuckDB), and its human review where there is one (PostgreSQL, handed to DuckDB's SQL as one
 * bound JSON parameter and joined there), streamed as CSV a chunk at a time.
 */
@Injectable()
export class CaseExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
  ) {}

  /**
   * Streams the CSV through `write` (awaited, so a slow client holds DuckDB back rather than memory
   * filling up): the header with the first rows, or alone when no case matches. Returns the row count.
   */
  async streamCsv(query: CaseExportQuery, write: (chunk: string) => Promise<void>): Promise<number> {
    const filter: CaseExportFilter = {
      from: query.from ?? null,
      to: query.to ?? null,
      category: query.category ?? null,
      department: query.department ?? null,
      team: query.team ?? null,
      reviewed: query.reviewed === undefined ? null : query.reviewed === 'true',
    };
    let started = false;
    const count = await streamCaseExport(this.store, filter, await this.reviews(), async (rows) => {
      // The header waits for the first rows, so that a query failing at its start still answers with
      // a JSON error rather than a CSV cut short.
      const head = started ? '' : line(caseExportColumns);
      started = true;
      await write(head + rows.map((row) => line(caseExportColumns.map((c) => row[c]))).join(''));
    });
    if (!started) {
      await write(line(caseExportColumns));
    }
    return count;
  }

  /** Every submitted review, one per case (a case is queued once), with its human score per standard. */
  private reviews(): Promise<CaseReviewRow[]> {
    return this.dataSource.query(
      `SELECT r.ticket_id, q.rule, r.reviewer,
              to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS submitted_at,
              max(s.human) FILTER (WHERE s.standard = 'right_department') AS right_department,
              max(s.human) FILTER (WHERE s.standard = 'assessment_quality') AS assessment_quality,
              max(s.human) FILTER (WHERE s.standard = 'satisfaction') AS satisfaction,
              max(s.human) FILTER (WHERE s.standard = 'resolution') AS resolution,
              count(*) FILTER (WHERE s.overridden)::int AS overrides,
              r.comments
       FROM reviews r
       JOIN review_queue_items q ON q.id = r.queue_item_id
       JOIN review_scores s ON s.review_id = r.id
       GROUP BY r.id, q.rule
       ORDER BY r.ticket_id`,
    );
  }
}
