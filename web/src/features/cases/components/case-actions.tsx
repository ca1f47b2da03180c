import '../cases.css';
import { EllipsisOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { CASE_ACTION_LABELS, type CaseAction } from '../../../../../common/cases';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useCaseAction } from '../api/case-action';
import { useCaseMeta } from '../api/meta';
import type { CaseDetail, CaseMeta } from '../api/types';
import { uploadCaseFiles } from '../api/upload-case-file';
import { useCaseI18n } from '../messages';
import { ACTION_FIELD_MAP, ActionFields, type ActionValues, buildActionBody } from './case-action-fields';
import { flattenCategories } from './category-select';

/** The order buttons appear in: the next step of the loop first, the side paths after, refusals last. */
const ORDER: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'start',
  'sign',
  'reply',
  'handle',
  'feedback',
  'rate',
  'approve_extension',
  'meeting',
  'request_extension',
  'supervise',
  'escalate',
  'merge',
  'comment',
  'reject',
  'return',
  'deny_extension',
];

/** The one step that moves the case forward gets the primary colour. */
const FORWARD: ReadonlySet<CaseAction> = new Set([
  'accept',
  'dispatch',
  'sign',
  'reply',
  'handle',
  'feedback',
  'rate',
  'approve_extension',
]);
const REFUSALS: ReadonlySet<CaseAction> = new Set(['reject', 'return', 'deny_extension']);

/** allowedActions in display order; auto_close belongs to the scheduler and never gets a button. */
export function orderedActions(allowed: readonly CaseAction[]): CaseAction[] {
  return ORDER.filter((a) => allowed.includes(a));
}

function defaultValues(action: CaseAction, detail: CaseDetail, meta: CaseMeta | undefined): ActionValues {
  switch (action) {
    case 'dispatch': {
      // The category names its usual handling unit: offer it as the lead.
      const category = flattenCategories(meta?.categories ?? []).find((c) => c.id === detail.categoryId);
      const byId = category?.defaultUnitId ?? undefined;
      const byCode = category?.defaultUnitCode
        ? meta?.units.find((u) => u.code === category.defaultUnitCode)?.id
        : undefined;
      return { leadUnitId: byId ?? byCode, assistUnitIds: [] };
    }
    case 'meeting':
      return {
        heldAt: dayjs().startOf('minute'),
        attendees: [],
        actionItems: [{ who: '', what: '', by: null }],
      };
    case 'comment':
      return { visibility: 'internal' };
    case 'rate':
      return { resolved: true };
    case 'request_extension':
      return { days: 3 };
    default:
      return {};
  }
}

/** One action's small form in a dialog; sends it with the case version read, handles 409 and field errors. */
export function CaseActionModal({
  detail,
  action,
  initial,
  onClose,
}: {
  detail: CaseDetail;
  action: CaseAction | null;
  initial?: ActionValues;
  onClose: () => void;
}) {
  const { t, label, locale } = useCaseI18n();
  const { message } = App.useApp();
  const meta = useCaseMeta();
  const [form] = Form.useForm<ActionValues>();
  const run = useCaseAction(detail.id);
  const [uploading, setUploading] = useState(false);

  const submit = async () => {
    if (!action) return;
    let values: ActionValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    let fileIds: number[] = [];
    const files = values.files ?? [];
    if (files.length) {
      setUploading(true);
      try {
        const uploaded = await uploadCaseFiles(
          detail.id,
          files.map((f) => f.file),
          locale,
        );
        fileIds = uploaded.map((f) => f.id);
      } catch (err) {
        setUploading(false);
        message.error(t('cases.action.filesFailed', { reason: errorMessage(err, locale, t) }));
        return;
      }
      setUploading(false);
    }
    try {
      await run.mutateAsync({ action, body: buildActionBody(action, values, detail.version, fileIds) });
    } catch (err) {
      if (isApiError(err) && err.code === 'CASE_CONFLICT') {
        message.warning(t('cases.action.conflict'));
        onClose();
        return;
      }
      if (applyFieldErrors(form, err, ACTION_FIELD_MAP)) return;
      message.error(errorMessage(err, locale, t));
      if (isApiError(err) && err.status === 409) onClose();
      return;
    }
    message.success(t('cases.action.done', { action: label(CASE_ACTION_LABELS[action]) }));
    onClose();
  };

  const ext = detail.extension;
  return (
    <Modal
      open={action !== null}
      title={
        action ? (
          <span>
            {label(CASE_ACTION_LABELS[action])}
            <span className="cs-modal-number">{detail.number}</span>
          </span>
        ) : null
      }
      onCancel={onClose}
      onOk={submit}
      okText={t('cases.action.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending || uploading}
      okButtonProps={
        { danger: action ? REFUSALS.has(action) : false, 'data-testid': 'case-action-submit' } as never
      }
      destroyOnHidden
      width={action === 'meeting' ? 640 : 520}
      afterOpenChange={(open) => {
        if (open && action) form.setFieldsValue({ ...defaultValues(action, detail, meta.data), ...initial });
      }}
      data-testid="case-action-modal"
    >
      {action ? (
        <Form<ActionValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          data-testid={`case-form-${action}`}
        >
          {(action === 'approve_extension' || action === 'deny_extension') && ext ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('cases.action.extension.pending', { days: ext.days, reason: ext.reason })}
            />
          ) : null}
          <ActionFields action={action} detail={detail} />
        </Form>
      ) : null}
    </Modal>
  );
}

