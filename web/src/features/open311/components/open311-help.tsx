import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useOpen311Text } from '../messages';
import { copyText } from './copy-text';

/** The curl example a client developer starts from; `base` is this server's origin. */
export function curlExample(base: string): string {
  return [
    `curl -s ${base}/open311/v2/services.json`,
    '',
    `curl -s ${base}/open311/v2/requests.json \\`,
    '  --data-urlencode "api_key=og311_…" \\',
    '  --data-urlencode service_code=MS01 \\',
    '  --data-urlencode lat=37.857 --data-urlencode long=113.563 \\',
    "  --data-urlencode 'address_string=虎尾沟社区 3号楼 2单元 601' \\",
    "  --data-urlencode 'description=卫生间顶棚漏水，已经三天了'",
  ].join('\n');
}

/** Where clients connect and how a report looks; the endpoint is on this very server. */
export function Open311Help({ origin = window.location.origin }: { origin?: string }) {
  const { t } = useOpen311Text();
  const discovery = `${origin}/open311/v2/discovery.json`;
  const endpoint = `${origin}/open311/v2/`;
  const curl = curlExample(origin);
  const [copied, setCopied] = useState(false);
  return (
    <Card className="og-card o311-help" title={t('o311.help.title')} data-testid="open311-help">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('o311.help.intro')}
      </Typography.Paragraph>
      <dl className="o311-urls">
        <dt>{t('o311.help.discovery')}</dt>
        <dd>
          <Typography.Text
            className="og-mono o311-url"
            copyable={{ text: discovery, tooltips: [t('o311.help.copy'), t('o311.help.copied')] }}
            data-testid="open311-discovery-url"
          >
            {discovery}
          </Typography.Text>
        </dd>
        <dt>{t('o311.help.endpoint')}</dt>
        <dd>
          <Typography.Text
            className="og-mono o311-url"
            copyable={{ text: endpoint, tooltips: [t('o311.help.copy'), t('o311.help.copied')] }}
          >
            {endpoint}
          </Typography.Text>
        </dd>
      </dl>
      <div className="o311-example-head">
        <span>{t('o311.help.example')}</span>
        <Button
          size="small"
          type="text"
          icon={copied ? <CheckOutlined /> : <CopyOutlined />}
          onClick={async () => setCopied(await copyText(curl))}
          data-testid="open311-curl-copy"
        >
          {copied ? t('o311.help.copied') : t('o311.help.copy')}
        </Button>
      </div>
      <pre className="o311-curl" data-testid="open311-curl">
        {curl}
      </pre>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
        {t('o311.help.limit')}
      </Typography.Paragraph>
    </Card>
  );
}
