import { HomeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Skeleton } from 'antd';
import { DESCRIPTION_MAX } from '../../../../../common/cases';
import { parseMobile } from '../../../../../common/phone';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n';
import { usePublicCategories } from '../api/categories';
import { useCommunities } from '../api/communities';
import { useReportMatter } from '../api/report';
import type { MyAccount, Reported } from '../api/types';
import { useResidentText } from '../messages';
import { CategoryPicker } from './category-picker';
import { PhotoPicker } from './photo-picker';

interface Values {
  categoryId?: number;
  description: string;
  photos: File[];
  communityId?: number;
  location?: string;
  name?: string;
  phone?: string;
}

/**
 * 我要反映: category, words, photos, where, and a phone to reach the reporter. A signed-in resident's household is
 * filled in from their account, so they give only the matter itself.
 */
export function ReportForm({
  account,
  onDone,
}: {
  account: MyAccount | null;
  onDone: (r: Reported) => void;
}) {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const categories = usePublicCategories();
  const communities = useCommunities();
  const report = useReportMatter(account !== null);

  const submit = (v: Values) => {
    report.mutate(
      {
        categoryId: v.categoryId as number,
        description: v.description.trim(),
        photos: v.photos ?? [],
        communityId: v.communityId,
        location: v.location?.trim() || undefined,
        name: v.name?.trim() || undefined,
        phone: v.phone?.trim(),
      },
      {
        onSuccess: onDone,
        onError: (error) => {
          applyFieldErrors(form, error, {
            'photos[0]': 'photos',
            'photos[1]': 'photos',
            'photos[2]': 'photos',
          });
        },
      },
    );
  };

  if (categories.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={submit}
      initialValues={{ photos: [], description: '' }}
      scrollToFirstError
    >
      <section className="h5-card">
        <Form.Item
          name="categoryId"
          label={rt('h5.report.category')}
          rules={[{ required: true, message: rt('h5.report.category.required') }]}
        >
          <CategoryPicker categories={categories.data ?? []} label={rt('h5.report.category')} />
        </Form.Item>
        <Form.Item
          name="description"
          label={rt('h5.report.description')}
          rules={[
            { required: true, whitespace: true, message: rt('h5.report.description.required') },
            { min: 5, message: rt('h5.report.description.min') },
          ]}
        >
          <Input.TextArea
            data-testid="report-description"
            rows={4}
            maxLength={DESCRIPTION_MAX}
            placeholder={rt('h5.report.description.placeholder')}
          />
        </Form.Item>
        <Form.Item
          name="photos"
          label={rt('h5.report.photos')}
          extra={rt('h5.report.photos.hint')}
          style={{ marginBottom: 0 }}
        >
          <PhotoPicker />
        </Form.Item>
      </section>

      <section className="h5-card">
        <h2 className="h5-section-title">{rt('h5.report.where')}</h2>
        {account ? (
          <>
            <div
              className="h5-account"
              style={{ marginTop: 0, marginBottom: 12 }}
              data-testid="report-household"
            >
              <span className="h5-avatar">
                <HomeOutlined />
              </span>
              <div>
                <div style={{ fontWeight: 600 }}>
                  {account.communityName} · {account.roomLabel ?? account.roomText}
                </div>
                <div className="h5-hint">{rt('h5.report.householdHint')}</div>
              </div>
            </div>
            <Form.Item name="location" label={rt('h5.report.locationExtra')} style={{ marginBottom: 0 }}>
              <Input maxLength={100} placeholder={rt('h5.report.locationExtra.placeholder')} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="communityId"
              label={rt('h5.report.community')}
              rules={[{ required: true, message: rt('h5.report.community.required') }]}
            >
              <Select
                data-testid="report-community"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={rt('h5.report.community.placeholder')}
                loading={communities.isPending}
                options={(communities.data ?? []).map((c) => ({
                  value: c.id,
                  label: c.parentName ? `${c.name}（${c.parentName}）` : c.name,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="location"
              label={rt('h5.report.location')}
              rules={[{ required: true, whitespace: true, message: rt('h5.report.location.required') }]}
              style={{ marginBottom: 0 }}
            >
              <Input
                data-testid="report-location"
                maxLength={100}
                placeholder={rt('h5.report.location.placeholder')}
              />
            </Form.Item>
          </>
        )}
      </section>

      {account ? null : (
        <section className="h5-card">
          <h2 className="h5-section-title">{rt('h5.report.contact')}</h2>
          <Form.Item name="name" label={rt('h5.report.name')}>
            <Input maxLength={50} placeholder={rt('h5.report.name.placeholder')} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={rt('h5.report.phone')}
            extra={rt('h5.report.phone.hint')}
            rules={[
              { required: true, message: rt('h5.report.phone.required') },
              {
                validator: (_, v: string | undefined) =>
                  !v || parseMobile(v).ok
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('form.phone.invalid'))),
              },
            ]}
            style={{ marginBottom: 0 }}
          >
            <Input
              data-testid="report-phone"
              inputMode="tel"
              autoComplete="tel"
              maxLength={20}
              placeholder={rt('h5.report.phone.placeholder')}
            />
          </Form.Item>
        </section>
      )}

      {report.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="report-error"
          title={errorMessage(report.error, locale, t)}
          description={
            isApiError(report.error) && report.error.details.length
              ? report.error.details.map((d) => d.message).join('；')
              : undefined
          }
        />
      ) : null}

      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        style={{ marginTop: 16 }}
        loading={report.isPending}
        data-testid="report-submit"
      >
        {report.isPending ? rt('h5.report.submitting') : rt('h5.report.submit')}
      </Button>
      {account ? (
        <div className="h5-hint" style={{ textAlign: 'center', marginTop: 8 }}>
          {rt('h5.report.asAccount', { name: account.name })}
        </div>
      ) : null}
    </Form>
  );
}
