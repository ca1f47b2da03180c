import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type CaseAction, RATING_LABELS, RATINGS } from '../../../../../common/cases';
import type { CaseActionBody, CaseDetail } from '../api/types';
import { CASE_FILE_TYPES } from '../api/upload-case-file';
import { useCaseI18n } from '../messages';
import { CaseSearchSelect } from './case-search-select';
import { FilePicker, type PickedFile } from './file-picker';
import { UnitSelect } from './unit-select';

/** What the small form of one action holds, before it becomes the request body. */
export interface ActionValues {
  note?: string;
  visibility?: 'public' | 'internal';
  contacted?: boolean;
  reason?: string;
  leadUnitId?: number;
  assistUnitIds?: number[];
  dueAt?: Dayjs | null;
  text?: string;
  heldAt?: Dayjs | null;
  place?: string;
  attendees?: string[];
  decisions?: string;
  actionItems?: Array<{ who?: string; what?: string; by?: Dayjs | null }>;
  result?: string;
  files?: PickedFile[];
  rating?: string;
  resolved?: boolean;
  comment?: string;
  masterId?: number;
  days?: number;
}

/** Actions that need nothing but a click (and an optional note). */
export const CONFIRM_ONLY: ReadonlySet<CaseAction> = new Set(['start', 'sign', 'approve_extension']);

const trimmed = (value: string | undefined) => {
  const v = value?.trim();
  return v ? v : undefined;
};

/** The request body of one action from its form values (docs/api-cases.md "Action fields"). */
export function buildActionBody(
  action: CaseAction,
  values: ActionValues,
  version: number,
  fileIds: number[] = [],
): CaseActionBody {
  const body: CaseActionBody = { version };
  const note = trimmed(values.note);
  if (note) body.note = note;
  switch (action) {
    case 'accept':
      body.contacted = Boolean(values.contacted);
      break;
    case 'reject':
    case 'return':
    case 'deny_extension':
      body.reason = trimmed(values.reason);
      break;
    case 'dispatch':
      body.leadUnitId = values.leadUnitId;
      body.assistUnitIds = (values.assistUnitIds ?? []).filter((id) => id !== values.leadUnitId);
      if (values.dueAt) body.dueAt = values.dueAt.toISOString();
      break;
    case 'reply':
      body.text = trimmed(values.text);
      break;
    case 'meeting':
      body.heldAt = (values.heldAt ?? null)?.toISOString();
      if (trimmed(values.place)) body.place = trimmed(values.place);
      body.attendees = (values.attendees ?? []).map((a) => a.trim()).filter(Boolean);
      body.decisions = trimmed(values.decisions);
      body.actionItems = (values.actionItems ?? [])
        .filter((item) => trimmed(item.who) || trimmed(item.what))
        .map((item) => ({
          who: trimmed(item.who) ?? '',
          what: trimmed(item.what) ?? '',
          by: item.by ? item.by.format('YYYY-MM-DD') : null,
        }));
      break;
    case 'handle':
      body.result = trimmed(values.result);
      if (fileIds.length) body.fileIds = fileIds;
      break;
    case 'rate':
      body.rating = values.rating;
      body.resolved = Boolean(values.resolved);
      if (trimmed(values.comment)) body.comment = trimmed(values.comment);
      break;
    case 'merge':
      body.masterId = values.masterId;
      break;
    case 'request_extension':
      body.days = values.days;
      body.reason = trimmed(values.reason);
      break;
    case 'comment':
      body.visibility = values.visibility ?? 'internal';
      if (fileIds.length) body.fileIds = fileIds;
      break;
    default:
      break;
  }
  return body;
}

/** Server field names that sit on another form item. */
export const ACTION_FIELD_MAP: Record<string, string> = { fileIds: 'files' };

