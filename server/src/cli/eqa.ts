import { resolve } from 'node:path';
import { Command } from 'commander';
import {
  DetectorsError,
  formatNames,
  IngestFileError,
  MappingFileError,
  practicesTableLines,
  QueryError,
  RubricError,
  type ScoreRunSummary,
} from '../../../etl/src/index.js';
import { InvalidEnvironmentError, parseEnv } from '../config/env.js';
import { type JobArgs, type JobName, jobSchemas } from '../jobs/job-registry.js';
import { authorityLines } from './authority-lines.js';
import { CliError } from './cli-error.js';
import { terminalIngestEffects } from './ingest-progress.js';
import { printLoadTable } from './load-table.js';
import { runJobOnStore } from './run-job.js';
import { printSummaryTable } from './summary-table.js';
import { addChooseThresholdsCommand, addTrainDetectorsCommand } from './train-detectors.js';
import { addUserCommands } from './user-commands.js';

// `eqa`: the command line over the etl library. Commands that touch the store run on the DuckDB file,
// or inside the server that holds it.
const program = new Command('eqa')
  .description('Escalation QA: load exports, build escalation chains and score them')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('ingest')
  .description('Load canonical CSV exports (files, or folders of them) into the store')
  .argument('<paths...>', 'files or folders to load')
  .option('--format <name>', `export format: ${formatNames().join(', ')}`, 'auto')
  .option('--mapping <file>', 'a mapping file (YAML) saying how to read an export no built-in format knows')
  .option('--keep-pii', 'keep e-mail addresses, phone, card and national id numbers in notes and transcripts')
  .option('--json', 'print only the JSON summary (rows read, loaded and rejected per file)')
  .action(
    async (
      paths: string[],
      options: { json?: boolean; format: string; mapping?: string; keepPii?: boolean },
    ) => {
      const env = parseEnv();
      const say = options.json ? () => {} : (line: string) => console.error(line);
      const summary = await runJobOnStore(
        env.EQA_DUCKDB,
        'ingest',
        parseArgs('ingest', {
          paths: paths.map((p) => resolve(p)),
          format: options.format,
          mapping: options.mapping ? resolve(options.mapping) : undefined,
          keepPii: Boolean(options.keepPii),
        }),
        terminalIngestEffects({ quiet: Boolean(options.json) }),
        say,
      );
      if (options.json) {
        console.log(JSON.stringify(summary, null, 2));
      } else {
        console.log(
          `${summary.rows_loaded} rows loaded, ${summary.rows_rejected} rejected (see eqa rejects) of ${summary.rows_read} read; ` +
            `${summary.escalation_steps} escalation steps; ${summary.seconds.toFixed(1)}s`,
        );
        if (summary.score) {
          console.log(describeScoreRun(summary.score));
        }
      }
      if (!summary.ok) {
        process.exitCode = 1;
      }
    },
  );

program
  .command('rejects')
  .description('List rows that were read but not loaded, with file, line, field, value and reason')
  .option('--file <path>', 'only this file')
  .option('--run <id>', 'only this ingest run')
  .option('--limit <n>', 'at most this many rows', '50')
  .option('--offset <n>', 'skip this many rows', '0')
  .option('--json', 'print JSON')
  .action(async (options: { file?: string; run?: string; limit: string; offset: string; json?: boolean }) => {
    const env = parseEnv();
    const args = parseArgs('rejects', {
      file: options.file ? resolve(options.file) : undefined,
      run_id: options.run,
      limit: options.limit,
      offset: options.offset,
    });
    const result = await runJobOnStore(env.EQA_DUCKDB, 'rejects', args, {}, (line) => console.error(line));
    if (options.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    for (const r of result.rows) {
      const value = r.value && r.value.length > 60 ? `${r.value.slice(0, 57)}…` : (r.value ?? '');
      console.log(`${r.file}:${r.line ?? '?'}  ${r.field ?? ''}  ${r.reason}${value ? `  [${value}]` : ''}`);
    }
    console.log(`${result.rows.length} of ${result.total} rejected rows shown`);
  });

program
  .command('score')
  .description('Rescore every escalation step and case against the four QA standards')
  .option(
    '--rubric <file>',
    "a rubric file (YAML); without one, the store's last rubric, else the shipped default",
  )
  .option('--json', 'print the run as JSON')
  .action(async (options: { rubric?: string; json?: boolean }) => {
    const env = parseEnv();
    const args = parseArgs('score', { rubric: options.rubric ? resolve(options.rubric) : undefined });
    if (!options.json) {
      console.error('Scoring the store…');
    }
    const run = await runJobOnStore(env.EQA_DUCKDB, 'score', args, {}, (line) => console.error(line));
    console.log(options.json ? JSON.stringify(run, null, 2) : describeScoreRun(run));
  });

program
  .command('summary')
  .description('The four standards for the whole store and per category, department, team and agent')
  .option('--from <date>', 'first day, YYYY-MM-DD (default: the first day of the data)')
  .option('--to <date>', 'last day, YYYY-MM-DD (default: the last day of the data)')
  .option('--json', 'print JSON, for scripts and spreadsheets')
  .action(async (options: { from?: string; to?: string; json?: boolean }) => {
    const env = parseEnv();
    const args = parseArgs('summary', { from: options.from, to: options.to });
    const summary = await runJobOnStore(env.EQA_DUCKDB, 'summary', args, {}, (line) => console.error(line));
    if (options.json) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      printSummaryTable(summary, (line) => console.log(line));
    }
  });

