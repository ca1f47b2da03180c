import { useMutation } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import type { PublicCase } from './types';

/** Number + last 4 phone digits in the body (never in the URL, so they stay out of logs and history). */
export const trackMatter = (input: { number: string; phoneLast4: string }) =>
  apiPost<PublicCase>('/api/public/cases/track', input, { skipAuthRedirect: true });

export function useTrackMatter() {
  return useMutation({ mutationFn: trackMatter });
}
