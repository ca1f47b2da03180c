import { Alert, App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { GRID_LEVEL_LABELS, parentLevel } from '../../../../../common/admin-codes';
import { errorMessage } from '../../../lib/errors';
import { pickLabel, useI18n } from '../../../lib/i18n';
import { useMoveNode } from '../api/move-node';
import type { GridNode } from '../api/types';
import { GridNodePicker, type PickedNode } from './grid-node-picker';

/** 移动: pick a new parent of the level above; the server refuses moves into the node's own subtree. */
export function MoveNodeModal({
  open,
  node,
  onClose,
  onDone,
}: {
  open: boolean;
  node: GridNode;
  onClose: () => void;
  onDone: (moved: GridNode, oldParentId: number | null) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const move = useMoveNode();
  const [picked, setPicked] = useState<PickedNode | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const wantedLevel = parentLevel(node.level);
  const wantedLabel = wantedLevel ? pickLabel(GRID_LEVEL_LABELS[wantedLevel], locale) : '';
  const levelMismatch = Boolean(picked?.level && wantedLevel && picked.level !== wantedLevel);
  const sameParent = picked !== null && picked.id === node.parentId;

  const submit = () => {
    if (!picked) {
      setProblem(t('grid.move.required'));
      return;
    }
    setProblem(null);
    move.mutate(
      { id: node.id, newParentId: picked.id },
      {
        onSuccess: (moved) => {
          message.success(t('grid.move.done', { name: node.name, parent: picked.name }));
          onDone(moved, node.parentId);
        },
        onError: (error) => setProblem(errorMessage(error, locale, t)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('grid.action.move')}
      okText={t('grid.move.submit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ disabled: !picked || levelMismatch || sameParent }}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('grid.move.intro', { name: node.name, level: wantedLabel })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('grid.move.newParent')} required>
          <GridNodePicker
            data-testid="move-parent"
            value={picked?.id ?? null}
            valueLabel={picked?.name}
            disabledIds={[node.id]}
            onChange={(_id, pickedNode) => {
              setPicked(pickedNode);
              setProblem(null);
            }}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      {levelMismatch ? (
        <Alert type="warning" showIcon title={t('grid.move.levelMismatch', { level: wantedLabel })} />
      ) : null}
      {sameParent ? <Alert type="info" showIcon title={t('grid.move.sameParent')} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} /> : null}
    </Modal>
  );
}
