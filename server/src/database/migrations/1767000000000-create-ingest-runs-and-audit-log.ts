import type { MigrationInterface, QueryRunner } from 'typeorm';

/** ingest_runs (one row per ingest into the DuckDB store) and audit_log (who did what, append-only). */
export class CreateIngestRunsAndAuditLog1767000000000 implements MigrationInterface {
  name = 'CreateIngestRunsAndAuditLog1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // gen_random_uuid() is built in since PostgreSQL 13: no extension needed.
    await queryRunner.query(`
      CREATE TABLE "ingest_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "started_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        "status" text NOT NULL,
        "source" text NOT NULL,
        "files" jsonb NOT NULL DEFAULT '[]',
        "error" text,
        "duration_ms" integer,
        CONSTRAINT "PK_ingest_runs" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_ingest_runs_status" CHECK (status IN ('running', 'succeeded', 'failed')),
        CONSTRAINT "CHK_ingest_runs_source" CHECK (source IN ('cli', 'server', 'demo'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ingest_runs_started_at" ON "ingest_runs" ("started_at")`);

    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" bigserial NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor" text NOT NULL,
        "action" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" text,
        "details" jsonb,
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_at" ON "audit_log" ("at")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity" ON "audit_log" ("entity_type", "entity_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "ingest_runs"`);
  }
}
