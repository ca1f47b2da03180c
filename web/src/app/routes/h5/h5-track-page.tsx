import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useRatePublic } from '../../../features/resident/api/rate';
import { trackMatter } from '../../../features/resident/api/track';
import type { PublicCase } from '../../../features/resident/api/types';
import { PublicCaseView } from '../../../features/resident/components/public-case-view';
import { RatingPanel } from '../../../features/resident/components/rating-panel';
import { TrackForm } from '../../../features/resident/components/track-form';
import { useResidentText } from '../../../features/resident/messages';
import { useI18n } from '../../../lib/i18n';
import { H5Page } from './h5-layout';

/** 进度查询 → the case page with its public timeline; an anonymous reporter rates here with the full phone. */
export function H5TrackPage() {
  const rt = useResidentText();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [found, setFound] = useState<{ c: PublicCase; proof: { number: string; phoneLast4: string } } | null>(
    null,
  );
  const [refreshing, setRefreshing] = useState(false);
  const rate = useRatePublic();
  const { locale } = useI18n();
  const shownLocale = useRef(locale);

  const refresh = async () => {
    if (!found) return;
    setRefreshing(true);
    try {
      setFound({ ...found, c: await trackMatter(found.proof) });
    } finally {
      setRefreshing(false);
    }
  };

  // The server names units, roles and categories in the asked language: ask again when the language changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a language change should trigger this
  useEffect(() => {
    if (shownLocale.current === locale) return;
    shownLocale.current = locale;
    void refresh();
  }, [locale]);

  return (
    <H5Page
      title={found ? rt('h5.case.title') : rt('h5.track.title')}
      back={found ? () => setFound(null) : '/h5'}
    >
      {found ? (
        <PublicCaseView c={found.c} onRefresh={refresh} refreshing={refreshing}>
          {found.c.canRate ? (
            <RatingPanel
              needsPhone
              pending={rate.isPending}
              error={rate.error}
              onSubmit={(input, phone) =>
                rate.mutate(
                  { ...input, number: found.c.number, phone: phone ?? '', version: found.c.version },
                  {
                    onSuccess: (c) => {
                      setFound({ ...found, c });
                      message.success(
                        input.rating === 'unsatisfied' ? rt('h5.rate.reopen') : rt('h5.rate.thanks'),
                      );
                    },
                  },
                )
              }
            />
          ) : null}
        </PublicCaseView>
      ) : (
        <>
          <section className="h5-card">
            <TrackForm
              initialNumber={params.get('no') ?? undefined}
              onFound={(c, proof) => setFound({ c, proof })}
            />
          </section>
          <p className="h5-hint" style={{ textAlign: 'center', marginTop: 12 }}>
            {rt('h5.track.hint')}
          </p>
        </>
      )}
    </H5Page>
  );
}
