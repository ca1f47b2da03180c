import {
  EditOutlined,
  ExportOutlined,
  ImportOutlined,
  TagOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Empty, Space, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { ResidentEvent } from '../api/types';
import { type RegistryMessageKey, useRegistryI18n } from '../messages';

const KIND: Record<string, { icon: ReactNode; color: string; label: RegistryMessageKey }> = {
  registered: { icon: <UserAddOutlined />, color: 'blue', label: 'reg.event.created' },
  created: { icon: <UserAddOutlined />, color: 'blue', label: 'reg.event.created' },
  updated: { icon: <EditOutlined />, color: 'gray', label: 'reg.event.updated' },
  moved_in: { icon: <ImportOutlined />, color: 'green', label: 'reg.event.moved_in' },
  moved_out: { icon: <ExportOutlined />, color: 'red', label: 'reg.event.moved_out' },
  tagged: { icon: <TagOutlined />, color: 'purple', label: 'reg.event.tagged' },
  untagged: { icon: <TagOutlined />, color: 'gray', label: 'reg.event.untagged' },
};

/** Field names of an edit, as the form calls them. */
const FIELD_LABELS: Record<string, RegistryMessageKey> = {
  name: 'reg.form.name',
  idNumber: 'reg.form.idNumber',
  phone: 'reg.form.phone',
  birthDate: 'reg.form.birthDate',
  sex: 'reg.form.sex',
  relation: 'reg.form.relation',
  registeredHere: 'reg.form.registeredHere',
  livingHere: 'reg.form.livingHere',
  politicalStatus: 'reg.form.political',
  ethnicity: 'reg.resident.ethnicity',
  education: 'reg.resident.education',
  maritalStatus: 'reg.resident.marital',
  occupation: 'reg.resident.occupation',
  employer: 'reg.resident.employer',
  notes: 'reg.resident.notes',
  movedInAt: 'reg.form.movedInAt',
};

function detailText(details: Record<string, unknown> | null | undefined, key: string): string | null {
  const value = details?.[key];
  return typeof value === 'string' && value ? value : null;
}

/** 变动记录: registration, moves in and out, edits — newest first, each with its date and who did it. */
export function ResidentTimeline({ events }: { events: ResidentEvent[] }) {
  const { t } = useRegistryI18n();
  if (events.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reg.resident.noHistory')} />;
  const sorted = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Timeline
      data-testid="resident-history"
      items={sorted.map((event) => {
        const kind = KIND[event.kind];
        const reason = detailText(event.details, 'reason');
        const fields = Array.isArray(event.details?.fields)
          ? (event.details.fields as unknown[]).map((f) => {
              const key = FIELD_LABELS[String(f)];
              return key ? t(key) : String(f);
            })
          : null;
        const room = event.roomLabel ?? detailText(event.details, 'roomLabel');
        return {
          key: event.id,
          color: kind?.color ?? 'gray',
          icon: kind?.icon,
          content: (
            <div data-testid={`resident-event-${event.kind}`}>
              <Space size={8} wrap>
                <Typography.Text strong>{kind ? t(kind.label) : event.kind}</Typography.Text>
                {room ? <span className="og-room">{room}</span> : null}
                <Typography.Text type="secondary">{formatDate(event.date ?? event.at)}</Typography.Text>
              </Space>
              {reason ? <div>{t('reg.event.reason', { reason })}</div> : null}
              {fields?.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reg.event.fields', { fields: fields.join('、') })}
                </Typography.Text>
              ) : null}
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                {formatDateTime(event.at)}
                {event.actorName ? ` · ${t('reg.event.by', { name: event.actorName })}` : ''}
              </div>
            </div>
          ),
        };
      })}
    />
  );
}
