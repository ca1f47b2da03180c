import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="og-page-header">
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} className="og-page-title">
          {title}
        </Typography.Title>
        {subtitle ? <div className="og-page-subtitle">{subtitle}</div> : null}
      </div>
      {extra ? <div>{extra}</div> : null}
    </div>
  );
}
