import '../cases.css';
import { Alert, App, Button, Form, Grid, Input, Segmented, Select } from 'antd';
import { useEffect, useState } from 'react';
import {
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  type CaseSource,
  DESCRIPTION_MAX,
  TITLE_MAX,
  URGENCIES,
  URGENCY_LABELS,
  type Urgency,
} from '../../../../../common/cases';
import { parseMobile } from '../../../../../common/phone';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import { BuildingSelect } from '../../registry/components/building-select';
import { HouseholdPicker } from '../../registry/components/household-picker';
import { runCaseAction } from '../api/case-action';
import { useCreateCase } from '../api/create-case';
import type { CaseDetail, CaseSummary, CreateCaseInput } from '../api/types';
import { CASE_PHOTO_TYPES, uploadCaseFiles } from '../api/upload-case-file';
import { useCaseI18n } from '../messages';
import { CategorySelect } from './category-select';
import { DuplicateSuggestions } from './duplicate-suggestions';
import { FilePicker, type PickedFile } from './file-picker';
import { ResidentSearchSelect } from './resident-search-select';

type LocationKind = 'household' | 'building' | 'node';
type ReporterKind = 'resident' | 'anonymous' | 'self';

export interface CaseFormValues {
  title?: string;
  description?: string;
  categoryId?: number;
  urgency: Urgency;
  source: CaseSource;
  locationKind: LocationKind;
  householdId?: number;
  nodeId?: number;
  buildingId?: number;
  address?: string;
  reporterKind: ReporterKind;
  residentId?: number;
  reporterName?: string;
  reporterPhone?: string;
  photos?: PickedFile[];
}

const trimmed = (value: string | undefined) => {
  const v = value?.trim();
  return v ? v : undefined;
};

/** The POST /api/cases body from the form: only the place and reporter the chosen kinds describe. */
export function buildCreateInput(values: CaseFormValues, visitId?: number): CreateCaseInput {
  const input: CreateCaseInput = {
    title: values.title?.trim() ?? '',
    description: values.description?.trim() ?? '',
    categoryId: values.categoryId as number,
    source: values.source,
    urgency: values.urgency,
  };
  if (values.locationKind === 'household' && values.householdId) input.householdId = values.householdId;
  if (values.locationKind === 'building') {
    if (values.buildingId) input.buildingId = values.buildingId;
    if (values.nodeId) input.nodeId = values.nodeId;
  }
  if (values.locationKind === 'node' && values.nodeId) input.nodeId = values.nodeId;
  const address = trimmed(values.address);
  if (address) input.address = address;
  if (values.reporterKind === 'resident' && values.residentId)
    input.reporter = { residentId: values.residentId };
  if (values.reporterKind === 'anonymous') {
    const phone = trimmed(values.reporterPhone);
    const parsed = phone ? parseMobile(phone) : null;
    input.reporter = {
      name: trimmed(values.reporterName),
      phone: parsed?.ok ? parsed.value : phone,
    };
  }
  if (visitId) input.visitId = visitId;
  return input;
}

/** Server field names → form fields. */
const FIELD_MAP: Record<string, string> = {
  'reporter.residentId': 'residentId',
  'reporter.name': 'reporterName',
  'reporter.phone': 'reporterPhone',
  reporter: 'reporterPhone',
};

/**
 * 登记事件: what, which category, how urgent, where (a room, a building, or a grid and an address),
 * who raised it, photos. Likely duplicates appear beside the form as it is filled in, with one-click merge.
 */
