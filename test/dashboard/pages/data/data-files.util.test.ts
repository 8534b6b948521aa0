import { describe, expect, it } from 'vitest';
import {
  fileName,
  formatLoadedAt,
  groupRuns,
  isSelected,
  kindLabel,
  pageSpan,
  rejectBars,
  selectionOf,
  shortNames,
} from '../../../../dashboard/src/pages/data/data-files.util.js';
import type { LoadedFile } from '../../../../server/src/contracts/data.contract.js';

function loaded(overrides: Partial<LoadedFile> & Pick<LoadedFile, 'file'>): LoadedFile {
  return {
    run_id: 'run-1',
    kind: 'tickets',
    rows_read: 10,
    rows_loaded: 10,
    rows_rejected: 0,
    loaded_at: '2026-03-02T09:00:00Z',
    ...overrides,
  };
}

describe('data-files.util', () => {
  describe(fileName.name, () => {
    it.each([
      ['/data/export/tickets.csv', 'tickets.csv'],
      ['C:\\exports\\calls.csv', 'calls.csv'],
      ['events.csv', 'events.csv'],
      ['/data/export/', 'export'],
    ])('should give the last segment of %j', (path, name) => {
      expect(fileName(path)).toBe(name);
    });
  });

  describe(shortNames.name, () => {
    it('should give each path its file name when the names are unique', () => {
      const sut = shortNames(['/a/tickets.csv', '/a/calls.csv']);

      expect([...sut]).toEqual([
        ['/a/tickets.csv', 'tickets.csv'],
        ['/a/calls.csv', 'calls.csv'],
      ]);
    });

    it('should add parent folders until paths with the same file name differ', () => {
      const sut = shortNames([
        '/x/march/tickets.csv',
        '/x/april/tickets.csv',
        '/y/march/tickets.csv',
        '/z/c.csv',
      ]);

      expect(sut.get('/x/march/tickets.csv')).toBe('x/march/tickets.csv');
      expect(sut.get('/y/march/tickets.csv')).toBe('y/march/tickets.csv');
      expect(sut.get('/x/april/tickets.csv')).toBe('april/tickets.csv');
      expect(sut.get('/z/c.csv')).toBe('c.csv');
    });

    it('should stop at the whole path when one path ends another', () => {
      const sut = shortNames(['tickets.csv', '/a/tickets.csv']);

      expect(sut.get('tickets.csv')).toBe('tickets.csv');
      expect(sut.get('/a/tickets.csv')).toBe('a/tickets.csv');
    });

    it('should give one entry per path when a path repeats (loaded by two runs)', () => {
      expect(shortNames(['/a/t.csv', '/a/t.csv']).size).toBe(1);
    });
  });

  describe(groupRuns.name, () => {
    it('should group files by run with totals, the latest run first and files by path', () => {
      const sut = groupRuns([
        loaded({
          file: '/b/bad.csv',
          run_id: 'new',
          rows_read: 5,
          rows_loaded: 1,
          rows_rejected: 4,
          loaded_at: '2026-03-03T10:00:01Z',
        }),
        loaded({ file: '/a/z.csv', run_id: 'old', loaded_at: '2026-03-02T09:00:05Z' }),
        loaded({
          file: '/a/calls.csv',
          run_id: 'new',
          rows_read: 2,
          rows_loaded: 2,
          loaded_at: '2026-03-03T10:00:00Z',
        }),
        loaded({ file: '/a/a.csv', run_id: 'old', loaded_at: '2026-03-02T09:00:04Z' }),
      ]);

      expect(sut.map((run) => run.runId)).toEqual(['new', 'old']);
      expect(sut[0]).toMatchObject({
        startedAt: '2026-03-03T10:00:00Z',
        rowsRead: 7,
        rowsLoaded: 3,
        rowsRejected: 4,
      });
      expect(sut[0].files.map((file) => file.file)).toEqual(['/a/calls.csv', '/b/bad.csv']);
      expect(sut[1].files.map((file) => file.file)).toEqual(['/a/a.csv', '/a/z.csv']);
      expect(sut[1].startedAt).toBe('2026-03-02T09:00:04Z');
    });

    it('should keep the API order for runs started in the same second', () => {
      const sut = groupRuns([
        loaded({ file: 'a', run_id: 'second' }),
        loaded({ file: 'b', run_id: 'first' }),
      ]);

      expect(sut.map((run) => run.runId)).toEqual(['second', 'first']);
    });

    it('should be empty when nothing was loaded', () => {
      expect(groupRuns([])).toEqual([]);
    });
  });

  describe(rejectBars.name, () => {
    it('should keep only files with rejects, most first, ties by name', () => {
      const files = [
        loaded({ file: '/a/clean.csv' }),
        loaded({ file: '/a/one.csv', rows_rejected: 1 }),
        loaded({ file: '/a/four.csv', rows_rejected: 4 }),
        loaded({ file: '/a/also-one.csv', rows_rejected: 1 }),
      ];

      const sut = rejectBars(files, shortNames(files.map((file) => file.file)));

      expect(sut.map((bar) => [bar.label, bar.file.rows_rejected])).toEqual([
        ['four.csv', 4],
        ['also-one.csv', 1],
        ['one.csv', 1],
      ]);
    });
  });

  describe('selection', () => {
    const march = loaded({ file: '/x/tickets.csv', run_id: 'march' });
    const april = loaded({ file: '/x/tickets.csv', run_id: 'april' });
    const calls = loaded({ file: '/x/calls.csv', run_id: 'april' });

    it('should select a file by its path alone when no other run loaded that path', () => {
      expect(selectionOf(calls, [march, april, calls])).toEqual({ file: '/x/calls.csv', run: null });
    });

    it('should add the run when another run loaded the same path', () => {
      expect(selectionOf(april, [march, april, calls])).toEqual({ file: '/x/tickets.csv', run: 'april' });
    });

    it('should match every run of a path when the selection names no run', () => {
      const selection = { file: '/x/tickets.csv', run: null };

      expect([march, april, calls].filter((file) => isSelected(file, selection))).toEqual([march, april]);
    });

    it('should match only the named run when the selection names one', () => {
      const selection = { file: '/x/tickets.csv', run: 'march' };

      expect([march, april, calls].filter((file) => isSelected(file, selection))).toEqual([march]);
    });
  });

  describe(formatLoadedAt.name, () => {
    it('should write the day as the dashboard does, then the time in UTC', () => {
      expect(formatLoadedAt('2026-11-24T09:09:51Z')).toBe('24 Nov 2026, 09:09:51 UTC');
    });

    it('should leave a value that is not a timestamp as it is', () => {
      expect(formatLoadedAt('yesterday')).toBe('yesterday');
    });
  });

  describe(pageSpan.name, () => {
    it.each([
      [0, 100, 2345, 'Rows 1–100 of 2,345'],
      [2300, 45, 2345, 'Rows 2,301–2,345 of 2,345'],
      [0, 1, 1, 'Row 1 of 1'],
      [0, 0, 0, 'No rows'],
      [300, 0, 250, 'No rows here (250 in all)'],
    ])('should describe offset %i with %i rows of %i as %j', (offset, shown, total, text) => {
      expect(pageSpan(offset, shown, total)).toBe(text);
    });
  });

  describe(kindLabel.name, () => {
    it('should list joined kinds', () => {
      expect(kindLabel('tickets+events')).toBe('tickets, events');
      expect(kindLabel('calls')).toBe('calls');
    });
  });
});
