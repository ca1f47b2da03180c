import { DownOutlined, IdcardOutlined, ManOutlined, UpOutlined, WomanOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { parseIdNumber } from '../../../../../common/id-number';
import { parseMobile } from '../../../../../common/phone';
import { ageOn, POLITICAL_STATUSES, RELATIONS } from '../../../../../common/registry';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import type { UiLocale } from '../../../lib/i18n';
import { type ResidentInput, useSaveResident } from '../api/save-resident';
import type { ResidentDetail } from '../api/types';
import { translateRegistry, useRegistryI18n } from '../messages';
import { HouseholdPicker } from './household-picker';
import { EDUCATIONS, ETHNICITIES, MARITAL_STATUSES, politicalLabel, relationLabel } from './labels';

export interface ResidentFormValues {
  householdId?: number;
  name: string;
  idNumber?: string;
  phone?: string;
  relation: string;
  registeredHere: boolean;
  livingHere: boolean;
  politicalStatus: string;
  movedInAt?: Dayjs | null;
  /** Only typed by hand when there is no ID number to read them from. */
  birthDate?: Dayjs | null;
  sex?: 'male' | 'female';
  ethnicity?: string;
  education?: string;
  maritalStatus?: string;
  occupation?: string;
  employer?: string;
  notes?: string;
}

/** Why an ID number is refused, in the UI language, or null when it passes GB 11643 (or is empty). */
export function checkIdNumber(
  value: string | undefined,
  locale: UiLocale,
  today = new Date(),
): string | null {
  if (!value?.trim()) return null;
  const parsed = parseIdNumber(value, today);
  if (parsed.ok) return null;
  if (parsed.reason === 'date') return translateRegistry(locale, 'reg.form.idNumber.date');
  if (parsed.reason === 'checksum') return translateRegistry(locale, 'reg.form.idNumber.checksum');
  return translateRegistry(locale, 'reg.form.idNumber.format');
}

/** Birth date and sex read from a valid ID number (what the server will store), else null. */
export function deriveFromIdNumber(
  value: string | undefined,
  today = new Date(),
): { idNumber: string; birthDate: string; sex: 'male' | 'female'; age: number } | null {
  if (!value?.trim()) return null;
  const parsed = parseIdNumber(value, today);
  if (!parsed.ok) return null;
  return {
    idNumber: parsed.value,
    birthDate: parsed.birthDate,
    sex: parsed.sex,
    age: ageOn(parsed.birthDate, today),
  };
}

function blankToNull(value: string | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

/** What goes to POST /residents or PATCH /residents/:id; empty ID/phone on edit means “keep the one on file”. */
export function toResidentInput(values: ResidentFormValues, mode: 'create' | 'edit'): ResidentInput {
  const id = deriveFromIdNumber(values.idNumber);
  const phone = values.phone?.trim() ? parseMobile(values.phone) : null;
  const input: ResidentInput = {
    name: values.name.trim(),
    relation: values.relation,
    registeredHere: values.registeredHere,
    livingHere: values.livingHere,
    politicalStatus: values.politicalStatus,
    ethnicity: blankToNull(values.ethnicity),
    education: blankToNull(values.education),
    maritalStatus: blankToNull(values.maritalStatus),
    occupation: blankToNull(values.occupation),
    employer: blankToNull(values.employer),
    notes: blankToNull(values.notes),
  };
  if (id) input.idNumber = id.idNumber;
  else if (!values.idNumber?.trim()) {
    if (values.birthDate) input.birthDate = values.birthDate.format('YYYY-MM-DD');
    if (values.sex) input.sex = values.sex;
  }
  if (phone?.ok) input.phone = phone.value;
  if (mode === 'create') {
    if (values.householdId !== undefined) input.householdId = values.householdId;
    if (values.movedInAt) input.movedInAt = values.movedInAt.format('YYYY-MM-DD');
  }
  return input;
}

/** On edit, only the fields that differ from the record go out, so history and audit name real changes. */
export function changedOnly(input: ResidentInput, resident: ResidentDetail): Partial<ResidentInput> {
  const out: Partial<ResidentInput> = {};
  const before: Record<string, unknown> = { ...resident };
  for (const [key, value] of Object.entries(input) as Array<[keyof ResidentInput, unknown]>) {
    if (key === 'idNumber' || key === 'phone' || key === 'birthDate' || key === 'sex') {
      if (value !== undefined) Object.assign(out, { [key]: value });
    } else if ((before[key] ?? null) !== (value ?? null)) Object.assign(out, { [key]: value });
  }
  return out;
}

/** The read-only line under the ID number: what the number says about the person. */
function DerivedFacts({ idNumber, resident }: { idNumber?: string; resident?: ResidentDetail | null }) {
  const { t } = useRegistryI18n();
  const derived = deriveFromIdNumber(idNumber);
  const birthDate = derived?.birthDate ?? resident?.birthDate ?? null;
  const sex = derived?.sex ?? resident?.sex ?? null;
  const age = derived?.age ?? resident?.age ?? null;
  if (!birthDate && !sex) return null;
  return (
    <div className="og-derived" data-testid="resident-derived">
      <IdcardOutlined />
      <span>
        {t('reg.form.birthDate')}：<b data-testid="resident-birthdate">{birthDate ?? '—'}</b>
      </span>
      <span>
        {t('reg.form.sex')}：
        <b data-testid="resident-sex">
          {sex === 'male' ? (
            <>
              <ManOutlined style={{ color: '#1677ff' }} /> {t('reg.sex.male')}
            </>
          ) : sex === 'female' ? (
            <>
              <WomanOutlined style={{ color: '#eb2f96' }} /> {t('reg.sex.female')}
            </>
          ) : (
            '—'
          )}
        </b>
      </span>
      {age !== null ? <span>{t('reg.age', { age })}</span> : null}
      {derived ? <Typography.Text type="secondary">（{t('reg.form.derived')}）</Typography.Text> : null}
    </div>
  );
}

/**
 * 登记居民 / 编辑居民信息. The ID number is checked here with the same GB 11643 rule the server uses,
 * birth date and sex are read from it (never typed), and the server's field errors land on the fields.
 */
export function ResidentFormModal({
  open,
  mode,
  resident,
  household,
  onClose,
  onDone,
}: {
  open: boolean;
  mode: 'create' | 'edit';
  resident?: ResidentDetail | null;
  /** Fixed household for 登记居民 from a household card; without it the form asks for one. */
  household?: { id: number; roomLabel: string } | null;
  onClose: () => void;
  onDone?: (saved: ResidentDetail) => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResidentFormValues>();
  const save = useSaveResident();
  const [more, setMore] = useState(mode === 'edit');
  const idNumber = Form.useWatch('idNumber', form);
  const phone = Form.useWatch('phone', form);
  const phoneParsed = phone?.trim() ? parseMobile(phone) : null;
  // With no ID number on file or typed, birth date and sex can only come from the worker.
  const manualFacts = !idNumber?.trim() && !(mode === 'edit' && resident?.idNumberMasked);

  const initialValues: Partial<ResidentFormValues> =
    mode === 'edit' && resident
      ? {
          name: resident.name,
          relation: resident.relation,
          registeredHere: resident.registeredHere,
          livingHere: resident.livingHere,
          politicalStatus: resident.politicalStatus,
          ethnicity: resident.ethnicity ?? undefined,
          education: resident.education ?? undefined,
          maritalStatus: resident.maritalStatus ?? undefined,
          occupation: resident.occupation ?? undefined,
          employer: resident.employer ?? undefined,
          notes: resident.notes ?? undefined,
        }
      : {
          householdId: household?.id,
          relation: 'self',
          registeredHere: true,
          livingHere: true,
          politicalStatus: 'masses',
          movedInAt: dayjs(),
          ethnicity: '汉族',
        };

  const submit = (values: ResidentFormValues) => {
    const input = toResidentInput({ ...values, householdId: household?.id ?? values.householdId }, mode);
    const body = mode === 'edit' && resident ? changedOnly(input, resident) : input;
    if (mode === 'edit' && Object.keys(body).length === 0) {
      onClose();
      return;
    }
    save.mutate(
      { id: mode === 'edit' && resident ? resident.id : null, input: body as ResidentInput },
      {
        onSuccess: (saved) => {
          message.success(
            mode === 'create' ? t('reg.resident.created', { name: input.name }) : t('reg.resident.saved'),
          );
          onDone?.(saved);
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={mode === 'create' ? t('reg.form.createTitle') : t('reg.form.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="resident-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<ResidentFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues}
        data-testid="resident-form"
        scrollToFirstError
      >
        {mode === 'create' ? (
          household ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                <span>
                  {t('reg.form.household')}：<span className="og-room">{household.roomLabel}</span>
                </span>
              }
            />
          ) : (
            <Form.Item
              name="householdId"
              label={t('reg.form.household')}
              rules={[{ required: true, message: t('reg.form.household.required') }]}
            >
              <HouseholdPicker style={{ width: '100%' }} testId="resident-household" />
            </Form.Item>
          )
        ) : null}
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="name"
              label={t('reg.form.name')}
              rules={[
                { required: true, whitespace: true, message: t('reg.form.name.required') },
                { max: 50 },
              ]}
            >
              <Input maxLength={50} data-testid="resident-name" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="idNumber"
              label={t('reg.form.idNumber')}
              extra={
                mode === 'edit' && resident?.idNumberMasked
                  ? t('reg.form.idNumber.keep', { masked: resident.idNumberMasked })
                  : t('reg.form.idNumber.hint')
              }
              validateDebounce={300}
              rules={[
                {
                  validator: (_rule, value: string | undefined) => {
                    const problem = checkIdNumber(value, locale);
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input
                maxLength={22}
                className="og-mono"
                data-testid="resident-idnumber"
                autoComplete="off"
                inputMode="text"
                placeholder="18 位公民身份号码"
              />
            </Form.Item>
          </Col>
        </Row>
        {manualFacts ? (
          <Row gutter={12}>
            <Col xs={24}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reg.form.noIdHint')}
              </Typography.Text>
            </Col>
            <Col xs={14} sm={10}>
              <Form.Item name="birthDate" label={t('reg.form.birthDate')}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="resident-birthdate-input"
                />
              </Form.Item>
            </Col>
            <Col xs={10} sm={14}>
              <Form.Item name="sex" label={t('reg.form.sex')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'male', label: t('reg.sex.male') },
                    { value: 'female', label: t('reg.sex.female') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <DerivedFacts idNumber={idNumber} resident={mode === 'edit' ? resident : null} />
        )}
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="phone"
              label={t('reg.form.phone')}
              extra={
                phoneParsed?.ok && !phoneParsed.allocated ? (
                  <Typography.Text type="warning">{t('reg.form.phone.unallocated')}</Typography.Text>
                ) : mode === 'edit' && resident?.phoneMasked ? (
                  t('reg.form.phone.keep', { masked: resident.phoneMasked })
                ) : undefined
              }
              rules={[
                {
                  validator: (_rule, value: string | undefined) =>
                    !value?.trim() || parseMobile(value).ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('form.phone.invalid'))),
                },
              ]}
            >
              <Input
                inputMode="tel"
                maxLength={20}
                placeholder="138 0000 0000"
                data-testid="resident-phone"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="relation" label={t('reg.form.relation')} rules={[{ required: true }]}>
              <Select
                data-testid="resident-relation"
                options={RELATIONS.map((r) => ({ value: r, label: relationLabel(r, locale) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="politicalStatus" label={t('reg.form.political')} rules={[{ required: true }]}>
              <Select
                data-testid="resident-political"
                options={POLITICAL_STATUSES.map((p) => ({ value: p, label: politicalLabel(p, locale) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={mode === 'create' ? 7 : 12}>
            <Form.Item name="registeredHere" label={t('reg.form.registeredHere')} valuePropName="checked">
              <Switch
                checkedChildren={t('reg.form.yes')}
                unCheckedChildren={t('reg.form.no')}
                data-testid="resident-registered"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={mode === 'create' ? 7 : 12}>
            <Form.Item name="livingHere" label={t('reg.form.livingHere')} valuePropName="checked">
              <Switch
                checkedChildren={t('reg.form.yes')}
                unCheckedChildren={t('reg.form.no')}
                data-testid="resident-living"
              />
            </Form.Item>
          </Col>
          {mode === 'create' ? (
            <Col xs={24} sm={10}>
              <Form.Item name="movedInAt" label={t('reg.form.movedInAt')}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="resident-moved-in"
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Button
          type="link"
          style={{ paddingInline: 0, marginBottom: 8 }}
          onClick={() => setMore((v) => !v)}
          icon={more ? <UpOutlined /> : <DownOutlined />}
          iconPlacement="end"
        >
          {t('reg.form.more')}
        </Button>
        <div style={{ display: more ? 'block' : 'none' }}>
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item name="ethnicity" label={t('reg.resident.ethnicity')}>
                <Select allowClear showSearch options={ETHNICITIES.map((v) => ({ value: v, label: v }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="education" label={t('reg.resident.education')}>
                <Select allowClear options={EDUCATIONS.map((v) => ({ value: v, label: v }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="maritalStatus" label={t('reg.resident.marital')}>
                <Select allowClear options={MARITAL_STATUSES.map((v) => ({ value: v, label: v }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12}>
              <Form.Item name="occupation" label={t('reg.resident.occupation')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="employer" label={t('reg.resident.employer')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="notes" label={t('reg.resident.notes')}>
                <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} showCount />
              </Form.Item>
            </Col>
          </Row>
        </div>
      </Form>
    </Modal>
  );
}
