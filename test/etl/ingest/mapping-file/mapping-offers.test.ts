import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths, MappingFileError, parseMappingFile } from '../../../../etl/src/index.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

// A helpdesk's approvals log and a CRM's customer list, read through mapping files into offers.csv and
// customers.csv: every row accounted for, vendor words mapped, an unmapped word a reject naming its map.
const approvalsMapping = `mapping: 1
name: approvals-log
source: { format: csv, delimiter: "," }
timestamps: { formats: ["%d/%m/%Y %H:%M"], time_zone: UTC }
maps:
  state:
    ignore_case: true
    values:
      Pending approval: requested
      Approved: approved
      Rejected: refused
      Paid out: offered
tables:
  offers:
    columns:
      offer_id: { concat: [Request, State], separator: "-" }
      ticket_id: Case
      at: When
      level: { column: Role, map: { values: { Agent: 1, Team lead: 2, Manager: 3 } } }
      agent_id: User
      kind: { column: Type, map: { ignore_case: true, values: { Refund: refund, Goodwill gesture: goodwill } } }
      amount: Amount
      currency: { constant: GBP }
      status: { column: State, map: state }
`;

const approvals = `Request,Case,When,Role,User,Type,Amount,State
R1,C-1,02/03/2026 09:00,Agent,u1,Refund,120.00,Pending approval
R1,C-1,02/03/2026 15:00,Manager,u9,Refund,120.00,Approved
R2,C-2,03/03/2026 10:00,Agent,u2,Goodwill gesture,15.50,Paid out
R3,C-3,03/03/2026 11:00,Agent,u2,Refund,"1,200.00",Pending approval
R4,C-4,03/03/2026 12:00,Manager,u9,Refund,40.00,Escalated to CEO
`;

const customersMapping = `mapping: 1
name: crm-customers
source: { format: csv }
timestamps: { formats: ["%Y-%m-%d"] }
tables:
  customers:
    columns:
      customer_id: Account
      since: Customer since
      segment: { column: Tier, map: { values: { Gold: premier, Standard: retail, SME: business } } }
      annual_value: Revenue 12m
`;

const customers = `Account,Name,Email,Customer since,Tier,Revenue 12m
A-1,Ana Ruiz,ana@example.com,2019-04-01,Gold,5400.00
A-2,Ben Ode,ben@example.com,2024-01-15,Standard,
`;

describe('mapping files for offers and customers', () => {
  let sut: TempStore;
  let dir: string;
  beforeEach(async () => {
    sut = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'eqa-mapping-offers-'));
  });
  afterEach(() => {
    sut.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('should read an approvals log into offers, with an unmapped word and a bad amount rejected', async () => {
    const mapping = write('approvals.yaml', approvalsMapping);

    const summary = await ingestPaths(sut.store, [write('approvals.csv', approvals)], {}, { mapping });

    expect(summary.files[0]).toMatchObject({
      kinds: ['offers'],
      rows_read: 5,
      rows_loaded: 3,
      rows_rejected: 2,
    });
    expect(
      await sut.store.all(
        `SELECT offer_id, ticket_id, level, kind, amount::DOUBLE AS amount, currency, status FROM offers ORDER BY ALL`,
      ),
    ).toEqual([
      {
        offer_id: 'R1-Approved',
        ticket_id: 'C-1',
        level: 3,
        kind: 'refund',
        amount: 120,
        currency: 'GBP',
        status: 'approved',
      },
      {
        offer_id: 'R1-Pending approval',
        ticket_id: 'C-1',
        level: 1,
        kind: 'refund',
        amount: 120,
        currency: 'GBP',
        status: 'requested',
      },
      {
        offer_id: 'R2-Paid out',
        ticket_id: 'C-2',
        level: 1,
        kind: 'goodwill',
        amount: 15.5,
        currency: 'GBP',
        status: 'offered',
      },
    ]);
    const rejects = await sut.store.all<{ line: number; field: string; reason: string }>(
      'SELECT line::INTEGER AS line, field, reason FROM rejects ORDER BY line',
    );
    expect(rejects.map((r) => [r.line, r.field])).toEqual([
      [5, 'amount'],
      [6, 'State'],
    ]);
    expect(rejects[1].reason).toMatch(
      /^State 'Escalated to CEO' maps to no status \(.*approvals\.yaml line 6\)$/,
    );
  });

  it('should read a CRM export into customers, leaving names and e-mail addresses out', async () => {
    const mapping = write('crm.yaml', customersMapping);

    const summary = await ingestPaths(sut.store, [write('crm.csv', customers)], {}, { mapping });

    expect(summary.files[0]).toMatchObject({ kinds: ['customers'], rows_read: 2, rows_rejected: 0 });
    expect(
      await sut.store.all(
        'SELECT customer_id, since::VARCHAR AS since, segment, annual_value::DOUBLE AS value FROM customers ORDER BY 1',
      ),
    ).toEqual([
      { customer_id: 'A-1', since: '2019-04-01', segment: 'premier', value: 5400 },
      { customer_id: 'A-2', since: '2024-01-15', segment: 'retail', value: null },
    ]);
  });

  it('should name the line of an offer column the canonical format does not have, and of a bad status', () => {
    const wrong = approvalsMapping
      .replace('      agent_id: User', '      approver: User')
      .replace('      Paid out: offered', '      Paid out: paid');

    let error: unknown;
    try {
      parseMappingFile(wrong, 'approvals.yaml');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(MappingFileError);
    expect((error as MappingFileError).problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      "12: maps.state.values.Paid out: 'paid' is not a valid status: expected one of requested, approved, refused, offered, accepted, declined",
      expect.stringMatching(
        /^20: tables\.offers\.columns\.approver: unknown canonical column 'approver' for offers/,
      ),
    ]);
  });
});
