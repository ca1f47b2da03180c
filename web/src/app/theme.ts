import type { ThemeConfig } from 'antd';

/** Party red with warm neutrals: the look of a Chinese government service platform, kept calm. */
export const BRAND = {
  red: '#c8161d',
  redDark: '#9e1016',
  gold: '#f6c36b',
  ink: '#1f1f1f',
  paper: '#f5f3ef',
} as const;

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.red,
    colorLink: '#b3141b',
    colorInfo: '#1f5fa8',
    colorSuccess: '#2f8f46',
    colorWarning: '#d48806',
    colorError: '#e0412f',
    colorBgLayout: BRAND.paper,
    colorTextBase: BRAND.ink,
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: BRAND.redDark, headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#fcebea', itemSelectedColor: BRAND.red, itemBorderRadius: 6 },
    Card: { headerFontSize: 15 },
    Table: { headerBg: '#faf7f2' },
    Tree: { nodeSelectedBg: '#fcebea' },
  },
};
