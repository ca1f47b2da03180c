import { Alert, App, Button, Descriptions, Drawer, Empty, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useCandidates, useDecideAccount } from '../api/resident-accounts';
import type { ResidentAccount } from '../api/types';
import { useResidentText } from '../messages';

/** Match one registration to a registry resident (phone and name matches first), or reject it with a reason. */
export function MatchDrawer({ account, onClose }: { account: ResidentAccount | null; onClose: () => void }) {
  const rt = useResidentText();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const candidates = useCandidates(account?.id ?? null);
  const decide = useDecideAccount();
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);

  const close = () => {
    setReason('');
    setRejecting(false);
    decide.reset();
    onClose();
  };
  const confirm = (residentId: number) =>
    account &&
    decide.mutate(
      { id: account.id, residentId },
      {
        onSuccess: () => {
          message.success(rt('ra.confirmed'));
          close();
        },
      },
    );
  const reject = () =>
    account &&
    decide.mutate(
      { id: account.id, reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(rt('ra.rejected'));
          close();
        },
      },
    );

  return (
    <Drawer open={account !== null} onClose={close} title={rt('ra.drawer.title')} size={520} destroyOnHidden>
      {account ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={rt('ra.col.name')}>{account.name}</Descriptions.Item>
            <Descriptions.Item label={rt('ra.col.phone')}>{account.phoneMasked}</Descriptions.Item>
            <Descriptions.Item label={rt('ra.col.community')}>{account.communityName}</Descriptions.Item>
            <Descriptions.Item label={rt('ra.col.room')}>{account.roomText}</Descriptions.Item>
          </Descriptions>
          <h3 style={{ margin: '20px 0 8px', fontSize: 15 }}>{rt('ra.candidates')}</h3>
          {candidates.isError ? (
            <Alert type="error" showIcon title={errorMessage(candidates.error, locale, t)} />
          ) : (
            <List
              loading={candidates.isPending}
              dataSource={candidates.data?.items ?? []}
              locale={{ emptyText: <Empty description={rt('ra.candidates.empty')} /> }}
              renderItem={(c) => (
                <List.Item
                  data-testid={`ra-candidate-${c.residentId}`}
                  actions={[
                    <Button
                      key="confirm"
                      type="primary"
                      loading={decide.isPending}
                      data-testid={`ra-confirm-${c.residentId}`}
                      onClick={() => confirm(c.residentId)}
                    >
                      {rt('ra.confirm')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap size={4}>
                        <span>{c.name}</span>
                        {c.matches.map((m) => (
                          <Tag key={m} color={m === 'phone' ? 'green' : 'blue'}>
                            {rt(m === 'phone' ? 'ra.match.phone' : 'ra.match.name')}
                          </Tag>
                        ))}
                      </Space>
                    }
                    description={[
                      c.roomLabel,
                      c.phoneMasked,
                      c.age !== null ? rt('ra.age', { age: c.age }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </List.Item>
              )}
            />
          )}
          {decide.isError ? (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={errorMessage(decide.error, locale, t)}
              description={
                isApiError(decide.error) ? decide.error.details.map((d) => d.message).join('；') : undefined
              }
            />
          ) : null}
          <div style={{ marginTop: 24, borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
            {rejecting ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>{rt('ra.reject.reason')}</div>
                <Input.TextArea
                  rows={2}
                  maxLength={200}
                  value={reason}
                  data-testid="ra-reject-reason"
                  onChange={(e) => setReason(e.target.value)}
                />
                <Space>
                  <Button
                    danger
                    type="primary"
                    disabled={!reason.trim()}
                    loading={decide.isPending}
                    onClick={reject}
                    data-testid="ra-reject-submit"
                  >
                    {rt('ra.reject')}
                  </Button>
                  <Button onClick={() => setRejecting(false)}>{t('common.cancel')}</Button>
                </Space>
              </Space>
            ) : (
              <Button danger onClick={() => setRejecting(true)} data-testid="ra-reject">
                {rt('ra.reject')}
              </Button>
            )}
          </div>
        </>
      ) : null}
    </Drawer>
  );
}
