import {
  Float64,
  Int32,
  Int64,
  Table,
  tableFromArrays,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeArrow } from '../../../../dashboard/src/lib/api/arrow.js';

const weeklySpec = { week: 'utf8', level: 'int32', escalations: 'int32' } as const;

function weeklyTable(): Table {
  return new Table({
    week: vectorFromArray(['2025-01-06', '2025-01-06', '2025-01-13'], new Utf8()),
    level: vectorFromArray([2, 3, 2], new Int32()),
    escalations: vectorFromArray([10, 4, 12], new Int32()),
  });
}

describe(decodeArrow.name, () => {
  it('should return plain typed columns when the stream matches the spec', () => {
    const bytes = tableToIPC(weeklyTable(), 'stream');

    const sut = decodeArrow(bytes, weeklySpec);

    expect(sut.length).toBe(3);
    expect(sut.columns.week).toEqual(['2025-01-06', '2025-01-06', '2025-01-13']);
    expect(sut.columns.level).toBeInstanceOf(Int32Array);
    expect([...sut.columns.level]).toEqual([2, 3, 2]);
    expect([...sut.columns.escalations]).toEqual([10, 4, 12]);
  });

  it('should read the IPC file format too', () => {
    const sut = decodeArrow(tableToIPC(weeklyTable(), 'file'), weeklySpec);

    expect([...sut.columns.escalations]).toEqual([10, 4, 12]);
  });

  it('should decode dictionary-encoded text, as tableFromArrays makes it', () => {
    const table = tableFromArrays({
      week: ['2025-01-06', '2025-01-13'],
      due: Int32Array.from([40, 35]),
      resolved_within_30_days: Int32Array.from([30, 20]),
    });

    const sut = decodeArrow(tableToIPC(table, 'stream'), {
      week: 'utf8',
      due: 'int32',
      resolved_within_30_days: 'int32',
    });

    expect(sut.columns.week).toEqual(['2025-01-06', '2025-01-13']);
    expect([...sut.columns.resolved_within_30_days]).toEqual([30, 20]);
  });

  it('should join several record batches in order', () => {
    const first = weeklyTable();
    const second = new Table({
      week: vectorFromArray(['2025-01-20'], new Utf8()),
      level: vectorFromArray([4], new Int32()),
      escalations: vectorFromArray([1], new Int32()),
    });
    const bytes = tableToIPC(first.concat(second), 'stream');

    const sut = decodeArrow(bytes, weeklySpec);

    expect(sut.length).toBe(4);
    expect(sut.columns.week.at(-1)).toBe('2025-01-20');
    expect([...sut.columns.level]).toEqual([2, 3, 2, 4]);
  });

  it('should narrow 64-bit integers when they fit', () => {
    const table = new Table({ n: vectorFromArray([1n, 2n, 3n], new Int64()) });

    const sut = decodeArrow(tableToIPC(table, 'stream'), { n: 'int32' });

    expect([...sut.columns.n]).toEqual([1, 2, 3]);
  });

  it('should turn missing values into NaN when float64 is asked for', () => {
    const table = new Table({ share: vectorFromArray([0.5, null, 0.75], new Float64()) });

    const sut = decodeArrow(tableToIPC(table, 'stream'), { share: 'float64' });

    expect([...sut.columns.share]).toEqual([0.5, Number.NaN, 0.75]);
  });

  it('should return empty columns when the stream has a schema but no rows', () => {
    const empty = new Table({
      week: vectorFromArray([], new Utf8()),
      level: vectorFromArray([], new Int32()),
      escalations: vectorFromArray([], new Int32()),
    });

    const sut = decodeArrow(tableToIPC(empty, 'stream'), weeklySpec);

    expect(sut.length).toBe(0);
    expect(sut.columns.week).toEqual([]);
    expect(sut.columns.escalations).toHaveLength(0);
  });

  it('should accept untyped (Null) columns when there are no rows', () => {
    const empty = tableFromArrays({ week: [], level: Int32Array.from([]), escalations: Int32Array.from([]) });

    const sut = decodeArrow(tableToIPC(empty, 'stream'), weeklySpec);

    expect(sut.length).toBe(0);
    expect(sut.columns.week).toEqual([]);
  });

  it('should name the column when one is missing', () => {
    const table = new Table({ week: vectorFromArray(['2025-01-06'], new Utf8()) });

    expect(() => decodeArrow(tableToIPC(table, 'stream'), weeklySpec)).toThrow(
      'the Arrow stream has no column "level" (columns: week)',
    );
  });

  it('should name the column when its type is wrong', () => {
    const table = new Table({
      week: vectorFromArray([20250106], new Int32()),
      level: vectorFromArray([2], new Int32()),
      escalations: vectorFromArray([1], new Int32()),
    });

    expect(() => decodeArrow(tableToIPC(table, 'stream'), weeklySpec)).toThrow(
      'column "week" should hold text but is Int32',
    );
  });

  it('should refuse missing values in a whole-number column', () => {
    const table = new Table({ n: vectorFromArray([1, null], new Int32()) });

    expect(() => decodeArrow(tableToIPC(table, 'stream'), { n: 'int32' })).toThrow(
      'column "n" has 1 missing values',
    );
  });

  it('should throw when the bytes are not Arrow at all', () => {
    expect(() => decodeArrow(new TextEncoder().encode('{"message":"nope"}'), weeklySpec)).toThrow();
  });
});
