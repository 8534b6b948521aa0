import { Inject, Injectable } from '@nestjs/common';
import {
  DuckDbStore,
  findCalls,
  lessonTitles,
  roleplayCall,
  suggestedLessons,
} from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import type {
  CallFinderQuery,
  CallFinderResult,
  RoleplayCall,
  SuggestedCall,
} from '../../contracts/roleplay.contract.js';
import { RoleplaySessionsService } from './roleplay-sessions.service.js';

/** The call finder, the suggested lessons and one call, each call marked with the sessions using it. */
@Injectable()
export class RoleplayService {
  constructor(
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
    @Inject(RoleplaySessionsService) private readonly sessions: RoleplaySessionsService,
  ) {}

  async find(query: CallFinderQuery): Promise<CallFinderResult> {
    const { durationMin, durationMax, ...rest } = query;
    const page = await findCalls(this.store, {
      ...rest,
      durationMin: durationMin === undefined ? undefined : durationMin * 60,
      durationMax: durationMax === undefined ? undefined : durationMax * 60,
    });
    const used = await this.sessions.usedCounts(page.calls.map((c) => c.call_id));
    return { ...page, calls: page.calls.map((c) => ({ ...c, used_in_sessions: used.get(c.call_id) ?? 0 })) };
  }

  async suggested(query: { category?: string; perKind: number }): Promise<SuggestedCall[]> {
    const lessons = await suggestedLessons(this.store, { category: query.category, perKind: query.perKind });
    const used = await this.sessions.usedCounts(lessons.map((l) => l.call_id));
    return lessons.map((l) => ({
      ...l,
      title: lessonTitles[l.kind],
      used_in_sessions: used.get(l.call_id) ?? 0,
    }));
  }

  async call(callId: string): Promise<RoleplayCall & { used_in_sessions: number }> {
    const found = await roleplayCall(this.store, callId);
    if (!found) {
      throw new DomainError(`No call ${callId} in the store`, 'NOT_FOUND');
    }
    const used = await this.sessions.usedCounts([callId]);
    return { ...found, used_in_sessions: used.get(callId) ?? 0 };
  }
}
