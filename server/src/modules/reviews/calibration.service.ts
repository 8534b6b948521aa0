import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import type {
  CalibrationScoreInput,
  CalibrationSessionDto,
  CreateCalibration,
} from '../../contracts/calibration.contract.js';
import { type ReviewStandard, reviewStandards } from '../../contracts/reviews.contract.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import type { RequestUser } from '../auth/auth-request.type.js';
import { CalibrationScore, CalibrationSession } from './calibration.entity.js';
import { calibrationResults } from './calibration-results.util.js';

const isLead = (user: RequestUser) => user.roles.includes('lead') || user.roles.includes('admin');

/**
 * Calibration sessions: the same cases scored blind by several reviewers and a facilitator. Until every
 * participant has scored every case, each participant sees only their own scores (leads only the
 * status); then everyone sees alpha per standard, the disagreements and each reviewer's drift.
 */
@Injectable()
export class CalibrationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: CreateCalibration, actor: string): Promise<CalibrationSessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(CalibrationSession, {
          title: input.title,
          facilitator: input.facilitator,
          reviewers: [...new Set(input.reviewers)],
          ticketIds: [...new Set(input.ticketIds)],
          createdBy: actor,
        }),
      );
      await manager.save(
        manager.create(AuditLogEntry, {
          actor,
          action: 'calibration.create',
          entityType: 'calibration_session',
          entityId: saved.id,
          details: { ...input },
        }),
      );
      return this.dto(saved, [], actor);
    });
  }

  /** Sessions the caller takes part in (leads and admins: all), newest first. */
  async list(user: RequestUser): Promise<CalibrationSessionDto[]> {
    const sessions = await this.dataSource
      .getRepository(CalibrationSession)
      .find({ order: { createdAt: 'DESC', id: 'ASC' } });
    const visible = sessions.filter(
      (s) => isLead(user) || s.facilitator === user.username || s.reviewers.includes(user.username),
    );
    return Promise.all(visible.map(async (s) => this.dto(s, await this.cells(s.id), user.username)));
  }

  async get(id: string, user: RequestUser): Promise<CalibrationSessionDto> {
    const session = await this.find(id);
    if (
      !isLead(user) &&
      session.facilitator !== user.username &&
      !session.reviewers.includes(user.username)
    ) {
      throw new DomainError(
        `Forbidden: ${user.username} does not take part in this calibration session`,
        'FORBIDDEN',
      );
    }
    return this.dto(session, await this.cells(id), user.username);
  }

  /** A participant's scores of one case (again: replaces them until the session is complete). */
  async score(id: string, input: CalibrationScoreInput, user: RequestUser): Promise<CalibrationSessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.findOne(CalibrationSession, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session) {
        throw new DomainError(`Not found: calibration session ${id}`, 'NOT_FOUND');
      }
      if (session.facilitator !== user.username && !session.reviewers.includes(user.username)) {
        throw new DomainError(
          `Forbidden: ${user.username} does not take part in this calibration session`,
          'FORBIDDEN',
        );
      }
      if (!session.ticketIds.includes(input.ticketId)) {
        throw new DomainError(
          `Invalid body: ticketId: ${input.ticketId} is not one of this session's cases`,
          'INVALID_BODY',
        );
      }
      if (this.complete(session, await this.cells(id, manager))) {
        throw new DomainError('Conflict: every participant has scored; the session is closed', 'CONFLICT');
      }
      await manager.delete(CalibrationScore, {
        sessionId: id,
        reviewer: user.username,
        ticketId: input.ticketId,
      });
      await manager.save(
        reviewStandards.map((standard) =>
          manager.create(CalibrationScore, {
            sessionId: id,
            reviewer: user.username,
            ticketId: input.ticketId,
            standard,
            score: input.scores[standard],
          }),
        ),
      );
      await manager.save(
        manager.create(AuditLogEntry, {
          actor: user.username,
          action: 'calibration.score',
          entityType: 'calibration_session',
          entityId: id,
          details: { ticketId: input.ticketId, scores: input.scores },
        }),
      );
      return this.dto(session, await this.cells(id, manager), user.username);
    });
  }

  private participants(s: CalibrationSession): string[] {
    return [s.facilitator, ...s.reviewers];
  }

  private complete(s: CalibrationSession, cells: CalibrationScore[]): boolean {
    return cells.length >= this.participants(s).length * s.ticketIds.length * reviewStandards.length;
  }

  private dto(s: CalibrationSession, cells: CalibrationScore[], caller: string): CalibrationSessionDto {
    const of = s.ticketIds.length * reviewStandards.length;
    const status = this.participants(s).map((reviewer) => {
      const scored = cells.filter((c) => c.reviewer === reviewer).length;
      return { reviewer, facilitator: reviewer === s.facilitator, scored, of, done: scored >= of };
    });
    const complete = status.every((p) => p.done);
    const myScores: CalibrationSessionDto['myScores'] = {};
    for (const c of cells.filter((x) => x.reviewer === caller)) {
      myScores[c.ticketId] = { ...myScores[c.ticketId], [c.standard as ReviewStandard]: c.score };
    }
    return {
      id: s.id,
      title: s.title,
      facilitator: s.facilitator,
      reviewers: [...s.reviewers],
      ticketIds: [...s.ticketIds],
      createdAt: s.createdAt.toISOString(),
      createdBy: s.createdBy,
      status,
      complete,
      myScores,
      results: complete ? calibrationResults(this.participants(s), s.facilitator, s.ticketIds, cells) : null,
    };
  }

  private cells(id: string, manager = this.dataSource.manager): Promise<CalibrationScore[]> {
    return manager.find(CalibrationScore, { where: { sessionId: id } });
  }

  private async find(id: string): Promise<CalibrationSession> {
    const s = await this.dataSource.getRepository(CalibrationSession).findOneBy({ id });
    if (!s) {
      throw new DomainError(`Not found: calibration session ${id}`, 'NOT_FOUND');
    }
    return s;
  }
}
