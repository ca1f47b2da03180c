import { App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { BUILDING_TYPES } from '../../../../../common/registry';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import type { ScopeNode } from '../../../lib/scope';
import { GridNodePicker } from '../../grid/components/grid-node-picker';
import { type BuildingInput, useCreateBuilding } from '../api/create-building';
import type { Building } from '../api/types';
import { useRegistryI18n } from '../messages';
import { buildingTypeLabel } from './labels';

interface Values {
  nodeId: number;
  number: string;
  name?: string;
  address?: string;
  type: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
  createRooms: boolean;
  lat?: number | null;
  lng?: number | null;
}

/** Building numbers join room labels (3-2-501), so they may not contain the separator. */
export const BUILDING_NUMBER = /^[0-9A-Za-z\u4e00-\u9fff]{1,10}$/;

/** 新建楼栋: in a micro-grid, with its layout; by default one vacant household per room is generated. */
export function BuildingFormModal({
  open,
  defaultNode,
  onClose,
  onDone,
}: {
  open: boolean;
  defaultNode?: (ScopeNode & { level?: string }) | null;
  onClose: () => void;
  onDone?: (building: Building) => void;
}) {
  const { t, locale } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateBuilding();
  const [nodeLevel, setNodeLevel] = useState<string | undefined>(defaultNode?.level);
  const [nodeName, setNodeName] = useState<string | undefined>(defaultNode?.name);
  const units = Form.useWatch('units', form) ?? 0;
  const floors = Form.useWatch('floors', form) ?? 0;
  const perFloor = Form.useWatch('roomsPerFloor', form) ?? 0;
  const createRooms = Form.useWatch('createRooms', form);
  const rooms = units * floors * perFloor;

  const submit = (values: Values) => {
    const input: BuildingInput = {
      nodeId: values.nodeId,
      number: values.number.trim(),
      name: values.name?.trim() || undefined,
      address: values.address?.trim() || undefined,
      type: values.type,
      units: values.units,
      floors: values.floors,
      roomsPerFloor: values.roomsPerFloor,
      createRooms: values.createRooms,
      lat: values.lat ?? undefined,
      lng: values.lng ?? undefined,
    };
    create.mutate(input, {
      onSuccess: (building) => {
        message.success(
          input.createRooms
            ? t('reg.building.createdRooms', { number: input.number, rooms })
            : t('reg.building.created', { number: input.number }),
        );
        onDone?.(building);
        onClose();
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) message.error(errorMessage(error, locale, t));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('reg.building.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
      okButtonProps={{ id: 'building-save' }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        data-testid="building-form"
        initialValues={{
          nodeId: defaultNode?.level === 'microgrid' ? defaultNode.id : undefined,
          type: 'residential',
          units: 2,
          floors: 6,
          roomsPerFloor: 2,
          createRooms: true,
        }}
      >
        <Form.Item
          name="nodeId"
          label={t('reg.building.field.node')}
          rules={[
            { required: true, message: t('reg.building.field.node.required') },
            {
              validator: () =>
                nodeLevel === undefined || nodeLevel === '' || nodeLevel === 'microgrid'
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('reg.building.field.node.level'))),
            },
          ]}
        >
          <GridNodePicker
            style={{ width: '100%' }}
            valueLabel={nodeName}
            data-testid="building-node"
            onChange={(id, node) => {
              setNodeLevel(node?.level);
              setNodeName(node?.name);
              form.setFieldValue('nodeId', id ?? undefined);
              void form.validateFields(['nodeId']).catch(() => undefined);
            }}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={10} sm={8}>
            <Form.Item
              name="number"
              label={t('reg.building.field.number')}
              rules={[
                { required: true, whitespace: true, message: t('reg.building.field.number.required') },
                { pattern: BUILDING_NUMBER, message: t('reg.building.field.number.format') },
              ]}
            >
              <Input maxLength={10} data-testid="building-number" placeholder="3" />
            </Form.Item>
          </Col>
          <Col xs={14} sm={8}>
            <Form.Item name="type" label={t('reg.building.field.type')} rules={[{ required: true }]}>
              <Select
                data-testid="building-type"
                options={BUILDING_TYPES.map((type) => ({
                  value: type,
                  label: buildingTypeLabel(type, locale),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="name" label={t('reg.building.field.name')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="units" label={t('reg.building.field.units')} rules={[{ required: true }]}>
              <InputNumber
                min={1}
                max={20}
                precision={0}
                style={{ width: '100%' }}
                data-testid="building-units"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="floors" label={t('reg.building.field.floors')} rules={[{ required: true }]}>
              <InputNumber
                min={1}
                max={99}
                precision={0}
                style={{ width: '100%' }}
                data-testid="building-floors"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="roomsPerFloor"
              label={t('reg.building.field.roomsPerFloor')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={1}
                max={99}
                precision={0}
                style={{ width: '100%' }}
                data-testid="building-rooms"
              />
            </Form.Item>
          </Col>
        </Row>
        <div className="og-switch-line">
          <Form.Item name="createRooms" valuePropName="checked" noStyle>
            <Switch data-testid="building-create-rooms" />
          </Form.Item>
          <span>{t('reg.building.field.createRooms')}</span>
          {createRooms ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reg.building.createRooms.hint', { count: rooms })}
            </Typography.Text>
          ) : null}
        </div>
        <Form.Item name="address" label={t('reg.building.field.address')}>
          <Input maxLength={120} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="lat" label={t('reg.building.lat')}>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lng" label={t('reg.building.lng')}>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