program
  .command('practices')
  .description('Rank policies and categories by how often escalations overturn them: find unfair practices')
  .option('--from <date>', 'first day, YYYY-MM-DD (default: the first day of the data)')
  .option('--to <date>', 'last day, YYYY-MM-DD (default: the last day of the data)')
  .option('--json', 'print JSON, for scripts and spreadsheets')
  .action(async (options: { from?: string; to?: string; json?: boolean }) => {
    const env = parseEnv();
    const args = parseArgs('practices', { from: options.from, to: options.to });
    const report = await runJobOnStore(env.EQA_DUCKDB, 'practices', args, {}, (line) => console.error(line));
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      for (const line of practicesTableLines(report)) {
        console.log(line);
      }
    }
  });

program
  .command('load')
  .description('What each tier carries week by week, and its staffing against Erlang C')
  .option('--from <date>', 'first day, YYYY-MM-DD (default: the first day of the data)')
  .option('--to <date>', 'last day, YYYY-MM-DD (default: the last day of the data)')
  .option('--day <date>', 'the day the staffing figures show hour by hour (default: the busiest)')
  .option('--json', 'print JSON, for scripts and spreadsheets')
  .action(async (options: { from?: string; to?: string; day?: string; json?: boolean }) => {
    const env = parseEnv();
    const args = parseArgs('load', { from: options.from, to: options.to, day: options.day });
    const report = await runJobOnStore(env.EQA_DUCKDB, 'load', args, {}, (line) => console.error(line));
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      printLoadTable(report, (line) => console.log(line));
    }
  });

program
  .command('authority')
  .description(
    'Where authority is missing and whether offers are fair (the Empowerment page), with a what-if',
  )
  .option('--from <date>', 'first day, YYYY-MM-DD (default: the first day of the data)')
  .option('--to <date>', 'last day, YYYY-MM-DD (default: the last day of the data)')
  .option(
    '--kind <kind>',
    'what-if: the kind of offer (refund, credit, goodwill, fee_waiver, replacement, other)',
  )
  .option('--level <n>', 'what-if: the level that would get the higher limit, 1 or 2', '1')
  .option('--up-to <amount>', "what-if: its new limit, in the rubric's currency")
  .option('--json', 'print JSON, for scripts and spreadsheets')
  .action(
    async (options: {
      from?: string;
      to?: string;
      kind?: string;
      level: string;
      upTo?: string;
      json?: boolean;
    }) => {
      const env = parseEnv();
      const args = parseArgs('authority', {
        from: options.from,
        to: options.to,
        kind: options.kind,
        level: options.level,
        upTo: options.upTo,
      });
      const result = await runJobOnStore(env.EQA_DUCKDB, 'authority', args, {}, (line) =>
        console.error(line),
      );
      if (options.json) {
        console.log(JSON.stringify(result, null, 2));
      } else {
        for (const line of authorityLines(result)) {
          console.log(line);
        }
      }
    },
  );

function describeScoreRun(run: ScoreRunSummary): string {
  const stages = Object.entries(run.stages)
    .map(([stage, seconds]) => `${stage} ${seconds.toFixed(1)}s`)
    .join(', ');
  return (
    `Scored ${run.steps} escalation steps and ${run.cases} cases with rubric ${run.rubric.version} ` +
    `(${run.rubric.file}, ${run.rubric.hash.slice(0, 12)}) in ${run.seconds.toFixed(1)}s (${stages})`
  );
}

addUserCommands(program);
addTrainDetectorsCommand(program);
addChooseThresholdsCommand(program);

/** Validates a command's options with the job's schema, naming the bad option. */
function parseArgs<N extends JobName>(name: N, args: unknown): JobArgs<N> {
  const result = jobSchemas[name].safeParse(args);
  if (!result.success) {
    throw new CliError(result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return result.data as JobArgs<N>;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (
    error instanceof CliError ||
    error instanceof InvalidEnvironmentError ||
    error instanceof IngestFileError ||
    error instanceof MappingFileError ||
    error instanceof RubricError ||
    error instanceof DetectorsError ||
    error instanceof QueryError
  ) {
    console.error(`eqa: ${error.message}`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  }
  console.error(`eqa: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(70);
});
