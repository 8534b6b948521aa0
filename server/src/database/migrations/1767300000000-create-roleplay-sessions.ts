import type { MigrationInterface, QueryRunner } from 'typeorm';

/** roleplay_sessions and their calls in order, with the briefs for each (issue 7). */
export class CreateRoleplaySessions1767300000000 implements MigrationInterface {
  name = 'CreateRoleplaySessions1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "roleplay_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" text NOT NULL,
        "learning_goal" text NOT NULL DEFAULT '',
        "notes" text NOT NULL DEFAULT '',
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "PK_roleplay_sessions" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "roleplay_session_calls" (
        "session_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "call_id" text NOT NULL,
        "ticket_id" text,
        "customer_brief" text NOT NULL DEFAULT '',
        "agent_brief" text NOT NULL DEFAULT '',
        CONSTRAINT "PK_roleplay_session_calls" PRIMARY KEY ("session_id", "position"),
        CONSTRAINT "FK_roleplay_session_calls_session" FOREIGN KEY ("session_id")
          REFERENCES "roleplay_sessions" ("id") ON DELETE CASCADE
      )`);
    // "Used in n sessions" in the call finder looks calls up by id.
    await queryRunner.query(
      `CREATE INDEX "IDX_roleplay_session_calls_call" ON "roleplay_session_calls" ("call_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "roleplay_session_calls"`);
    await queryRunner.query(`DROP TABLE "roleplay_sessions"`);
  }
}
