import { App, Form, Modal, Radio } from 'antd';
import { HOUSEHOLD_USES } from '../../../../../common/registry';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import type { HouseholdCard } from '../api/types';
import { useUpdateHousehold } from '../api/update-household';
import { useRegistryI18n } from '../messages';
import { householdUseLabel } from './labels';

/** 修改用途: owner-occupied / rented / vacant / commercial; derived tags follow on the server. */
export function EditUseModal({
  open,
  household,
  onClose,
}: {
  open: boolean;
  household: HouseholdCard;
  onClose: () => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ use: string }>();
  const update = useUpdateHousehold();
  return (
    <Modal
      open={open}
      title={t('reg.use.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ use: household.use }}
        onFinish={(values) =>
          update.mutate(
            { id: household.id, input: { use: values.use } },
            {
              onSuccess: () => {
                message.success(t('reg.household.useSaved'));
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
              },
            },
          )
        }
      >
        <Form.Item name="use" extra={t('reg.use.hint')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="household-use"
            options={HOUSEHOLD_USES.map((u) => ({ value: u, label: householdUseLabel(u, locale) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
