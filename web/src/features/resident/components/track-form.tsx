import { Alert, Button, Form, Input } from 'antd';
import { parseCaseNumber } from '../../../../../common/cases';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useTrackMatter } from '../api/track';
import type { PublicCase } from '../api/types';
import { useResidentText } from '../messages';

/** Tolerates how people type it: lower case, spaces, full-width dashes. */
export function normaliseNumber(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s]/g, '')
    .replace(/[－—–_]/g, '-');
}

/** 进度查询: tracking number + last 4 digits of the reporter's phone. */
export function TrackForm({
  initialNumber,
  onFound,
}: {
  initialNumber?: string;
  onFound: (c: PublicCase, proof: { number: string; phoneLast4: string }) => void;
}) {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const track = useTrackMatter();
  const [form] = Form.useForm<{ number: string; phoneLast4: string }>();

  const submit = (v: { number: string; phoneLast4: string }) => {
    const proof = { number: normaliseNumber(v.number), phoneLast4: v.phoneLast4.trim() };
    track.mutate(proof, { onSuccess: (c) => onFound(c, proof) });
  };

  const notFound = isApiError(track.error) && track.error.status === 404;
  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      initialValues={{ number: initialNumber ?? '', phoneLast4: '' }}
      onFinish={submit}
    >
      <Form.Item
        name="number"
        label={rt('h5.track.number')}
        rules={[
          { required: true, message: rt('h5.track.number.required') },
          {
            validator: (_, v: string | undefined) =>
              !v || parseCaseNumber(normaliseNumber(v))
                ? Promise.resolve()
                : Promise.reject(new Error(rt('h5.track.number.format'))),
          },
        ]}
      >
        <Input
          data-testid="track-number"
          autoCapitalize="characters"
          autoComplete="off"
          placeholder={rt('h5.track.number.placeholder')}
          maxLength={24}
        />
      </Form.Item>
      <Form.Item
        name="phoneLast4"
        label={rt('h5.track.last4')}
        rules={[
          { required: true, message: rt('h5.track.last4.required') },
          { pattern: /^\d{4}$/, message: rt('h5.track.last4.format') },
        ]}
      >
        <Input
          data-testid="track-last4"
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          placeholder="••••"
        />
      </Form.Item>
      {track.isError ? (
        <Alert
          type={notFound ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="track-error"
          title={notFound ? rt('h5.track.notFound') : errorMessage(track.error, locale, t)}
        />
      ) : null}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={track.isPending}
        data-testid="track-submit"
      >
        {rt('h5.track.submit')}
      </Button>
    </Form>
  );
}
