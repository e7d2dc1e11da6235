import { useCallback } from 'react';
import { useDailyEvent } from '@daily-co/daily-react';
import type { DailyEventObject } from '@daily-co/daily-js';
import { describeJoinError, type JoinProblem } from '../domain/join-error';

/** Notices when the meeting ends under the console (ejected, room closed, fatal error). */
export function MeetingWatcher({ onEnded }: { onEnded: (problem?: JoinProblem) => void }) {
  useDailyEvent(
    'error',
    useCallback((ev: DailyEventObject<'error'>) => onEnded(describeJoinError(ev)), [onEnded]),
  );
  useDailyEvent(
    'left-meeting',
    useCallback(() => onEnded(), [onEnded]),
  );
  return null;
}
