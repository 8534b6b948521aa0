import type { MigrationInterface, QueryRunner } from 'typeorm';

/** users (one or more roles, argon2id password hashes) and sessions (SHA-256 of the cookie's token). */
export class CreateUsersAndSessions1767200000000 implements MigrationInterface {
  name = 'CreateUsersAndSessions1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" text NOT NULL,
        "display_name" text NOT NULL,
        "password_hash" text NOT NULL,
        "roles" text array NOT NULL,
        "must_change_password" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "disabled" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_users_username" UNIQUE ("username"),
        CONSTRAINT "CHK_users_roles" CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['admin', 'qa', 'lead', 'trainer']::text[])
      )`);
    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "id" text NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "last_seen_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_expires_at" ON "sessions" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
