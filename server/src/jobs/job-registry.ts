import { z } from 'zod';
import {
  authorityWhatIf,
  type DuckDbStore,
  empowermentReport,
  formatNames,
  type IngestEffects,
  type IngestSummary,
  ingestPaths,
  loadScoringRules,
  type PracticesReport,
  practicesReport,
  type RejectRow,
  rebuildSearchIndex,
  rejectedRows,
  type ScoreRunSummary,
  type SearchIndexSummary,
  type StandardsSummary,
  scoreStore,
  scoresAreStale,
  staffingReport,
  standardsSummary,
  tierLoadReport,
} from '../../../etl/src/index.js';
import { rejectsQuerySchema } from '../contracts/data.contract.js';
import { from, fromAfterTo, fromNotAfterTo, to } from '../contracts/date-range.contract.js';
import {
  type EmpowermentResponse,
  type WhatIfResult,
  whatIfFields,
} from '../contracts/empowerment.contract.js';
import { type LoadResponse, loadQuerySchema } from '../contracts/load.contract.js';
import { practicesQuerySchema } from '../contracts/practices.contract.js';
import { rangeQuerySchema } from '../contracts/standards.contract.js';

/**
 * The jobs the command line can run, locally on the DuckDB file or, when a server holds the file,
 * inside that server (POST /api/jobs). One declaration serves both paths so they cannot drift apart.
 */
export const jobSchemas = {
  ingest: z.object({
    paths: z.array(z.string().min(1)).min(1, 'give at least one file or folder'),
    format: z.enum(formatNames() as [string, ...string[]]).default('auto'),
    mapping: z.string().min(1).optional(),
    keepPii: z.boolean().default(false),
  }),
  rejects: rejectsQuerySchema,
  score: z.object({
    /** A rubric file (absolute path); without one, the store's last rubric, else the shipped default. */
    rubric: z.string().min(1).optional(),
  }),
  summary: rangeQuerySchema,
  /** minimumVolume defaults to the store's rubric minimum_volume (its last scoring run's), else 30. */
  practices: practicesQuerySchema,
  /** Each tier's weekly load and its staffing against Erlang C (the Load page's figures). */
  load: loadQuerySchema,
  /** The Empowerment page's figures, and the what-if when a kind and an amount are given. */
  authority: z
    .object({
      from,
      to,
      kind: whatIfFields.kind.optional(),
      level: whatIfFields.level,
      upTo: whatIfFields.upTo.optional(),
    })
    .refine(fromNotAfterTo, fromAfterTo)
    .refine((q) => (q.kind === undefined) === (q.upTo === undefined), {
      message: 'the what-if needs both a kind (--kind) and an amount (--up-to)',
      path: ['kind'],
    }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobArgs<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

/**
 * An ingest rescores the store when it changed the chains, and rebuilds the search index when it
 * loaded rows; `score` and `search` say how that went (null: not needed).
 */
export type IngestJobResult = IngestSummary & {
  score: ScoreRunSummary | null;
  search: SearchIndexSummary | null;
};

export interface JobResults {
  ingest: IngestJobResult;
  rejects: { total: number; rows: RejectRow[] };
  score: ScoreRunSummary;
  summary: StandardsSummary;
  practices: PracticesReport;
  load: LoadResponse;
  authority: EmpowermentResponse & { whatIf: WhatIfResult | null };
}

export const jobRequestSchema = z.object({
  name: z.enum(Object.keys(jobSchemas) as [JobName, ...JobName[]]),
  args: z.unknown(),
});

export interface JobDependencies {
  store: DuckDbStore;
  effects?: IngestEffects;
  /** Progress lines of a job's later stages (rebuilding the search index), for a terminal or a log. */
  progress?(line: string): void;
  /** Called after an ingest, so that the server can keep its run records in PostgreSQL. */
  onIngested?(summary: IngestSummary, startedAt: Date): Promise<void>;
}

/** Runs a job with already validated arguments. */
export async function runJob<N extends JobName>(
  deps: JobDependencies,
  name: N,
  args: JobArgs<N>,
): Promise<JobResults[N]> {
  switch (name) {
    case 'ingest': {
      const startedAt = new Date();
      const { paths, format, mapping, keepPii } = args as JobArgs<'ingest'>;
      const summary = await ingestPaths(deps.store, paths, deps.effects, { format, mapping, keepPii });
      await deps.onIngested?.(summary, startedAt);
      const score = (await scoresAreStale(deps.store)) ? await scoreStore(deps.store) : null;
      // Rows loaded (or replaced) change the transcripts and notes the call finder searches.
      let search: SearchIndexSummary | null = null;
      if (summary.rows_loaded > 0) {
        deps.progress?.('Rebuilding the search index over call transcripts and notes…');
        search = await rebuildSearchIndex(deps.store);
        deps.progress?.(describeSearchIndex(search));
      }
      return { ...summary, score, search } as JobResults[N];
    }
    case 'rejects': {
      const q = args as JobArgs<'rejects'>;
      const result = await rejectedRows(deps.store, {
        file: q.file,
        runId: q.run_id,
        limit: q.limit,
        offset: q.offset,
      });
      return result as JobResults[N];
    }
    case 'score': {
      const { rubric } = args as JobArgs<'score'>;
      return (await scoreStore(
        deps.store,
        rubric ? await loadScoringRules(rubric) : undefined,
      )) as JobResults[N];
    }
    case 'summary': {
      const { from, to } = args as JobArgs<'summary'>;
      return (await standardsSummary(deps.store, { from, to })) as JobResults[N];
    }
    case 'practices': {
      return (await practicesReport(deps.store, args as JobArgs<'practices'>)) as JobResults[N];
    }
    case 'authority': {
      const { from, to, kind, level, upTo } = args as JobArgs<'authority'>;
      const { authority, fairness } = await empowermentReport(deps.store, { from, to });
      const whatIf =
        kind !== undefined && upTo !== undefined
          ? await authorityWhatIf(deps.store, { kind, level, upTo, from, to })
          : null;
      return { authority, fairness, whatIf } as JobResults[N];
    }
    case 'load': {
      const options = args as JobArgs<'load'>;
      const load: LoadResponse = {
        load: await tierLoadReport(deps.store, options),
        staffing: await staffingReport(deps.store, options),
      };
      return load as JobResults[N];
    }
  }
  throw new Error(`unknown job ${String(name)}`);
}

/** One line saying what a search-index rebuild built and how long it took. */
export function describeSearchIndex(summary: SearchIndexSummary): string {
  return `Search index: ${summary.documents} transcripts and notes, ${summary.terms} words, in ${summary.seconds.toFixed(1)}s`;
}
