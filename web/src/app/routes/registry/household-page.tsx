import { useParams } from 'react-router';
import { useHousehold } from '../../../features/registry/api/household';
import { HouseholdDetail } from '../../../features/registry/components/household-detail';
import { parseRecordId, RecordPage } from '../../../features/registry/components/record-page';

/** 住户详情 (/registry/households/:id). Outside the user's area the server answers 404, shown as such. */
export function HouseholdPage() {
  const id = parseRecordId(useParams().id);
  const card = useHousehold(id);
  return (
    <RecordPage
      id={id}
      query={card}
      listPath="/registry/households"
      backKey="reg.household.back"
      notFoundKey="reg.household.notFound"
      testId="household-back"
    >
      {(household) => <HouseholdDetail household={household} />}
    </RecordPage>
  );
}
