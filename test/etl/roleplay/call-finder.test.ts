import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findCalls,
  ingestPaths,
  RoleplayQueryError,
  rebuildSearchIndex,
  scoreStore,
  searchDocuments,
  searchIndexIsStale,
  suggestedLessons,
} from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';

describe('role-play call finder and suggested lessons (generated data)', () => {
  let sut: TempStore;
  let dir: string;
  let truth: Truth;

  beforeAll(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-roleplay-etl-'));
    truth = await generateDataset({ tickets: 3000, seed: 3, out: dir });
    await ingestPaths(sut.store, [dir]);
    await scoreStore(sut.store);
  }, 120_000);
  afterAll(() => {
    sut?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should call the index stale until it is rebuilt after an ingest, then fresh', async () => {
    expect(await searchIndexIsStale(sut.store)).toBe(true);
    await rebuildSearchIndex(sut.store);
    expect(await searchIndexIsStale(sut.store)).toBe(false);
  });

  it('should count every call with a transcript without filters, newest first', async () => {
    const [{ n }] = await sut.store.all<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM calls WHERE transcript IS NOT NULL',
    );
    const page = await findCalls(sut.store, { limit: 20, offset: 0 });
    expect(page.total).toBe(n);
    expect(page.order).toBe('date');
    const dates = page.calls.map((c) => c.started_at);
    expect([...dates].sort().reverse()).toEqual(dates);
    const next = await findCalls(sut.store, { limit: 20, offset: 20 });
    expect(next.calls[0]!.started_at <= dates.at(-1)!).toBe(true);
  });

  it("should give the search index's hits and ranking for text alone, and only the filtered ones with filters", async () => {
    const found = await findCalls(sut.store, { q: 'refund', limit: 50, offset: 0 });
    const searched = await searchDocuments(sut.store, { query: 'refund', kind: 'call', limit: 50 });
    expect(found.total).toBe(searched.total);
    expect(found.calls.map((c) => c.call_id)).toEqual(searched.hits.map((h) => h.call_id));
    expect(found.calls.map((c) => c.snippet)).toEqual(searched.hits.map((h) => h.snippet));

    const filtered = await findCalls(sut.store, {
      q: 'refund',
      level: 2,
      surveyed: 'no',
      limit: 100,
      offset: 0,
    });
    expect(filtered.total).toBeLessThan(found.total);
    expect(filtered.total).toBeGreaterThan(0);
    for (const call of filtered.calls) {
      expect(call.max_level).toBe(2);
      expect(call.satisfaction).toBeNull();
      expect(call.snippet).toMatch(/«refund»/i);
    }
  });

  it('should agree with plain SQL on each filter', async () => {
    const count = async (sql: string) =>
      (await sut.store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))[0]!.n;
    const linked = `(SELECT c.*, coalesce(c.ticket_id, l.ticket_id) AS ticket FROM calls c LEFT JOIN call_links l USING (call_id)
                     WHERE c.transcript IS NOT NULL) c`;
    const misrouted = truth.planted.misroutedCategory;
    expect((await findCalls(sut.store, { category: misrouted.category, limit: 1, offset: 0 })).total).toBe(
      await count(
        `SELECT 1 FROM ${linked} JOIN tickets t ON t.ticket_id = c.ticket WHERE t.category = '${misrouted.category}'`,
      ),
    );
    expect((await findCalls(sut.store, { escalationType: 'hierarchical', limit: 1, offset: 0 })).total).toBe(
      await count(
        `SELECT 1 FROM ${linked} WHERE c.ticket IN (SELECT ticket_id FROM step_scores WHERE escalation_type = 'hierarchical')`,
      ),
    );
    expect((await findCalls(sut.store, { outcome: 'overturned', limit: 1, offset: 0 })).total).toBe(
      await count(
        `SELECT 1 FROM ${linked} JOIN tickets t ON t.ticket_id = c.ticket WHERE t.outcome = 'overturned'`,
      ),
    );
    expect(
      (
        await findCalls(sut.store, {
          assessmentQualityMin: 40,
          assessmentQualityMax: 60,
          limit: 1,
          offset: 0,
        })
      ).total,
    ).toBe(
      await count(
        `SELECT 1 FROM ${linked} JOIN case_scores s ON s.ticket_id = c.ticket WHERE s.assessment_quality BETWEEN 40 AND 60`,
      ),
    );
    expect(
      (await findCalls(sut.store, { durationMin: 600, durationMax: 900, limit: 1, offset: 0 })).total,
    ).toBe(await count(`SELECT 1 FROM ${linked} WHERE epoch(c.ended_at - c.started_at) BETWEEN 600 AND 900`));
    expect(
      (await findCalls(sut.store, { from: '2026-02-01', to: '2026-02-28', limit: 1, offset: 0 })).total,
    ).toBe(
      await count(
        `SELECT 1 FROM ${linked} WHERE c.started_at::DATE BETWEEN DATE '2026-02-01' AND DATE '2026-02-28'`,
      ),
    );
    const practice = `policy:${truth.planted.unfairPolicy.policy}`;
    const byPractice = await findCalls(sut.store, { practice, limit: 100, offset: 0 });
    expect(byPractice.total).toBeGreaterThan(0);
    expect(byPractice.calls.every((c) => c.practice === practice)).toBe(true);
  });

  it('should name the field at fault', async () => {
    await expect(findCalls(sut.store, { q: 'the and', limit: 10, offset: 0 })).rejects.toThrow(
      RoleplayQueryError,
    );
    await expect(findCalls(sut.store, { q: 'the and', limit: 10, offset: 0 })).rejects.toMatchObject({
      field: 'q',
    });
    await expect(findCalls(sut.store, { limit: 10, offset: 9995 })).rejects.toMatchObject({
      field: 'offset',
    });
  });

  it('should suggest the planted misrouted category under "wrong department", each reason with its numbers', async () => {
    const lessons = await suggestedLessons(sut.store, { perKind: 30 });
    const misrouted = truth.planted.misroutedCategory;
    const wrong = lessons.filter((l) => l.kind === 'wrong-department');
    expect(wrong.length).toBeGreaterThan(0);
    const planted = wrong.filter((l) => l.category === misrouted.category);
    expect(planted.length).toBeGreaterThan(0);
    expect(planted[0]!.reason).toContain(
      `routing expects ${misrouted.expectedDepartment} for ${misrouted.category}`,
    );
    for (const lesson of lessons) {
      expect(lesson.reason).toMatch(/\d/);
      expect(lesson.reason.endsWith('.')).toBe(true);
    }
    // Every pattern the data holds shows up, each call once per pattern.
    expect(new Set(lessons.map((l) => l.kind))).toEqual(
      new Set(['resolved-first-level', 'customer-repeated', 'wrong-department', 'de-escalated-satisfied']),
    );
    for (const kind of new Set(lessons.map((l) => l.kind))) {
      const ids = lessons.filter((l) => l.kind === kind).flatMap((l) => [l.call_id, ...l.similar]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('should check each suggestion against its pattern in the store', async () => {
    const lessons = await suggestedLessons(sut.store, { perKind: 10 });
    for (const lesson of lessons.filter((l) => l.kind === 'customer-repeated')) {
      const [row] = await sut.store.all<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM score_evidence WHERE call_id = $call AND rule LIKE 'element.customer_repeated%'`,
        { call: lesson.call_id },
      );
      expect(row!.n).toBeGreaterThan(0);
    }
    for (const lesson of lessons.filter((l) => l.kind === 'de-escalated-satisfied')) {
      const [row] = await sut.store.all<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM events WHERE ticket_id = $t AND type = 'de-escalated'`,
        { t: lesson.ticket_id },
      );
      expect(row!.n).toBeGreaterThan(0);
    }
    for (const lesson of lessons.filter((l) => l.kind === 'resolved-first-level')) {
      const [row] = await sut.store.all<{ escalations: number; outcome: string | null }>(
        'SELECT f.escalations, t.outcome FROM case_facts f JOIN tickets t USING (ticket_id) WHERE ticket_id = $t',
        { t: lesson.ticket_id },
      );
      expect(row).toMatchObject({ escalations: 0 });
      expect(row!.outcome).not.toBeNull();
    }
  });
});
