import { apiPost } from '../../../lib/api';

/** Shows one resident's full ID number or phone; needs person.reveal and writes an audit record. */
export async function revealResidentField(id: number, field: 'idNumber' | 'phone'): Promise<string> {
  const res = await apiPost<{ value: string }>(`/api/registry/residents/${id}/reveal`, { field });
  return res.value;
}
