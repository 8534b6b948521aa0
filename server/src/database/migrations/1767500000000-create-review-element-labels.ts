import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * review_element_labels: a reviewer's judgment of each handover element of a reviewed case's steps
 * (present or absent in the note), beside what the detectors found; they become labelled steps for
 * `eqa train-detectors` (GET /api/reviews/element-labels.jsonl).
 */
export class CreateReviewElementLabels1767500000000 implements MigrationInterface {
  name = 'CreateReviewElementLabels1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "review_element_labels" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "review_id" uuid NOT NULL,
        "step_no" integer NOT NULL,
        "element" text NOT NULL,
        "detected" boolean,
        "present" boolean NOT NULL,
        CONSTRAINT "PK_review_element_labels" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_review_element_labels_step" UNIQUE ("review_id", "step_no", "element"),
        CONSTRAINT "FK_review_element_labels_review" FOREIGN KEY ("review_id") REFERENCES "reviews" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "review_element_labels"');
  }
}
