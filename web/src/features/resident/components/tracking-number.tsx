import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useResidentText } from '../messages';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below: older WebViews block the async clipboard
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** The tracking number, big and selectable, with a copy button. */
export function TrackingNumber({ number }: { number: string }) {
  const rt = useResidentText();
  const [copied, setCopied] = useState(false);
  return (
    <div className="h5-number">
      <div className="h5-number-label">{rt('h5.done.number')}</div>
      <div className="h5-number-value" data-testid="tracking-number">
        {number}
      </div>
      <Button
        size="large"
        icon={copied ? <CheckOutlined /> : <CopyOutlined />}
        style={{ marginTop: 10, minWidth: 160 }}
        data-testid="copy-number"
        onClick={async () => setCopied(await copyText(number))}
      >
        {copied ? rt('h5.done.copied') : rt('h5.done.copy')}
      </Button>
    </div>
  );
}
