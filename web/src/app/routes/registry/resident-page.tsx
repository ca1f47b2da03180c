import { useParams } from 'react-router';
import { useResident } from '../../../features/registry/api/resident';
import { parseRecordId, RecordPage } from '../../../features/registry/components/record-page';
import { ResidentDetail } from '../../../features/registry/components/resident-detail';

/** 居民详情 (/registry/residents/:id). */
export function ResidentPage() {
  const id = parseRecordId(useParams().id);
  const resident = useResident(id);
  return (
    <RecordPage
      id={id}
      query={resident}
      listPath="/registry/residents"
      backKey="reg.resident.back"
      notFoundKey="reg.resident.notFound"
      testId="resident-back"
    >
      {(data) => <ResidentDetail resident={data} />}
    </RecordPage>
  );
}
