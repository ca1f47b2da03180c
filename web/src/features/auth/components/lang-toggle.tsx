import { TranslationOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { useLocaleSwitch } from '../hooks/use-locale-switch';

/** 中文 / EN switch; shows the language you would switch to. */
export function LangToggle({ className, onDark = false }: { className?: string; onDark?: boolean }) {
  const { t } = useI18n();
  const { locale, toggle } = useLocaleSwitch();
  return (
    <Tooltip title={t('lang.tooltip')}>
      <Button
        data-testid="lang-toggle"
        type="text"
        className={className}
        icon={<TranslationOutlined />}
        onClick={toggle}
        style={onDark ? { color: '#fff' } : undefined}
        aria-label={t('lang.tooltip')}
      >
        {locale === 'en' ? '中文' : 'EN'}
      </Button>
    </Tooltip>
  );
}
