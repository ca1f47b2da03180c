import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Segmented, Switch, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useRecordVisit } from '../api/record-visit';
import type { Visit, VisitMethod } from '../api/types';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, uploadVisitPhotos } from '../api/upload-photos';
import { useVisitText } from '../messages';

const MAX_PHOTOS = 9;

interface Values {
  method: VisitMethod;
  findings?: string;
  disputeFound: boolean;
  followUp: boolean;
}

interface Picked {
  key: number;
  file: File;
  url: string;
}
let nextPhotoKey = 1;

function PhotoPicker({ photos, onChange }: { photos: Picked[]; onChange: (photos: Picked[]) => void }) {
  const vt = useVisitText();
  const { message } = App.useApp();

  const add = (list: FileList | null) => {
    if (!list) return;
    const next = [...photos];
    for (const f of Array.from(list)) {
      if (!PHOTO_TYPES.includes(f.type)) message.error(vt('visits.photos.badType', { name: f.name }));
      else if (f.size > PHOTO_MAX_BYTES) message.error(vt('visits.photos.tooLarge', { name: f.name }));
      else if (next.length < MAX_PHOTOS)
        next.push({ key: nextPhotoKey++, file: f, url: URL.createObjectURL(f) });
    }
    onChange(next);
  };
  const remove = (p: Picked) => {
    URL.revokeObjectURL(p.url);
    onChange(photos.filter((x) => x.key !== p.key));
  };

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {photos.map((p) => (
          <div
            key={p.key}
            style={{ position: 'relative', width: 76, height: 76, borderRadius: 8, overflow: 'hidden' }}
          >
            <img
              src={p.url}
              alt={p.file.name}
              style={{ width: '100%', height: '100%', objectFit: 'cover' }}
            />
            <Button
              size="small"
              shape="circle"
              danger
              icon={<DeleteOutlined />}
              aria-label={p.file.name}
              onClick={() => remove(p)}
              style={{ position: 'absolute', top: 2, right: 2 }}
            />
          </div>
        ))}
        {photos.length < MAX_PHOTOS ? (
          <label
            style={{
              width: 76,
              height: 76,
              border: '1px dashed #bfbfbf',
              borderRadius: 8,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              cursor: 'pointer',
              color: 'rgba(0,0,0,0.55)',
              fontSize: 12,
              background: '#fafafa',
            }}
          >
            <CameraOutlined style={{ fontSize: 20, marginBottom: 4 }} />
            {vt('visits.photos.add')}
            <input
              type="file"
              accept={PHOTO_TYPES.join(',')}
              multiple
              data-testid="visit-photos"
              style={{ display: 'none' }}
              onChange={(e) => {
                add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        ) : null}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {vt('visits.photos.hint')}
      </Typography.Text>
    </div>
  );
}

/** 登记走访: method, findings, dispute and follow-up switches, photos; big touch targets for a phone. */
export function VisitForm({
  householdId,
  planId,
  onSaved,
}: {
  householdId: number;
  planId: number | null;
  onSaved: (visit: Visit) => void;
}) {
  const { t, locale } = useI18n();
  const vt = useVisitText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<Picked[]>([]);
  const [uploading, setUploading] = useState(false);
  const record = useRecordVisit();

  const submit = async (values: Values) => {
    let visit: Visit;
    try {
      visit = await record.mutateAsync({
        householdId,
        planId,
        method: values.method,
        findings: values.findings?.trim() || null,
        disputeFound: values.disputeFound,
        followUp: values.followUp,
      });
    } catch (err) {
      if (isApiError(err) && err.details.length)
        form.setFields(
          err.details
            .filter((d) => ['method', 'findings', 'disputeFound', 'followUp'].includes(d.field))
            .map((d) => ({ name: d.field as keyof Values, errors: [d.message] })),
        );
      message.error(errorMessage(err, locale, t));
      return;
    }
    if (photos.length) {
      setUploading(true);
      try {
        await uploadVisitPhotos(
          visit.id,
          photos.map((p) => p.file),
          locale,
        );
      } catch (err) {
        const reason =
          isApiError(err) && err.details.length
            ? err.details.map((d) => d.message).join('；')
            : errorMessage(err, locale, t);
        message.warning(vt('visits.savedPhotosFailed', { reason }));
        setUploading(false);
        onSaved(visit);
        return;
      }
      setUploading(false);
    }
    message.success(vt('visits.saved'));
    onSaved(visit);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ method: 'in_person', disputeFound: false, followUp: false }}
      onFinish={submit}
      data-testid="visit-form"
    >
      <Form.Item name="method" label={vt('visits.method')}>
        <Segmented<VisitMethod>
          block
          size="large"
          data-testid="visit-method"
          options={[
            { value: 'in_person', label: vt('visits.method.in_person') },
            { value: 'phone', label: vt('visits.method.phone') },
            { value: 'wechat', label: vt('visits.method.wechat') },
          ]}
        />
      </Form.Item>
      <Form.Item name="findings" label={vt('visits.findings')} rules={[{ max: 2000 }]}>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={vt('visits.findings.placeholder')}
          data-testid="visit-findings"
        />
      </Form.Item>
      <div
        style={{
          border: '1px solid var(--og-border)',
          borderRadius: 10,
          padding: '4px 14px',
          marginBottom: 20,
          background: '#fff',
        }}
      >
        <div
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '10px 0',
          }}
        >
          <div>
            <div style={{ fontWeight: 600 }}>{vt('visits.dispute')}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {vt('visits.dispute.hint')}
            </Typography.Text>
          </div>
          <Form.Item name="disputeFound" valuePropName="checked" noStyle>
            <Switch data-testid="visit-dispute" aria-label={vt('visits.dispute')} />
          </Form.Item>
        </div>
        <div
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '10px 0',
            borderTop: '1px solid var(--og-border)',
          }}
        >
          <div style={{ fontWeight: 600 }}>{vt('visits.followUp')}</div>
          <Form.Item name="followUp" valuePropName="checked" noStyle>
            <Switch data-testid="visit-follow-up" aria-label={vt('visits.followUp')} />
          </Form.Item>
        </div>
      </div>
      <Form.Item label={vt('visits.photos')}>
        <PhotoPicker photos={photos} onChange={setPhotos} />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={record.isPending || uploading}
        data-testid="visit-submit"
      >
        {vt('visits.submit')}
      </Button>
    </Form>
  );
}
