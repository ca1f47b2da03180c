import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  FrownOutlined,
  MehOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { type ReactNode, useState } from 'react';
import { RATINGS, type Rating } from '../../../../../common/cases';
import { parseMobile } from '../../../../../common/phone';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import type { RateInput } from '../api/types';
import { type ResidentMessageKey, useResidentText } from '../messages';

const ICON: Record<Rating, ReactNode> = {
  satisfied: <SmileOutlined />,
  basically_satisfied: <MehOutlined />,
  unsatisfied: <FrownOutlined />,
};

/**
 * 评价: three big buttons, solved yes/no, an optional comment; an anonymous reporter also types the full phone number
 * as proof that it is them.
 */
export function RatingPanel({
  needsPhone,
  pending,
  error,
  onSubmit,
}: {
  needsPhone: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (input: RateInput, phone: string | null) => void;
}) {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const [rating, setRating] = useState<Rating | null>(null);
  const [resolved, setResolved] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    if (!rating) return setProblem(rt('h5.rate.choose'));
    if (resolved === null) return setProblem(rt('h5.rate.resolved.required'));
    if (needsPhone && !parseMobile(phone).ok) return setProblem(t('form.phone.invalid'));
    setProblem(null);
    onSubmit({ rating, resolved, comment: comment.trim() || undefined }, needsPhone ? phone.trim() : null);
  };

  return (
    <section
      className="h5-card"
      data-testid="rating-panel"
      style={{ borderColor: '#f3d9b0', background: '#fffdf8' }}
    >
      <h2 className="h5-section-title" style={{ fontSize: 17 }}>
        {rt('h5.rate.title')}
      </h2>
      <p className="h5-hint" style={{ marginTop: 0 }}>
        {rt('h5.rate.sub')}
      </p>
      <div className="h5-rate-buttons" role="radiogroup" aria-label={rt('h5.rate.title')}>
        {RATINGS.map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            aria-checked={rating === r}
            className={`h5-rate h5-rate-${r}`}
            data-testid={`rate-${r}`}
            onClick={() => setRating(r)}
          >
            {ICON[r]}
            <span>{rt(`h5.rate.${r}` as ResidentMessageKey)}</span>
          </button>
        ))}
      </div>
      <div className="h5-section-title" style={{ marginTop: 16 }}>
        {rt('h5.rate.resolved')}
      </div>
      <div className="h5-yesno" role="radiogroup" aria-label={rt('h5.rate.resolved')}>
        <Button
          size="large"
          role="radio"
          aria-checked={resolved === true}
          type={resolved === true ? 'primary' : 'default'}
          icon={<CheckCircleOutlined />}
          data-testid="resolved-yes"
          onClick={() => setResolved(true)}
        >
          {rt('h5.rate.yes')}
        </Button>
        <Button
          size="large"
          role="radio"
          aria-checked={resolved === false}
          type={resolved === false ? 'primary' : 'default'}
          icon={<CloseCircleOutlined />}
          data-testid="resolved-no"
          onClick={() => setResolved(false)}
        >
          {rt('h5.rate.no')}
        </Button>
      </div>
      <div className="h5-section-title" style={{ marginTop: 16 }}>
        {rt('h5.rate.comment')}
      </div>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={comment}
        data-testid="rate-comment"
        onChange={(e) => setComment(e.target.value)}
      />
      {needsPhone ? (
        <>
          <div className="h5-section-title" style={{ marginTop: 16 }}>
            {rt('h5.rate.phone')}
          </div>
          <Input
            size="large"
            inputMode="tel"
            autoComplete="tel"
            maxLength={20}
            value={phone}
            data-testid="rate-phone"
            onChange={(e) => setPhone(e.target.value)}
          />
        </>
      ) : null}
      {problem || error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="rate-error"
          title={
            problem ??
            (isApiError(error) ? error.details[0]?.message : undefined) ??
            errorMessage(error, locale, t)
          }
        />
      ) : null}
      <Button
        type="primary"
        size="large"
        block
        style={{ marginTop: 16 }}
        loading={pending}
        data-testid="rate-submit"
        onClick={submit}
      >
        {rt('h5.rate.submit')}
      </Button>
    </section>
  );
}
