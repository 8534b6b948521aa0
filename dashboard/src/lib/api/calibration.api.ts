import type {
  CalibrationResults,
  CalibrationScoreInput,
  CalibrationSessionDto,
  CreateCalibration,
} from '../../../../server/src/contracts/calibration.contract.js';
import { getJson, sendJson } from './client.js';

export type { CalibrationResults, CalibrationScoreInput, CalibrationSessionDto, CreateCalibration };

/** The sessions the user takes part in (leads and admins: all), newest first. */
export function fetchCalibrationSessions(signal?: AbortSignal): Promise<CalibrationSessionDto[]> {
  return getJson<CalibrationSessionDto[]>('/api/calibration-sessions', {}, signal);
}

/** One session: everyone's progress, the caller's own scores, and the results once all have scored. */
export function fetchCalibrationSession(id: string, signal?: AbortSignal): Promise<CalibrationSessionDto> {
  return getJson<CalibrationSessionDto>(`/api/calibration-sessions/${encodeURIComponent(id)}`, {}, signal);
}

export function createCalibrationSession(body: CreateCalibration): Promise<CalibrationSessionDto> {
  return sendJson<CalibrationSessionDto>('POST', '/api/calibration-sessions', body);
}

/** The caller's scores of one case (again: replaces them until the session is complete). */
export function scoreCalibrationCase(
  id: string,
  body: CalibrationScoreInput,
): Promise<CalibrationSessionDto> {
  return sendJson<CalibrationSessionDto>(
    'POST',
    `/api/calibration-sessions/${encodeURIComponent(id)}/scores`,
    body,
  );
}
