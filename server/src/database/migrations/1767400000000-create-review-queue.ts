import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * review_queue_items: cases the sampling rules queued for a human review; reviews and review_scores:
 * what the reviewer decided per standard, each override with its reason; calibration sessions and
 * their blind scores (issue 6).
 */
export class CreateReviewQueue1767400000000 implements MigrationInterface {
  name = 'CreateReviewQueue1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "review_queue_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "ticket_id" text NOT NULL,
        "rule" text NOT NULL,
        "month" text NOT NULL,
        "agent_id" text,
        "channel" text,
        "overall" double precision,
        "assignee" text,
        "due_on" date NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" text NOT NULL,
        "opened_at" timestamptz,
        CONSTRAINT "PK_review_queue_items" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_review_queue_items_ticket" UNIQUE ("ticket_id"),
        CONSTRAINT "CHK_review_queue_items_status" CHECK (status IN ('open', 'done'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_review_queue_items_assignee" ON "review_queue_items" ("assignee", "status")`,
    );
    await queryRunner.query(`
      CREATE TABLE "reviews" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "queue_item_id" uuid NOT NULL,
        "ticket_id" text NOT NULL,
        "reviewer" text NOT NULL,
        "opened_at" timestamptz,
        "submitted_at" timestamptz NOT NULL DEFAULT now(),
        "comments" text NOT NULL DEFAULT '',
        CONSTRAINT "PK_reviews" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_reviews_queue_item" UNIQUE ("queue_item_id"),
        CONSTRAINT "FK_reviews_queue_item" FOREIGN KEY ("queue_item_id") REFERENCES "review_queue_items" ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "review_scores" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "review_id" uuid NOT NULL,
        "standard" text NOT NULL,
        "automatic" double precision,
        "human" double precision,
        "overridden" boolean NOT NULL,
        "reason" text,
        CONSTRAINT "PK_review_scores" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_review_scores_standard" UNIQUE ("review_id", "standard"),
        CONSTRAINT "FK_review_scores_review" FOREIGN KEY ("review_id") REFERENCES "reviews" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_review_scores_human" CHECK (human IS NULL OR (human >= 0 AND human <= 100)),
        CONSTRAINT "CHK_review_scores_reason" CHECK (NOT overridden OR length(trim(reason)) > 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE "calibration_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" text NOT NULL,
        "facilitator" text NOT NULL,
        "reviewers" text array NOT NULL,
        "ticket_ids" text array NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" text NOT NULL,
        CONSTRAINT "PK_calibration_sessions" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "calibration_scores" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "session_id" uuid NOT NULL,
        "reviewer" text NOT NULL,
        "ticket_id" text NOT NULL,
        "standard" text NOT NULL,
        "score" double precision NOT NULL,
        CONSTRAINT "PK_calibration_scores" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_calibration_scores_cell" UNIQUE ("session_id", "reviewer", "ticket_id", "standard"),
        CONSTRAINT "FK_calibration_scores_session" FOREIGN KEY ("session_id") REFERENCES "calibration_sessions" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calibration_scores"`);
    await queryRunner.query(`DROP TABLE "calibration_sessions"`);
    await queryRunner.query(`DROP TABLE "review_scores"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP TABLE "review_queue_items"`);
  }
}
