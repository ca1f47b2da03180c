import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { checkPassword } from '../../../common/password-policy';
import { pickLabel, useI18n } from '../lib/i18n';

const PROBLEM_CODES = ['password.too_short', 'password.classes', 'password.contains_username'] as const;

/** Live strength hints from the same policy the server enforces (common/password-policy). */
export function PasswordHints({ password, username }: { password: string; username?: string }) {
  const { t, locale } = useI18n();
  const result = checkPassword(password ?? '', { username });
  const problems = result.ok ? [] : result.problems;
  const rules = PROBLEM_CODES.map((code) => {
    const failing = problems.find((p) => p.code === code);
    return {
      code,
      failing: Boolean(failing) && Boolean(password),
      text: failing ? pickLabel(failing, locale) : null,
    };
  });
  const labelFor: Record<(typeof PROBLEM_CODES)[number], string> = {
    'password.too_short': t('password.rule.length'),
    'password.classes': t('password.rule.classes'),
    'password.contains_username': t('password.rule.username'),
  };
  const extra = problems.filter((p) => !(PROBLEM_CODES as readonly string[]).includes(p.code));
  return (
    <Space orientation="vertical" size={2} style={{ marginTop: 4 }} data-testid="password-hints">
      {rules.map((rule) => {
        const ok = Boolean(password) && !rule.failing;
        return (
          <Typography.Text
            key={rule.code}
            type={rule.failing ? 'danger' : ok ? 'success' : 'secondary'}
            style={{ fontSize: 12 }}
          >
            {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {labelFor[rule.code]}
          </Typography.Text>
        );
      })}
      {extra.map((p) => (
        <Typography.Text key={p.code} type="danger" style={{ fontSize: 12 }}>
          <CloseCircleOutlined /> {pickLabel(p, locale)}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function passwordProblemsText(
  password: string,
  username: string | undefined,
  locale: 'zh-CN' | 'en',
): string | null {
  const result = checkPassword(password ?? '', { username });
  return result.ok ? null : result.problems.map((p) => pickLabel(p, locale)).join('；');
}
