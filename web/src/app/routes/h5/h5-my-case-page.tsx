import { Alert, App, Skeleton } from 'antd';
import { useParams } from 'react-router';
import { useMyCase } from '../../../features/resident/api/my-case';
import { useRateMine } from '../../../features/resident/api/rate';
import { PublicCaseView } from '../../../features/resident/components/public-case-view';
import { RatingPanel } from '../../../features/resident/components/rating-panel';
import { useResidentText } from '../../../features/resident/messages';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { H5Page } from './h5-layout';

/** One of my matters: the public timeline, and the rating when it is my turn (rated through the case endpoint). */
export function H5MyCasePage() {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const c = useMyCase(Number.isInteger(id) ? id : 0);
  const rate = useRateMine(id);
  return (
    <H5Page title={rt('h5.case.title')} back="/h5/mine">
      {c.isError ? (
        <Alert type="error" showIcon title={errorMessage(c.error, locale, t)} />
      ) : c.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <PublicCaseView c={c.data} onRefresh={() => c.refetch()} refreshing={c.isFetching}>
          {c.data.canRate ? (
            <RatingPanel
              needsPhone={false}
              pending={rate.isPending}
              error={rate.error}
              onSubmit={(input) =>
                rate.mutate(
                  { ...input, version: c.data.version },
                  {
                    onSuccess: () =>
                      message.success(
                        input.rating === 'unsatisfied' ? rt('h5.rate.reopen') : rt('h5.rate.thanks'),
                      ),
                  },
                )
              }
            />
          ) : null}
        </PublicCaseView>
      )}
    </H5Page>
  );
}
