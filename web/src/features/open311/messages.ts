import { useCallback } from 'react';
import { type TranslateVars, useI18n } from '../../lib/i18n';

/** Wording of the Open311 settings screen: [中文, English], Chinese first. */
const OPEN311_MESSAGES = {
  'o311.title': ['Open311 接入', 'Open311 access'],
  'o311.subtitle': [
    '为随手拍小程序、城市 App 等外部客户端签发接入密钥；客户端上报的事项作为事件落到密钥所属网格',
    'Issue a key to each outside client (a city app, a “随手拍” mini-program); its reports become cases at the key’s grid node',
  ],
  'o311.create': ['签发密钥', 'Issue key'],
  'o311.edit': ['编辑密钥', 'Edit key'],
  'o311.editShort': ['编辑', 'Edit'],
  'o311.col.name': ['客户端', 'Client'],
  'o311.col.node': ['落地网格', 'Jurisdiction node'],
  'o311.col.mode': ['返回方式', 'Mode'],
  'o311.col.status': ['状态', 'Status'],
  'o311.col.created': ['签发时间', 'Issued'],
  'o311.col.lastUsed': ['最近使用', 'Last used'],
  'o311.col.actions': ['操作', 'Actions'],
  'o311.mode.realtime': ['实时', 'Realtime'],
  'o311.mode.batch': ['批量', 'Batch'],
  'o311.mode.realtime.help': ['提交后立即返回事件编号', 'Answers the case number at once'],
  'o311.mode.batch.help': [
    '提交后返回 token，客户端再用 token 查询编号',
    'Answers a token; the client looks the number up with it',
  ],
  'o311.status.active': ['启用', 'Active'],
  'o311.status.inactive': ['已停用', 'Deactivated'],
  'o311.never': ['尚未使用', 'Never used'],
  'o311.requests': ['共 {count} 件', '{count} requests'],
  'o311.deactivate': ['停用', 'Deactivate'],
  'o311.reactivate': ['启用', 'Reactivate'],
  'o311.deactivate.confirm': [
    '停用后，该客户端的下一次提交即被拒绝（403）。确定停用？',
    'The client’s next report will be refused (403). Deactivate?',
  ],
  'o311.deactivated': ['已停用 {name}', '{name} deactivated'],
  'o311.reactivated': ['已启用 {name}', '{name} reactivated'],
  'o311.saved': ['已保存', 'Saved'],
  'o311.empty': [
    '还没有接入密钥。为每个外部客户端签发一个，停用时互不影响。',
    'No key yet. Issue one per outside client, so each can be stopped on its own.',
  ],
  'o311.load.error': ['接入密钥加载失败', 'Could not load the keys'],
  'o311.form.name': ['客户端名称', 'Client name'],
  'o311.form.name.placeholder': ['如：随手拍小程序', 'e.g. “随手拍” mini-program'],
  'o311.form.name.required': ['请填写客户端名称', 'Name the client'],
  'o311.form.node': ['落地网格', 'Jurisdiction node'],
  'o311.form.node.help': [
    '该客户端上报的事项作为事件落到这个网格，由其工作人员受理',
    'Reports from this client become cases at this node, for its staff to take in',
  ],
  'o311.form.node.required': ['请选择落地网格', 'Choose the jurisdiction node'],
  'o311.form.mode': ['返回方式', 'Mode'],
  'o311.issued.title': ['接入密钥已签发 · {name}', 'Key issued · {name}'],
  'o311.issued.warning': [
    '密钥只显示这一次，关闭后无法再次查看。请立即复制并交给客户端保管；遗失只能停用后重新签发。',
    'This key is shown only once and cannot be viewed again after you close this window. Copy it now and hand it to the client; if it is lost, deactivate it and issue a new one.',
  ],
  'o311.issued.usage': [
    '客户端提交事项时以 api_key 参数附带此密钥（表单字段或查询字符串）。',
    'The client sends it as the api_key parameter (form field or query string) when it reports.',
  ],
  'o311.issued.copy': ['复制密钥', 'Copy key'],
  'o311.issued.copied': ['已复制到剪贴板', 'Copied to the clipboard'],
  'o311.issued.copyFailed': [
    '浏览器不允许写入剪贴板，请手动选中密钥复制',
    'The browser refused the clipboard; select the key and copy it by hand',
  ],
  'o311.issued.done': ['我已保存', 'I have saved it'],
  'o311.help.title': ['接入说明', 'How clients connect'],
  'o311.help.intro': [
    '客户端按 Open311 GeoReport v2 规范访问以下地址，.json 或 .xml 结尾决定返回格式。查询无需密钥；只有通过 Open311 提交的事项会公开，且不含任何个人信息。',
    'Clients speak Open311 GeoReport v2 at these addresses; the .json or .xml suffix picks the format. Reading needs no key; only requests made over Open311 are published, without any personal data.',
  ],
  'o311.help.discovery': ['服务发现', 'Service discovery'],
  'o311.help.endpoint': ['接口根地址', 'Endpoint base URL'],
  'o311.help.example': ['示例：列出服务，提交一件事项', 'Example: list the services, report a matter'],
  'o311.help.limit': [
    '提交有频率限制：每个密钥每个 IP 每分钟默认 60 件（ONEGRID_OPEN311_RATE_LIMIT），超出返回 429。',
    'Reports are rate-limited per key and IP: 60 a minute by default (ONEGRID_OPEN311_RATE_LIMIT); over it the answer is 429.',
  ],
  'o311.help.copy': ['复制', 'Copy'],
  'o311.help.copied': ['已复制', 'Copied'],
} as const satisfies Record<string, readonly [string, string]>;

export type Open311MessageKey = keyof typeof OPEN311_MESSAGES;
export type Open311Translate = (key: Open311MessageKey, vars?: TranslateVars) => string;

export function translateOpen311(locale: string, key: Open311MessageKey, vars?: TranslateVars): string {
  const text: string = OPEN311_MESSAGES[key][locale === 'en' ? 1 : 0];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** `t` for the Open311 screens in the UI language; `tCore` for the shared dictionary (errors, common words). */
export function useOpen311Text() {
  const { locale, t: tCore } = useI18n();
  const t = useCallback<Open311Translate>((key, vars) => translateOpen311(locale, key, vars), [locale]);
  return { t, tCore, locale };
}
