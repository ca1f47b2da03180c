import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { residentKeys } from './keys';
import { sendForm } from './send-form';
import type { Reported, ReportInput } from './types';

/**
 * A report with its photos in one multipart request: anonymous ones go to the public endpoint (no session is read
 * there), a signed-in resident's to /api/me/cases, which fills in their household.
 */
export function reportMatter(input: ReportInput, asResident: boolean, locale: string): Promise<Reported> {
  const fields = {
    categoryId: input.categoryId,
    description: input.description,
    communityId: asResident ? undefined : input.communityId,
    location: input.location,
    name: asResident ? undefined : input.name,
    phone: asResident ? undefined : input.phone,
  };
  return sendForm<Reported>(asResident ? '/api/me/cases' : '/api/public/cases', fields, input.photos, locale);
}

export function useReportMatter(asResident: boolean) {
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReportInput) => reportMatter(input, asResident, locale),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: residentKeys.myCases() }),
  });
}