/**
 * One button per entry of allowedActions, each opening its small form. On a desk the buttons sit in a
 * panel beside the record; on a phone the next step rides in a bar at the bottom and the rest in a sheet.
 */
export function CaseActions({
  detail,
  variant = 'panel',
}: {
  detail: CaseDetail;
  variant?: 'panel' | 'bar';
}) {
  const { t, label } = useCaseI18n();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [sheet, setSheet] = useState(false);
  const actions = orderedActions(detail.allowedActions);

  const button = (action: CaseAction, block = false) => (
    <Button
      key={action}
      type={FORWARD.has(action) ? 'primary' : 'default'}
      danger={REFUSALS.has(action)}
      block={block}
      autoInsertSpace={false}
      size={variant === 'bar' ? 'large' : 'middle'}
      onClick={() => {
        setSheet(false);
        setOpen(action);
      }}
      data-testid={`case-action-${action}`}
    >
      {label(CASE_ACTION_LABELS[action])}
    </Button>
  );

  const modal = <CaseActionModal detail={detail} action={open} onClose={() => setOpen(null)} />;

  if (variant === 'panel') {
    return (
      <div className="cs-actions" data-testid="case-actions">
        {actions.length === 0 ? (
          <div className="og-muted">{t('cases.detail.noActions')}</div>
        ) : (
          actions.map((a) => button(a))
        )}
        {modal}
      </div>
    );
  }

  // Phone: the forward steps (at most two) in the bar, everything else one tap away.
  const forward = actions.filter((a) => FORWARD.has(a)).slice(0, 2);
  const rest = actions.filter((a) => !forward.includes(a));
  if (actions.length === 0) return null;
  const inBar = forward.length ? forward : rest.slice(0, 1);
  const inSheet = actions.filter((a) => !inBar.includes(a));
  return (
    <>
      <div className="cs-action-bar" data-testid="case-actions">
        {inBar.map((a) => button(a, true))}
        {inSheet.length ? (
          <Button
            size="large"
            icon={<EllipsisOutlined />}
            onClick={() => setSheet(true)}
            data-testid="case-actions-more"
            aria-label={t('cases.detail.moreActions')}
          >
            {t('cases.detail.moreActions')}
          </Button>
        ) : null}
      </div>
      <Drawer
        open={sheet}
        placement="bottom"
        onClose={() => setSheet(false)}
        title={t('cases.detail.actions')}
        size="auto"
        styles={{ body: { padding: 12 } }}
      >
        <div className="cs-sheet">{inSheet.map((a) => button(a, true))}</div>
      </Drawer>
      {modal}
    </>
  );
}
