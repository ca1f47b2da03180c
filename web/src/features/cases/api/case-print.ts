import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseDetail } from './types';

/** The case sheet's facts with who printed it and when. */
export type CasePrint = CaseDetail & { printedAt?: string; printedBy?: string };

interface PrintResponse {
  case: CaseDetail;
  printedAt: string;
  printedBy: string;
}

/** GET /api/cases/:id/print answers `{ case, printedAt, printedBy }`; the sheet reads it as one flat record. */
export async function fetchCasePrint(id: number): Promise<CasePrint> {
  const raw = await apiGet<PrintResponse>(`/api/cases/${id}/print`);
  return { ...raw.case, printedAt: raw.printedAt, printedBy: raw.printedBy };
}

export function useCasePrint(id: number | null) {
  return useQuery({
    queryKey: caseKeys.print(id ?? 0),
    queryFn: () => fetchCasePrint(id ?? 0),
    enabled: id !== null,
  });
}
