import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMappingFile, MappingFileError, parseMappingFile } from '../../../../etl/src/index.js';

const mappings = 'fixtures/mappings';
const broken = `${mappings}/broken`;

/** The MappingFileError that loading `file` throws. */
function errorOf(load: () => unknown): MappingFileError {
  try {
    load();
  } catch (error) {
    if (error instanceof MappingFileError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a MappingFileError');
}

const minimalTables = `tables:
  calls:
    columns:
      call_id: id
      started_at: start
`;

describe('loadMappingFile', () => {
  it.each(readdirSync(mappings).filter((f) => f.endsWith('.yaml')))(
    'should load the committed mapping %s',
    (file) => {
      const sut = loadMappingFile(`${mappings}/${file}`);

      expect(sut.file).toBe(`${mappings}/${file}`);
      expect(sut.entries.length).toBeGreaterThan(0);
    },
  );

  it('should report an unknown canonical column with its line and the columns expected', () => {
    const sut = errorOf(() => loadMappingFile(`${broken}/unknown-canonical-column.yaml`));

    expect(sut.problems).toHaveLength(1);
    expect(sut.problems[0].line).toBe(9);
    expect(sut.message).toBe(
      `${broken}/unknown-canonical-column.yaml:9: tables.tickets.columns.assignee: unknown canonical column ` +
        "'assignee' for tickets (expected one of ticket_id, created_at, resolved_at, customer_id, channel, " +
        'category, policy, priority, status, csat, outcome)',
    );
  });

  it('should report a value of the wrong type with its line, what was expected and what was found', () => {
    const sut = errorOf(() => loadMappingFile(`${broken}/wrong-type.yaml`));

    expect(sut.message).toBe(
      `${broken}/wrong-type.yaml:5: timestamps.formats: expected a list of strptime patterns or iso, ` +
        "got the text '%Y-%m-%d'",
    );
  });

  it('should report bad YAML indentation at the line where it goes wrong', () => {
    const sut = errorOf(() => loadMappingFile(`${broken}/bad-indentation.yaml`));

    expect(sut.problems[0]).toEqual({
      line: 8,
      reason: 'not valid YAML: All mapping items must start at the same column',
    });
    expect(sut.message.split('\n')).toHaveLength(1);
  });

  it('should report a mapped value that is not a valid canonical value at the map entry', () => {
    const sut = errorOf(() => loadMappingFile(`${broken}/invalid-value.yaml`));

    expect(sut.message).toBe(
      `${broken}/invalid-value.yaml:8: maps.tier.values.T9: '7' is not a valid level: expected a whole number from 1 to 4`,
    );
  });

  it('should report a map name that no map under maps has', () => {
    const sut = errorOf(() => loadMappingFile(`${broken}/unknown-map.yaml`));

    expect(sut.message).toBe(
      `${broken}/unknown-map.yaml:9: tables.tickets.columns.priority.map: no map named 'priorities' under maps (known: priority)`,
    );
  });

  it('should name the file when it cannot be read', () => {
    const sut = errorOf(() => loadMappingFile(`${broken}/no-such-file.yaml`));

    expect(sut.message).toMatch(/^fixtures\/mappings\/broken\/no-such-file\.yaml: cannot be read: ENOENT/);
  });
});

describe('parseMappingFile', () => {
  it('should list the keys allowed where an unknown key was found', () => {
    const sut = errorOf(() =>
      parseMappingFile(`mapping: 1\nmaps:\n  tier:\n    value: { T1: 1 }\n${minimalTables}`, 'm.yaml'),
    );

    expect(sut.problems).toContainEqual({
      line: 4,
      reason: "unknown key 'value' (expected values, unmapped, ignore_case)",
    });
  });

  it('should report a missing required canonical column at the table', () => {
    const sut = errorOf(() =>
      parseMappingFile('mapping: 1\ntables:\n  events:\n    columns:\n      ticket_id: id\n', 'm.yaml'),
    );

    expect(sut.problems).toEqual([
      { line: 4, reason: 'tables.events.columns: events needs at and type (required canonical columns)' },
    ]);
  });

  it('should refuse an unknown time zone and a strptime pattern DuckDB does not know', () => {
    const sut = errorOf(() =>
      parseMappingFile(
        `mapping: 1\ntimestamps:\n  formats: ['%d.%m.%Y', '%Q']\n  time_zone: Mars/Olympus\n${minimalTables}`,
        'm.yaml',
      ),
    );

    expect(sut.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(sut.problems[0].reason).toContain("'%Q' is not a strptime pattern DuckDB knows");
    expect(sut.problems[1].reason).toContain("'Mars/Olympus' is not a time zone");
  });

  it('should refuse tables and files together', () => {
    const sut = errorOf(() =>
      parseMappingFile(
        `mapping: 1\nfiles:\n  - ${minimalTables.replaceAll('\n', '\n    ')}\n${minimalTables}`,
        'm.yaml',
      ),
    );

    expect(sut.message).toContain('expected either tables (one kind of file) or files (several)');
  });

  it('should refuse columns that from: events derives, and pick without a collapsed table', () => {
    const sut = errorOf(() =>
      parseMappingFile(
        `mapping: 1
tables:
  events:
    columns: { ticket_id: id, at: when, type: { constant: note } }
  tickets:
    from: events
    columns:
      created_at: opened
  calls:
    columns:
      call_id: id
      started_at: { column: start, pick: last }
`,
        'm.yaml',
      ),
    );

    expect(sut.problems).toEqual([
      {
        line: 8,
        reason:
          'tables.tickets.columns.created_at: created_at is derived from the events when from: events is given; remove it',
      },
      {
        line: 12,
        reason:
          'tables.calls.columns.started_at.pick: pick applies to a table with one_per or from: events only',
      },
    ]);
  });

  it('should say an empty file is empty', () => {
    const sut = errorOf(() => parseMappingFile('# nothing yet\n', 'm.yaml'));

    expect(sut.message).toBe('m.yaml:1: the mapping file is empty: expected mapping: 1 and tables or files');
  });

  it('should merge run-wide settings into each files entry', () => {
    const sut = parseMappingFile(
      `mapping: 1
source: { null_values: ['-'] }
timestamps: { formats: ['%Y'], time_zone: '+02:00' }
reject: [{ column: kind, values: [test], reason: a test row }]
files:
  - match: a*.csv
    timestamps: { formats: ['%d/%m/%Y'] }
    ${minimalTables.replaceAll('\n', '\n    ')}
  - match: ['b*.csv', 'c*.csv']
    source: { delimiter: ';' }
    reject: [{ column: kind, values: [demo], reason: a demo row }]
    ${minimalTables.replaceAll('\n', '\n    ')}
`,
      'm.yaml',
    );

    expect(sut.entries.map((e) => e.match)).toEqual([['a*.csv'], ['b*.csv', 'c*.csv']]);
    expect(sut.entries[0].timestamps).toEqual({ formats: ['%d/%m/%Y'], time_zone: '+02:00' });
    expect(sut.entries[0].timestampsAt).toEqual(['files', 0, 'timestamps', 'formats']);
    expect(sut.entries[1].timestampsAt).toEqual(['timestamps', 'formats']);
    expect(sut.entries[1].source).toEqual({
      format: 'csv',
      delimiter: ';',
      encoding: 'auto',
      null_values: ['-'],
    });
    expect(sut.entries[1].reject.map((r) => r.rule.reason)).toEqual(['a test row', 'a demo row']);
    expect(sut.lineOf(sut.entries[1].reject[1].at)).toBe(16);
  });
});
