import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import { useMoveIn, useMoveOut } from '../api/move-resident';
import type { ResidentDetail } from '../api/types';
import { useRegistryI18n } from '../messages';
import { HouseholdPicker } from './household-picker';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** 迁出: date and reason; the person stays on file with their history. */
export function MoveOutModal({
  open,
  resident,
  onClose,
}: {
  open: boolean;
  resident: ResidentDetail;
  onClose: () => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs; reason: string }>();
  const move = useMoveOut();
  return (
    <Modal
      open={open}
      title={t('reg.moveOut.title', { name: resident.name })}
      okText={t('reg.resident.moveOut')}
      okButtonProps={{ danger: true, id: 'move-out-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('reg.moveOut.hint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs() }}
        data-testid="move-out-form"
        onFinish={(values) =>
          move.mutate(
            {
              id: resident.id,
              input: { date: values.date.format('YYYY-MM-DD'), reason: values.reason.trim() },
            },
            {
              onSuccess: () => {
                message.success(t('reg.moveOut.done'));
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
              },
            },
          )
        }
      >
        <Form.Item
          name="date"
          label={t('reg.moveOut.date')}
          rules={[{ required: true, message: t('reg.moveOut.date.required') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} data-testid="move-out-date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reg.moveOut.reason')}
          rules={[{ required: true, whitespace: true, message: t('reg.moveOut.reason.required') }]}
        >
          <Input.TextArea
            maxLength={200}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('reg.moveOut.reason.placeholder')}
            data-testid="move-out-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 迁入: into another household of the user's area, from a given date. */
export function MoveInModal({
  open,
  resident,
  onClose,
}: {
  open: boolean;
  resident: ResidentDetail;
  onClose: () => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ householdId: number; date: Dayjs }>();
  const move = useMoveIn();
  return (
    <Modal
      open={open}
      title={t('reg.moveIn.title', { name: resident.name })}
      okText={t('reg.resident.moveIn')}
      okButtonProps={{ id: 'move-in-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs() }}
        data-testid="move-in-form"
        onFinish={(values) =>
          move.mutate(
            {
              id: resident.id,
              input: { householdId: values.householdId, date: values.date.format('YYYY-MM-DD') },
            },
            {
              onSuccess: (saved) => {
                message.success(t('reg.moveIn.done', { room: saved?.roomLabel ?? '' }));
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
              },
            },
          )
        }
      >
        <Form.Item
          name="householdId"
          label={t('reg.moveIn.household')}
          rules={[{ required: true, message: t('reg.moveIn.household.required') }]}
        >
          <HouseholdPicker
            style={{ width: '100%' }}
            excludeId={resident.householdId}
            testId="move-in-household"
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('reg.moveIn.date')}
          rules={[{ required: true, message: t('reg.moveIn.date.required') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} data-testid="move-in-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