export function CaseForm({
  defaultNodeId,
  defaultNodeName,
  defaultSource = 'grid_worker',
  defaultHouseholdId,
  visitId,
  onCreated,
}: {
  defaultNodeId?: number;
  defaultNodeName?: string;
  defaultSource?: CaseSource;
  defaultHouseholdId?: number;
  visitId?: number;
  /** Called with the new case, or with the master it was merged into. */
  onCreated: (created: CaseDetail, mergedInto?: CaseSummary) => void;
}) {
  const { t, label, locale } = useCaseI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CaseFormValues>();
  const create = useCreateCase();
  const [busy, setBusy] = useState(false);
  // A desk shows the likely duplicates beside the form; a phone shows them just above the submit button.
  const wide = Boolean(Grid.useBreakpoint().lg);

  const locationKind = Form.useWatch('locationKind', form) ?? 'household';
  const reporterKind = Form.useWatch('reporterKind', form) ?? 'resident';
  const nodeId = Form.useWatch('nodeId', form);
  const householdId = Form.useWatch('householdId', form);
  const buildingId = Form.useWatch('buildingId', form);
  const categoryId = Form.useWatch('categoryId', form);
  const title = Form.useWatch('title', form);
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText((title ?? '').trim()), 400);
    return () => clearTimeout(timer);
  }, [title]);

  const save = async (mergeInto?: CaseSummary) => {
    let values: CaseFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    let created: CaseDetail;
    try {
      created = await create.mutateAsync(buildCreateInput(values, visitId));
    } catch (err) {
      setBusy(false);
      if (!applyFieldErrors(form, err, FIELD_MAP)) message.error(errorMessage(err, locale, t));
      else if (isApiError(err)) message.error(err.message || errorMessage(err, locale, t));
      return;
    }
    const photos = values.photos ?? [];
    if (photos.length) {
      try {
        await uploadCaseFiles(
          created.id,
          photos.map((p) => p.file),
          locale,
        );
      } catch (err) {
        message.warning(t('cases.action.filesFailed', { reason: errorMessage(err, locale, t) }));
      }
    }
    if (mergeInto) {
      try {
        await runCaseAction(created.id, 'merge', { version: created.version, masterId: mergeInto.id });
        message.success(t('cases.form.duplicates.merged', { number: mergeInto.number }));
        setBusy(false);
        onCreated(created, mergeInto);
        return;
      } catch (err) {
        message.error(errorMessage(err, locale, t));
      }
    } else {
      message.success(t('cases.form.saved', { number: created.number }));
    }
    setBusy(false);
    onCreated(created);
  };

  const confirmMerge = (master: CaseSummary) => {
    modal.confirm({
      title: t('cases.form.duplicates.merge'),
      content: t('cases.form.duplicates.mergeConfirm', { number: master.number }),
      okText: t('cases.action.submit'),
      cancelText: t('common.cancel'),
      onOk: () => save(master),
    });
  };

  const duplicates = (
    <DuplicateSuggestions
      query={{
        householdId: locationKind === 'household' ? householdId : undefined,
        buildingId: locationKind === 'building' ? buildingId : undefined,
        nodeId: locationKind === 'household' ? undefined : (nodeId ?? undefined),
        categoryId,
        text: text || undefined,
      }}
      onMerge={confirmMerge}
      busy={busy}
    />
  );

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('cases.form.required', { field }) },
  ];
  const picked = (field: string) => [{ required: true, message: t('cases.form.pick', { field }) }];

  return (
    <div className="cs-create">
      <Form<CaseFormValues>
        form={form}
        layout="vertical"
        requiredMark
        className="cs-create-form"
        data-testid="case-form"
        initialValues={{
          urgency: 'normal',
          source: defaultSource,
          locationKind: 'household',
          householdId: defaultHouseholdId,
          nodeId: defaultNodeId,
          reporterKind: 'resident',
          photos: [],
        }}
        onFinish={() => save()}
      >
        <section className="cs-form-section">
          <Form.Item name="title" label={t('cases.form.title')} rules={required(t('cases.form.title'))}>
            <Input
              maxLength={TITLE_MAX}
              showCount
              placeholder={t('cases.form.title.placeholder')}
              data-testid="case-form-title"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('cases.form.description')}
            rules={required(t('cases.form.description'))}
          >
            <Input.TextArea
              rows={5}
              maxLength={DESCRIPTION_MAX}
              showCount
              placeholder={t('cases.form.description.placeholder')}
              data-testid="case-form-description"
            />
          </Form.Item>
          <div className="cs-form-row">
            <Form.Item
              name="categoryId"
              label={t('cases.form.category')}
              rules={picked(t('cases.form.category'))}
            >
              <CategorySelect
                placeholder={t('cases.form.category.placeholder')}
                testId="case-form-category"
              />
            </Form.Item>
            <Form.Item name="source" label={t('cases.form.source')} rules={picked(t('cases.form.source'))}>
              <Select
                data-testid="case-form-source"
                options={CASE_SOURCES.filter((s) => s !== 'open311' && s !== 'hotline_12345').map((s) => ({
                  value: s,
                  label: label(CASE_SOURCE_LABELS[s]),
                }))}
              />
            </Form.Item>
          </div>
          <Form.Item name="urgency" label={t('cases.form.urgency')}>
            <Segmented<Urgency>
              data-testid="case-form-urgency"
              options={URGENCIES.map((u) => ({ value: u, label: label(URGENCY_LABELS[u]) }))}
            />
          </Form.Item>
        </section>

        <section className="cs-form-section">
          <Form.Item name="locationKind" label={t('cases.form.location')}>
            <Segmented<LocationKind>
              block
              data-testid="case-form-location-kind"
              options={[
                { value: 'household', label: t('cases.form.location.household') },
                { value: 'building', label: t('cases.form.location.building') },
                { value: 'node', label: t('cases.form.location.node') },
              ]}
            />
          </Form.Item>
          {locationKind === 'household' ? (
            <Form.Item
              name="householdId"
              label={t('cases.form.household')}
              rules={picked(t('cases.form.household'))}
            >
              <HouseholdPicker testId="case-form-household" nodeId={defaultNodeId} />
            </Form.Item>
          ) : (
            <div className="cs-form-row">
              <Form.Item name="nodeId" label={t('cases.form.node')} rules={picked(t('cases.form.node'))}>
                <GridNodePicker
                  valueLabel={nodeId === defaultNodeId ? defaultNodeName : undefined}
                  data-testid="case-form-node"
                  onChange={() => form.setFieldValue('buildingId', undefined)}
                />
              </Form.Item>
              {locationKind === 'building' ? (
                <Form.Item
                  name="buildingId"
                  label={t('cases.form.building')}
                  rules={picked(t('cases.form.building'))}
                >
                  <BuildingSelect nodeId={nodeId ?? undefined} testId="case-form-building" />
                </Form.Item>
              ) : null}
            </div>
          )}
          <Form.Item
            name="address"
            label={t('cases.form.address')}
            rules={locationKind === 'node' ? required(t('cases.form.address')) : undefined}
          >
            <Input
              maxLength={200}
              placeholder={t('cases.form.address.placeholder')}
              data-testid="case-form-address"
            />
          </Form.Item>
        </section>

        <section className="cs-form-section">
          <Form.Item name="reporterKind" label={t('cases.form.reporter')}>
            <Segmented<ReporterKind>
              block
              data-testid="case-form-reporter-kind"
              options={[
                { value: 'resident', label: t('cases.form.reporter.resident') },
                { value: 'anonymous', label: t('cases.form.reporter.anonymous') },
                { value: 'self', label: t('cases.form.reporter.self') },
              ]}
            />
          </Form.Item>
          {reporterKind === 'resident' ? (
            <Form.Item name="residentId" rules={picked(t('cases.form.reporter'))}>
              <ResidentField />
            </Form.Item>
          ) : null}
          {reporterKind === 'anonymous' ? (
            <div className="cs-form-row">
              <Form.Item name="reporterName" label={t('cases.form.reporter.name')}>
                <Input
                  maxLength={50}
                  placeholder={t('cases.form.reporter.name.placeholder')}
                  data-testid="case-form-reporter-name"
                />
              </Form.Item>
              <Form.Item
                name="reporterPhone"
                label={t('cases.form.reporter.phone')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('cases.form.required', { field: t('cases.form.reporter.phone') }),
                  },
                  {
                    validator: (_r, value?: string) =>
                      !value?.trim() || parseMobile(value.trim()).ok
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('form.phone.invalid'))),
                  },
                ]}
              >
                <Input inputMode="tel" maxLength={20} data-testid="case-form-reporter-phone" />
              </Form.Item>
            </div>
          ) : null}
        </section>

        <section className="cs-form-section">
          <Form.Item name="photos" label={t('cases.form.photos')}>
            <FilePicker
              accept={CASE_PHOTO_TYPES}
              hint={t('cases.form.photos.hint')}
              testId="case-form-photos"
            />
          </Form.Item>
        </section>

        {wide ? null : <div className="cs-create-dups-inline">{duplicates}</div>}

        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          data-testid="case-form-submit"
          className="cs-create-submit"
        >
          {t('cases.form.submit')}
        </Button>
        {create.isError && !isApiError(create.error) ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(create.error, locale, t)}
            style={{ marginTop: 12 }}
          />
        ) : null}
      </Form>
      {wide ? <aside className="cs-create-side">{duplicates}</aside> : null}
    </div>
  );
}

/** The resident search as a form control (value = resident id). */
function ResidentField({
  value,
  onChange,
  id,
}: {
  value?: number;
  onChange?: (v?: number) => void;
  id?: string;
}) {
  return (
    <ResidentSearchSelect
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      testId="case-form-resident"
    />
  );
}
