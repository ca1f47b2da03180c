import type { Locale, LocalizedText } from './i18n';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'AUTH_REQUIRED',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_LOCKED',
  'AUTH_SESSION_EXPIRED',
  'AUTH_TOTP_REQUIRED',
  'AUTH_TOTP_INVALID',
  'AUTH_TOTP_SETUP_REQUIRED',
  'AUTH_ACCOUNT_PENDING',
  'AUTH_ACCOUNT_REJECTED',
  'CSRF_INVALID',
  'PASSWORD_WEAK',
  'PASSWORD_WRONG',
  'USERNAME_TAKEN',
  'GRID_CODE_INVALID',
  'GRID_CODE_TAKEN',
  'GRID_MOVE_INTO_SUBTREE',
  'GRID_LEVEL_INVALID',
  'GRID_NODE_RETIRED',
  'GRID_NODE_HAS_CHILDREN',
  'ID_NUMBER_INVALID',
  'PHONE_INVALID',
  'RATE_LIMITED',
  'INTERNAL',
  'CONFLICT',
  'AUDIT_CHAIN_BROKEN',
  'MALFORMED_JSON',
  'USERNAME_INVALID',
  'SELF_DISABLE',
  'PASSWORD_CHANGE_REQUIRED',
  'CREDIT_CODE_INVALID',
  'ID_NUMBER_TAKEN',
  'ROOM_OUTSIDE_BUILDING',
  'HOUSEHOLD_EXISTS',
  'BUILDING_NUMBER_TAKEN',
  'NODE_NOT_MICROGRID',
  'TAG_CODE_TAKEN',
  'TAG_DERIVED',
  'TAG_UNKNOWN',
  'TAG_ALREADY_ASSIGNED',
  'RESIDENT_NOT_ACTIVE',
  'VISIT_NO_OPEN_DISPUTE',
  'IMPORT_FILE_INVALID',
  'IMPORT_HEADER_INVALID',
  'IMPORT_HEADER_LANGUAGE',
  'IMPORT_EMPTY',
  'IMPORT_STALE',
  'CASE_INVALID_TRANSITION',
  'CASE_FORBIDDEN_ACTION',
  'CASE_CONFLICT',
  'CASE_NOT_REPORTER',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const MESSAGES = {
  VALIDATION_FAILED: {
    zh: '填写的内容有误，请按提示修改后再提交',
    en: 'Some fields need fixing before you submit',
  },
  NOT_FOUND: {
    zh: '没有找到这条记录，可能已被删除或不在您的管辖范围内',
    en: 'Not found, or outside your area',
  },
  FORBIDDEN: { zh: '您没有权限进行此操作', en: 'You do not have permission to do this' },
  AUTH_REQUIRED: { zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  AUTH_LOCKED: {
    zh: '登录失败次数过多，账号已暂时锁定，请稍后再试或联系管理员',
    en: 'Too many failed sign-ins; the account is locked for now. Try later or ask an administrator',
  },
  AUTH_SESSION_EXPIRED: {
    zh: '长时间未操作，登录已过期，请重新登录',
    en: 'Your session expired; please sign in again',
  },
  AUTH_TOTP_REQUIRED: {
    zh: '请输入手机验证器上的动态验证码',
    en: 'Enter the code from your authenticator app',
  },
  AUTH_TOTP_INVALID: { zh: '动态验证码不正确或已过期', en: 'The authenticator code is wrong or has expired' },
  AUTH_ACCOUNT_PENDING: {
    zh: '您的账号正在等待社区核实，核实通过后即可登录',
    en: 'Your account is waiting for the community to confirm it; you can log in once it is confirmed',
  },
  AUTH_ACCOUNT_REJECTED: {
    zh: '社区未能核实您的注册信息，请联系社区或重新注册',
    en: 'The community could not confirm your registration; contact them or register again',
  },
  AUTH_TOTP_SETUP_REQUIRED: {
    zh: '为保障账号安全，请先绑定手机验证器',
    en: 'Set up an authenticator app to protect your account',
  },
  CSRF_INVALID: { zh: '页面已失效，请刷新后重试', en: 'This page has expired; refresh and try again' },
  PASSWORD_WEAK: { zh: '密码强度不够，请按要求设置', en: 'The password is too weak' },
  PASSWORD_WRONG: { zh: '原密码不正确', en: 'The current password is wrong' },
  USERNAME_TAKEN: { zh: '该用户名已被使用', en: 'This username is already taken' },
  GRID_CODE_INVALID: { zh: '网格编码不符合规则', en: 'The grid code is not valid' },
  GRID_CODE_TAKEN: { zh: '该编码已被其他网格使用', en: 'Another grid already uses this code' },
  GRID_MOVE_INTO_SUBTREE: {
    zh: '不能把网格移动到它自己的下级网格中',
    en: 'A grid cannot be moved under one of its own sub-grids',
  },
  GRID_LEVEL_INVALID: { zh: '网格层级不正确', en: 'The grid level is not valid here' },
  GRID_NODE_RETIRED: { zh: '该网格已撤销，不能再使用', en: 'This grid has been retired' },
  GRID_NODE_HAS_CHILDREN: {
    zh: '该网格下还有下级网格，请先处理下级网格',
    en: 'This grid still has sub-grids; deal with them first',
  },
  ID_NUMBER_INVALID: { zh: '身份证号码不正确，请核对', en: 'The ID number is not valid; please check it' },
  PHONE_INVALID: { zh: '手机号码不正确，请核对', en: 'The mobile number is not valid; please check it' },
  RATE_LIMITED: { zh: '操作太频繁，请稍后再试', en: 'Too many requests; please wait a moment' },
  MALFORMED_JSON: {
    zh: '请求内容不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  USERNAME_INVALID: {
    zh: '用户名须以字母开头，3–32 位字母、数字、_ . -',
    en: 'Username: 3–32 letters, digits, _ . -, starting with a letter',
  },
  SELF_DISABLE: {
    zh: '不能停用自己的账号',
    en: 'You cannot disable your own account',
  },
  PASSWORD_CHANGE_REQUIRED: {
    zh: '请先修改管理员为您设置的初始密码',
    en: 'Please change the password an administrator set for you first',
  },
  INTERNAL: {
    zh: '系统出了点问题，请稍后再试',
    en: 'Something went wrong on our side; please try again later',
  },
  CONFLICT: {
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; refresh and try again',
  },
  AUDIT_CHAIN_BROKEN: {
    zh: '审计日志校验失败，日志可能被篡改，请立即联系安全审计员',
    en: 'The audit log failed verification and may have been tampered with; alert the auditor now',
  },
  CREDIT_CODE_INVALID: {
    zh: '统一社会信用代码不正确，请核对',
    en: 'The unified social credit code is not valid; please check it',
  },
  ID_NUMBER_TAKEN: {
    zh: '该身份证号码已登记在其他人员名下',
    en: 'This ID number is already registered to another person',
  },
  ROOM_OUTSIDE_BUILDING: {
    zh: '房号超出了该楼栋的单元、楼层或每层户数',
    en: "The room lies outside the building's units, floors or rooms per floor",
  },
  HOUSEHOLD_EXISTS: { zh: '该房屋已登记', en: 'This room is already registered' },
  BUILDING_NUMBER_TAKEN: {
    zh: '本社区已有相同楼号的楼栋',
    en: 'A building with this number already exists in the community',
  },
  NODE_NOT_MICROGRID: {
    zh: '楼栋、单位须挂在微网格下',
    en: 'Buildings and organisations belong to a micro-grid',
  },
  TAG_CODE_TAKEN: { zh: '该标签编码已被使用', en: 'This tag code is already in use' },
  TAG_DERIVED: {
    zh: '该标签由系统自动计算，不能手工设置',
    en: 'This tag is computed automatically and cannot be set by hand',
  },
  TAG_UNKNOWN: { zh: '标签不存在或已停用', en: 'Unknown or inactive tag' },
  TAG_ALREADY_ASSIGNED: { zh: '已设置过该标签', en: 'This tag is already set' },
  RESIDENT_NOT_ACTIVE: {
    zh: '该人员当前不在此居住，不能进行此操作',
    en: 'This person no longer lives here; the action is not possible',
  },
  VISIT_NO_OPEN_DISPUTE: {
    zh: '这次走访没有未化解的矛盾纠纷',
    en: 'This visit has no open dispute',
  },
  IMPORT_FILE_INVALID: {
    zh: '文件无法读取，请上传 Excel（.xlsx）或 CSV 文件',
    en: 'The file cannot be read; upload an .xlsx or .csv file',
  },
  IMPORT_HEADER_INVALID: {
    zh: '表头与模板不符，请使用下载的模板并选对导入类型',
    en: 'The header row does not match the template; use the template and the right import kind',
  },
  IMPORT_HEADER_LANGUAGE: {
    zh: '表头须使用中文模板中的列名',
    en: 'Use the Chinese column headers of the template',
  },
  IMPORT_EMPTY: { zh: '没有可导入的数据行', en: 'There are no rows to import' },
  IMPORT_STALE: {
    zh: '校验之后数据已有变化，本次没有写入任何数据，请重新上传校验',
    en: 'The register changed since the check; nothing was written — upload again',
  },
  CASE_INVALID_TRANSITION: {
    zh: '事件当前所处的环节不能进行这项操作，请刷新后查看',
    en: 'This action does not apply to the case in its current state; refresh to see it',
  },
  CASE_FORBIDDEN_ACTION: {
    zh: '您不能对这件事件进行这项操作',
    en: 'You may not take this action on this case',
  },
  CASE_CONFLICT: {
    zh: '别人刚刚处理了这件事件，已为您显示最新情况，请确认后再操作',
    en: 'Someone else acted on this case just now; here is its current state — check it and try again',
  },
  CASE_NOT_REPORTER: {
    zh: '只有反映人本人可以评价',
    en: 'Only the person who reported it may rate it',
  },
} satisfies Record<ErrorCode, LocalizedText>;

/** Wording for each stable error code; the server sends the code, the UI shows this text. */
export const ERROR_MESSAGES: Readonly<Record<string, LocalizedText>> = MESSAGES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** An unknown code falls back to the INTERNAL wording rather than showing a raw code. */
export function messageFor(code: string, locale: Locale): string {
  const text = isErrorCode(code) ? MESSAGES[code] : MESSAGES.INTERNAL;
  return locale === 'en' ? text.en : text.zh;
}
