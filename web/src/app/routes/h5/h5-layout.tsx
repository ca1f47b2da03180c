import { LeftOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import { type ReactNode, Suspense, useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { BrandMark } from '../../../components/brand-mark';
import { LangToggle } from '../../../features/auth/components/lang-toggle';
import { useResidentText } from '../../../features/resident/messages';
import '../../../features/resident/h5.css';

// Inputs keep a warm neutral edge when hovered or focused: on a red brand a red edge reads as an error.
const H5_THEME: ThemeConfig = {
  components: {
    Input: {
      hoverBorderColor: '#c9ad98',
      activeBorderColor: '#9c7a62',
      activeShadow: '0 0 0 3px rgba(156,122,98,0.16)',
    },
    Select: {
      hoverBorderColor: '#c9ad98',
      activeBorderColor: '#9c7a62',
      activeOutlineColor: 'rgba(156,122,98,0.16)',
    },
  },
};

/** The residents' pages live outside the staff layout: one phone-width column, a red bar, nothing else. */
export function H5Layout() {
  return (
    <ConfigProvider theme={H5_THEME}>
      <div className="h5-root">
        <div className="h5-shell">
          <Suspense
            fallback={
              <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
                <Spin size="large" />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </div>
      </div>
    </ConfigProvider>
  );
}

/** One H5 screen: the bar (back, title, 中文/EN) and the content; sets the document title too. */
export function H5Page({
  title,
  back,
  children,
}: {
  title: string;
  back?: string | true | (() => void);
  children: ReactNode;
}) {
  const rt = useResidentText();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${title} · ${rt('h5.brand')}`;
  }, [title, rt]);
  return (
    <>
      <header className="h5-bar">
        {back ? (
          <Button
            type="text"
            icon={<LeftOutlined />}
            aria-label={rt('h5.back')}
            data-testid="h5-back"
            onClick={() =>
              typeof back === 'function' ? back() : back === true ? navigate(-1) : navigate(back)
            }
          />
        ) : (
          <span style={{ display: 'grid', placeItems: 'center', width: 44, height: 44 }}>
            <BrandMark size={22} />
          </span>
        )}
        <div className="h5-bar-title">{title}</div>
        <LangToggle onDark />
      </header>
      <main className="h5-main">{children}</main>
    </>
  );
}
