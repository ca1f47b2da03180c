import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { isErrorCode, messageFor } from '../../../../../common/errors';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useBulkDispatch } from '../api/bulk-dispatch';
import type { BulkDispatchResult, CaseSummary } from '../api/types';
import { type CaseMessageKey, caseMessages, useCaseI18n } from '../messages';
import { UnitSelect } from './unit-select';

interface Values {
  leadUnitId?: number;
  assistUnitIds?: number[];
  note?: string;
}

/** 批量分办: one lead unit and any assisting units for the selected cases; shows what happened to each. */
export function BulkDispatchModal({
  open,
  cases,
  onClose,
  onDone,
}: {
  open: boolean;
  cases: CaseSummary[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useCaseI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const bulk = useBulkDispatch();
  const [results, setResults] = useState<BulkDispatchResult[] | null>(null);
  const numberOf = new Map(cases.map((c) => [c.id, c.number]));
  const reasonText = (code: string | undefined) => {
    const key = `cases.bulk.error.${code}`;
    if (code && Object.hasOwn(caseMessages, key)) return t(key as CaseMessageKey);
    if (code && isErrorCode(code)) return messageFor(code, locale);
    return code ?? '';
  };

  const submit = async () => {
    if (results) {
      onDone();
      return;
    }
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      const answer = await bulk.mutateAsync({
        ids: cases.map((c) => c.id),
        leadUnitId: values.leadUnitId as number,
        assistUnitIds: (values.assistUnitIds ?? []).filter((id) => id !== values.leadUnitId),
        note: values.note?.trim() || undefined,
      });
      const list = answer.results ?? [];
      setResults(list);
      const ok = list.filter((r) => r.ok).length;
      message.info(t('cases.bulk.done', { ok, failed: list.length - ok }));
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorMessage(err, locale, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('cases.bulk.title', { count: cases.length })}
      onCancel={results ? onDone : onClose}
      onOk={submit}
      okText={results ? t('cases.action.submit') : t('cases.bulk.dispatch')}
      cancelText={t('common.cancel')}
      cancelButtonProps={results ? { style: { display: 'none' } } : undefined}
      confirmLoading={bulk.isPending}
      okButtonProps={{ 'data-testid': 'bulk-dispatch-submit' } as never}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (!isOpen) setResults(null);
      }}
      data-testid="bulk-dispatch-modal"
    >
      {results ? (
        <ul className="cs-bulk-results" data-testid="bulk-dispatch-results">
          {results.map((r) => (
            <li key={r.id} data-ok={r.ok}>
              {r.ok ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} />
              ) : (
                <CloseCircleFilled style={{ color: '#cf1322' }} />
              )}
              <span className="cs-number">{r.number ?? numberOf.get(r.id) ?? `#${r.id}`}</span>
              {r.ok ? null : (
                <span className="cs-sub" data-testid="bulk-dispatch-reason">
                  {reasonText(r.code)}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <Form<Values> form={form} layout="vertical" requiredMark={false}>
          <Alert type="info" showIcon title={t('cases.bulk.hint')} style={{ marginBottom: 16 }} />
          <div className="cs-bulk-numbers">
            {cases.map((c) => (
              <span key={c.id} className="cs-number">
                {c.number}
              </span>
            ))}
          </div>
          <Form.Item
            name="leadUnitId"
            label={t('cases.action.leadUnit')}
            rules={[{ required: true, message: t('cases.form.pick', { field: t('cases.action.leadUnit') }) }]}
          >
            <UnitSelect testId="bulk-dispatch-lead" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.leadUnitId !== b.leadUnitId}>
            {({ getFieldValue }) => (
              <Form.Item name="assistUnitIds" label={t('cases.action.assistUnits')}>
                <UnitSelect
                  multiple
                  excludeIds={getFieldValue('leadUnitId') ? [getFieldValue('leadUnitId')] : []}
                  testId="bulk-dispatch-assist"
                />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="note" label={t('cases.action.note.optional')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
