import {
  AlertOutlined,
  CarOutlined,
  DeleteOutlined,
  EllipsisOutlined,
  FireOutlined,
  HeartOutlined,
  HomeOutlined,
  SoundOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/** A roof with a drop under it: a leaking flat is the matter residents raise most, and antd has no such icon. */
function LeakIcon() {
  return (
    <span className="anticon" role="img" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M3 11.5 12 4l9 7.5" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M5.5 10v10h13V10" strokeLinejoin="round" />
        <path
          d="M12 11c-1.6 2-2.6 3.4-2.6 4.7a2.6 2.6 0 0 0 5.2 0c0-1.3-1-2.7-2.6-4.7z"
          strokeLinejoin="round"
        />
      </svg>
    </span>
  );
}

/** A water drop (water supply). */
function DropIcon() {
  return (
    <span className="anticon" role="img" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M12 3.2c-3.4 4.3-6 7.6-6 10.8a6 6 0 0 0 12 0c0-3.2-2.6-6.5-6-10.8z" strokeLinejoin="round" />
        <path d="M9.2 14.6a2.9 2.9 0 0 0 2.6 2.7" strokeLinecap="round" />
      </svg>
    </span>
  );
}

const ICONS: Record<string, ReactNode> = {
  leak: <LeakIcon />,
  house: <HomeOutlined />,
  heat: <FireOutlined />,
  water: <DropIcon />,
  environment: <DeleteOutlined />,
  facility: <ToolOutlined />,
  traffic: <CarOutlined />,
  neighbour: <TeamOutlined />,
  noise: <SoundOutlined />,
  welfare: <HeartOutlined />,
  safety: <AlertOutlined />,
  other: <EllipsisOutlined />,
};

export function CategoryIcon({ icon }: { icon: string }) {
  return <>{ICONS[icon] ?? ICONS.other}</>;
}