/** The fields of one action's small form. Field names follow the API so server problems land under them. */
export function ActionFields({ action, detail }: { action: CaseAction; detail: CaseDetail }) {
  const { t, label } = useCaseI18n();
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('cases.form.required', { field }) },
  ];
  const picked = (field: string) => [{ required: true, message: t('cases.form.pick', { field }) }];
  const noteField = (labelKey: 'cases.action.note' | 'cases.action.note.optional', mandatory = false) => (
    <Form.Item
      name="note"
      label={t(labelKey)}
      rules={mandatory ? required(t('cases.action.note')) : undefined}
    >
      <Input.TextArea rows={3} maxLength={2000} showCount data-testid="case-action-note" />
    </Form.Item>
  );

  switch (action) {
    case 'accept':
      return (
        <>
          <Form.Item name="contacted" valuePropName="checked">
            <Checkbox data-testid="case-action-contacted">{t('cases.action.contacted')}</Checkbox>
          </Form.Item>
          {noteField('cases.action.note.optional')}
        </>
      );
    case 'reject':
      return (
        <Form.Item
          name="reason"
          label={t('cases.action.reason.public')}
          rules={required(t('cases.action.reason'))}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="case-action-reason" />
        </Form.Item>
      );
    case 'return':
    case 'deny_extension':
      return (
        <Form.Item name="reason" label={t('cases.action.reason')} rules={required(t('cases.action.reason'))}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="case-action-reason" />
        </Form.Item>
      );
    case 'dispatch':
      return (
        <>
          <Form.Item
            name="leadUnitId"
            label={t('cases.action.leadUnit')}
            rules={picked(t('cases.action.leadUnit'))}
          >
            <UnitSelect testId="case-action-lead-unit" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.leadUnitId !== b.leadUnitId}>
            {({ getFieldValue }) => (
              <Form.Item name="assistUnitIds" label={t('cases.action.assistUnits')}>
                <UnitSelect
                  multiple
                  excludeIds={getFieldValue('leadUnitId') ? [getFieldValue('leadUnitId')] : []}
                  testId="case-action-assist-units"
                />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="dueAt" label={t('cases.action.dueAt')} extra={t('cases.action.dueAt.hint')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              data-testid="case-action-due"
            />
          </Form.Item>
          {noteField('cases.action.note.optional')}
        </>
      );
    case 'reply':
      return (
        <Form.Item
          name="text"
          label={t('cases.action.replyText')}
          rules={required(t('cases.action.replyText'))}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="case-action-text" />
        </Form.Item>
      );
    case 'meeting':
      return (
        <>
          <div className="cs-form-row">
            <Form.Item
              name="heldAt"
              label={t('cases.action.heldAt')}
              rules={picked(t('cases.action.heldAt'))}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                data-testid="case-action-held-at"
              />
            </Form.Item>
            <Form.Item name="place" label={t('cases.action.place')}>
              <Input maxLength={200} data-testid="case-action-place" />
            </Form.Item>
          </div>
          <Form.Item
            name="attendees"
            label={t('cases.action.attendees')}
            extra={t('cases.action.attendees.hint')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('cases.form.required', { field: t('cases.action.attendees') }),
              },
            ]}
          >
            <Select
              mode="tags"
              suffixIcon={null}
              notFoundContent={null}
              tokenSeparators={[',', '，', '、', ' ']}
              data-testid="case-action-attendees"
            />
          </Form.Item>
          <Form.Item
            name="decisions"
            label={t('cases.action.decisions')}
            rules={required(t('cases.action.decisions'))}
          >
            <Input.TextArea rows={3} maxLength={4000} showCount data-testid="case-action-decisions" />
          </Form.Item>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('cases.action.items')}
          </Typography.Text>
          <Form.List name="actionItems">
            {(fields, { add, remove }) => (
              <div className="cs-items">
                {fields.map((field) => (
                  <div key={field.key} className="cs-item-row" data-testid="case-action-item">
                    <Form.Item name={[field.name, 'who']} noStyle>
                      <Input
                        placeholder={t('cases.action.item.who')}
                        aria-label={t('cases.action.item.who')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'what']} noStyle>
                      <Input
                        placeholder={t('cases.action.item.what')}
                        aria-label={t('cases.action.item.what')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'by']} noStyle>
                      <DatePicker
                        placeholder={t('cases.action.item.by')}
                        aria-label={t('cases.action.item.by')}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      type="text"
                      aria-label={t('common.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ who: '', what: '', by: null })}
                  block
                  data-testid="case-action-item-add"
                >
                  {t('cases.action.item.add')}
                </Button>
              </div>
            )}
          </Form.List>
        </>
      );
    case 'handle':
      return (
        <>
          <Form.Item
            name="result"
            label={t('cases.action.result')}
            rules={required(t('cases.action.result'))}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="case-action-result" />
          </Form.Item>
          <Form.Item name="files" label={t('cases.action.files')}>
            <FilePicker
              accept={CASE_FILE_TYPES}
              hint={t('cases.action.files.hint')}
              testId="case-action-files"
            />
          </Form.Item>
        </>
      );
    case 'feedback':
      return (
        <Form.Item
          name="note"
          label={t('cases.action.feedbackNote')}
          rules={required(t('cases.action.feedbackNote'))}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('cases.action.feedbackNote.placeholder')}
            data-testid="case-action-note"
          />
        </Form.Item>
      );
    case 'rate':
      return (
        <>
          <Form.Item name="rating" label={t('cases.action.rating')} rules={picked(t('cases.action.rating'))}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={RATINGS.map((r) => ({ value: r, label: label(RATING_LABELS[r]) }))}
              data-testid="case-action-rating"
            />
          </Form.Item>
          <Form.Item name="resolved" label={t('cases.action.resolved')} valuePropName="checked">
            <Switch data-testid="case-action-resolved" />
          </Form.Item>
          <Form.Item name="comment" label={t('cases.action.comment')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      );
    case 'escalate':
      return noteField('cases.action.note', true);
    case 'merge':
      return (
        <>
          <Form.Item
            name="masterId"
            label={t('cases.action.master')}
            extra={t('cases.action.master.hint')}
            rules={picked(t('cases.action.master'))}
          >
            <CaseSearchSelect excludeId={detail.id} testId="case-action-master" />
          </Form.Item>
          {noteField('cases.action.note.optional')}
        </>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item name="days" label={t('cases.action.days')} rules={picked(t('cases.action.days'))}>
            <InputNumber
              min={1}
              max={90}
              precision={0}
              style={{ width: 140 }}
              data-testid="case-action-days"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('cases.action.reason')}
            rules={required(t('cases.action.reason'))}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="case-action-reason" />
          </Form.Item>
        </>
      );
    case 'supervise':
      return (
        <Form.Item
          name="note"
          label={t('cases.action.superviseNote')}
          rules={required(t('cases.action.superviseNote'))}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="case-action-note" />
        </Form.Item>
      );
    case 'comment':
      return (
        <>
          <Form.Item
            name="note"
            label={t('cases.action.commentNote')}
            rules={required(t('cases.action.commentNote'))}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="case-action-note" />
          </Form.Item>
          <Form.Item name="files" label={t('cases.action.files')}>
            <FilePicker
              accept={CASE_FILE_TYPES}
              hint={t('cases.action.files.hint')}
              testId="case-action-files"
            />
          </Form.Item>
          <Form.Item name="visibility" label={t('cases.action.visibility')}>
            <Radio.Group
              data-testid="case-action-visibility"
              options={[
                { value: 'internal', label: t('cases.action.visibility.internal') },
                { value: 'public', label: t('cases.action.visibility.public') },
              ]}
            />
          </Form.Item>
        </>
      );
    default:
      // start, sign, approve_extension: a confirmation with an optional note.
      return noteField('cases.action.note.optional');
  }
}
