import type { MigrationInterface, QueryRunner } from 'typeorm';

/** faq_updates: new guidance for staff about one practice, draft to retired (issue 5). */
export class CreateFaqUpdates1767100000000 implements MigrationInterface {
  name = 'CreateFaqUpdates1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "faq_updates" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "practice" text NOT NULL,
        "title" text NOT NULL,
        "guidance_markdown" text NOT NULL DEFAULT '',
        "evidence_ticket_ids" text array NOT NULL DEFAULT '{}',
        "owner" text NOT NULL,
        "status" text NOT NULL DEFAULT 'draft',
        "published_at" date,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "PK_faq_updates" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_faq_updates_status" CHECK (status IN ('draft', 'in_review', 'published', 'retired')),
        CONSTRAINT "CHK_faq_updates_published_at" CHECK (status IN ('draft', 'in_review') OR published_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_faq_updates_practice" ON "faq_updates" ("practice")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "faq_updates"`);
  }
}
