import { CASE_FILE_MAX_BYTES, type Rating } from '../../../common/cases.js';
import type { Locale } from '../../../common/i18n.js';
import type { Role } from '../../../common/permissions.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps, SessionActor } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import * as cases from '../cases/cases.service.js';
import { cleanFileName, sniffImage } from '../visits/visit-photos.js';
import {
  DESCRIPTION_MIN,
  LOCATION_MAX,
  NAME_MAX,
  normaliseNumber,
  type PublicCase,
  presentPublicCase,
  RESIDENT_CATEGORIES,
  titleFrom,
} from './public-cases.policy.js';
import * as repo from './public-cases.repository.js';
import { confirmedAccountOf } from './resident-accounts.service.js';

// Residents' reports, tracking and rating (docs/resident-h5.md), built on the cases service: a report without an
// account is created through an in-memory channel actor holding only the `resident` role at the chosen community
// (the Open311 pattern); tracking and rating without an account are checked against the reporter's phone by
// cases.matchReporterByPhone and then read and rated as the verified reporter — public events only.

export const PHOTO_MAX_FILES = 9;
/** Failed look-ups of one tracking number before it is refused for a while, whoever asks (docs/resident-h5.md). */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;

const iso = (d: Date) => d.toISOString();
const msg = (zh: string, en: string) => ({ zh, en });
const problem = (field: string, code: string, zh: string, en: string): FieldProblem => ({
  field,
  code,
  message: msg(zh, en),
});

export interface UploadedPhoto {
  fileName: string | undefined;
  data: Buffer;
  truncated: boolean;
}

interface CheckedPhoto {
  fileName: string;
  data: Buffer;
}

/** Every photo ≤ 5 MB and a JPEG, PNG or WebP by its first bytes; at most 9. */
function checkPhotos(files: UploadedPhoto[], problems: FieldProblem[]): CheckedPhoto[] {
  if (files.length > PHOTO_MAX_FILES)
    problems.push(
      problem(
        'photos',
        'photos.too_many',
        `最多上传 ${PHOTO_MAX_FILES} 张照片`,
        `At most ${PHOTO_MAX_FILES} photos`,
      ),
    );
  const out: CheckedPhoto[] = [];
  files.forEach((f, i) => {
    const fileName = cleanFileName(f.fileName);
    if (f.truncated || f.data.length > CASE_FILE_MAX_BYTES)
      problems.push(
        problem(
          `photos[${i}]`,
          'PHOTO_TOO_LARGE',
          `照片“${fileName}”超过 5 MB，请压缩后再上传`,
          `Photo “${fileName}” is larger than 5 MB`,
        ),
      );
    else if (!sniffImage(f.data))
      problems.push(
        problem(
          `photos[${i}]`,
          'PHOTO_TYPE',
          `“${fileName}”不是 JPEG、PNG 或 WebP 图片`,
          `“${fileName}” is not a JPEG, PNG or WebP image`,
        ),
      );
    else out.push({ fileName, data: f.data });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// categories

export interface PublicCategory {
  id: number;
  code: string;
  name: string;
  icon: string;
}

/** The resident-friendly categories that exist and are active, in picker order. */
export async function publicCategories(deps: Deps, locale: Locale): Promise<PublicCategory[]> {
  const c = readerContext(deps, { actorId: null, actorName: 'public', ip: null, requestId: null }, locale);
  const byCode = new Map((await cases.listCategories(c)).map((k) => [k.code, k]));
  return RESIDENT_CATEGORIES.flatMap((rc) => {
    const k = byCode.get(rc.code);
    if (!k?.active || !k.leaf) return [];
    const name = rc.label ?? k.name;
    return [{ id: k.id, code: k.code, name: locale === 'en' ? name.en : name.zh, icon: rc.icon }];
  });
}

async function checkCategory(deps: Deps, categoryId: number, problems: FieldProblem[]) {
  const allowed = await publicCategories(deps, 'zh-CN');
  if (!allowed.some((k) => k.id === categoryId))
    problems.push(problem('categoryId', 'categoryId.unknown', '请选择问题类别', 'Choose what it is about'));
}

function checkDescription(description: string, problems: FieldProblem[]) {
  const text = description.trim();
  if (Array.from(text).length < DESCRIPTION_MIN)
    problems.push(
      problem(
        'description',
        'description.too_short',
        `请说明具体情况（至少 ${DESCRIPTION_MIN} 个字）`,
        `Tell us what happened (at least ${DESCRIPTION_MIN} characters)`,
      ),
    );
  return text;
}

// ---------------------------------------------------------------------------------------------
// the public channel

/**
 * A call context for someone without an account: an in-memory actor holding one role at one node, no user id
 * (created_by and the event's actor_id stay empty), never stored.
 */
function channelContext(
  deps: Deps,
  audit: AuditContext,
  locale: Locale,
  node: { id: number; path: string; name: string },
  displayName: string,
  role: Role = 'resident',
): CallContext {
  const actor: SessionActor = {
    userId: null as unknown as number,
    username: 'public',
    displayName,
    sessionId: '',
    csrfToken: '',
    locale,
    totpEnabled: false,
    mustSetupTotp: false,
    mustChangePassword: false,
    assignments: [{ id: 0, role, nodeId: node.id, nodePath: node.path, nodeName: node.name, nodeLevel: '' }],
  };
  return { deps, actor, audit, locale };
}

/** A reader that is nobody: with `verifiedReporter` the cases service shows it what the reporter sees. */
const readerContext = (
  deps: Deps,
  audit: AuditContext,
  locale: Locale,
  displayName = '反映人',
): CallContext => channelContext(deps, audit, locale, { id: 0, path: '/0/', name: '' }, displayName);

async function attachPhotos(c: CallContext, caseId: number, photos: CheckedPhoto[]) {
  for (const p of photos)
    await cases.addCaseFile(c, caseId, { fileName: p.fileName, data: p.data, truncated: false });
}

export interface PublicReportInput {
  categoryId: number;
  description: string;
  communityId: number;
  location: string;
  name?: string;
  phone: string;
}

/**
 * 我要反映 without an account: category from the residents' subset, words, photos, the community and where in it,
 * name optional, phone required (stored encrypted with a blind index by the cases service). Every problem is listed
 * at once and nothing is written until all are fixed. Returns the tracking number.
 */
export async function reportAnonymously(
  deps: Deps,
  audit: AuditContext,
  locale: Locale,
  input: PublicReportInput,
  files: UploadedPhoto[],
): Promise<{ id: null; number: string }> {
  const problems: FieldProblem[] = [];
  await checkCategory(deps, input.categoryId, problems);
  const description = checkDescription(input.description, problems);
  const community = await repo.findCommunity(deps.db, input.communityId);
  if (!community)
    problems.push(problem('communityId', 'communityId.unknown', '请选择所在社区', 'Choose your community'));
  const location = (input.location ?? '').trim();
  if (!location)
    problems.push(
      problem('location', 'required', '请填写楼栋房号或地址', 'Enter a building and room or an address'),
    );
  else if (Array.from(location).length > LOCATION_MAX)
    problems.push(
      problem(
        'location',
        'location.too_long',
        `地址最多 ${LOCATION_MAX} 字`,
        `At most ${LOCATION_MAX} characters`,
      ),
    );
  const name = input.name?.trim() || undefined;
  if (name && Array.from(name).length > NAME_MAX)
    problems.push(
      problem('name', 'name.too_long', `称呼最多 ${NAME_MAX} 字`, `At most ${NAME_MAX} characters`),
    );
  const phone = parseMobile(input.phone ?? '');
  if (!phone.ok)
    problems.push(
      problem('phone', 'PHONE_INVALID', '请填写正确的 11 位手机号码', 'Enter a valid 11-digit mobile number'),
    );
  const photos = checkPhotos(files, problems);
  if (problems.length || !community || !phone.ok) throw new AppError('VALIDATION_FAILED', 400, problems);

  const id = await deps.db.transaction().execute(async (tx) => {
    // Every read of the cases service happens inside this transaction (one SQLite connection).
    const c = channelContext({ ...deps, db: tx }, audit, locale, community, name ?? '居民');
    return cases.createCaseInTx(c, tx, {
      title: titleFrom(description),
      description,
      categoryId: input.categoryId,
      source: 'resident',
      urgency: 'normal',
      nodeId: community.id,
      address: `${community.name} ${location}`,
      reporter: { name, phone: phone.value },
    });
  });
  // The photos were checked above; they join the case as files of the community side's intake channel.
  await attachPhotos(channelContext(deps, audit, locale, community, '居民上报', 'grid_worker'), id, photos);
  const d = await cases.getCase(readerContext(deps, audit, locale), id, { verifiedReporter: true });
  return { id: null, number: d.number };
}

export interface ResidentReportInput {
  categoryId: number;
  description: string;
  location?: string;
}

/** 我要反映 by a confirmed resident: their household is the place, they are the reporter. */
export async function reportAsResident(
  c: CallContext,
  input: ResidentReportInput,
  files: UploadedPhoto[],
): Promise<{ id: number; number: string }> {
  const account = await confirmedAccountOf(c.deps, c.actor.userId);
  if (!account?.household_id) throw new AppError('FORBIDDEN', 403);
  const problems: FieldProblem[] = [];
  await checkCategory(c.deps, input.categoryId, problems);
  const description = checkDescription(input.description, problems);
  const location = input.location?.trim() || null;
  if (location && Array.from(location).length > LOCATION_MAX)
    problems.push(
      problem(
        'location',
        'location.too_long',
        `位置最多 ${LOCATION_MAX} 字`,
        `At most ${LOCATION_MAX} characters`,
      ),
    );
  const photos = checkPhotos(files, problems);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const room = account.household_room_label ?? account.room_text;
  const d = await cases.createCase(c, {
    title: titleFrom(description),
    description,
    categoryId: input.categoryId,
    source: 'resident',
    urgency: 'normal',
    householdId: account.household_id,
    address: `${account.community_name} ${room}${location ? ` ${location}` : ''}`,
  });
  await attachPhotos(c, d.id, photos);
  return { id: d.id, number: d.number };
}

// ---------------------------------------------------------------------------------------------
// tracking and rating without an account

type Scope = 'track' | 'rate';

async function throttled(deps: Deps, scope: Scope, number: string) {
  const since = iso(new Date(deps.clock.now().getTime() - FAILURE_WINDOW_MINUTES * 60_000));
  return (await repo.countFailures(deps.db, scope, number, since)) >= MAX_FAILURES;
}

async function failed(deps: Deps, audit: AuditContext, scope: Scope, number: string, caseId: number | null) {
  const now = deps.clock.now();
  await repo.insertFailure(deps.db, scope, number, audit.ip, iso(now));
  await repo.pruneFailures(deps.db, iso(new Date(now.getTime() - 24 * 3_600_000)));
  await recordAudit(
    deps.db,
    deps.kind,
    audit,
    {
      action: `case.public_${scope}`,
      entityType: 'case',
      entityId: caseId,
      outcome: 'failure',
      after: { number },
    },
    now,
  );
}

const tooMany = () => new AppError('RATE_LIMITED', 429);

/**
 * 进度查询: tracking number + the last 4 digits of the reporter's phone → the public timeline. A wrong number and
 * wrong digits get the same 404; every attempt is audited; after 5 failures in 15 minutes the number answers 429.
 */
export async function track(
  deps: Deps,
  audit: AuditContext,
  locale: Locale,
  input: { number: string; phoneLast4: string },
): Promise<PublicCase> {
  const number = normaliseNumber(input.number);
  if (await throttled(deps, 'track', number)) throw tooMany();
  const match = /^\d{4}$/.test(input.phoneLast4)
    ? await cases.matchReporterByPhone(deps, number, { last4: input.phoneLast4 })
    : null;
  if (!match) {
    await failed(deps, audit, 'track', number, null);
    throw new AppError('NOT_FOUND', 404);
  }
  const c = readerContext(deps, audit, locale);
  const d = await cases.getCase(c, match.id, { verifiedReporter: true });
  await recordAudit(
    deps.db,
    deps.kind,
    audit,
    { action: 'case.public_track', entityType: 'case', entityId: d.id, nodeId: d.nodeId, after: { number } },
    deps.clock.now(),
  );
  const view = presentPublicCase(d, locale, { withId: false });
  // A follower (a merged duplicate's reporter) follows; only the reporter rates.
  return match.as === 'reporter' ? view : { ...view, canRate: false };
}

export interface PublicRateInput {
  number: string;
  phone: string;
  rating: Rating;
  resolved: boolean;
  comment?: string;
  version: number;
}

/**
 * 评价 without an account: the reporter proves the FULL phone number. An unknown number is 404; a known number with
 * another phone is 403 CASE_NOT_REPORTER (audited, counted for the throttle); the rating itself goes through the
 * cases workflow as the verified reporter.
 */
export async function rate(
  deps: Deps,
  audit: AuditContext,
  locale: Locale,
  input: PublicRateInput,
): Promise<PublicCase> {
  const number = normaliseNumber(input.number);
  if (await throttled(deps, 'rate', number)) throw tooMany();
  const match = await cases.matchReporterByPhone(deps, number, { phone: input.phone });
  if (match?.as !== 'reporter') {
    const known = await cases.matchReporterByPhone(deps, number, { any: true });
    await failed(deps, audit, 'rate', number, known?.id ?? null);
    if (!known) throw new AppError('NOT_FOUND', 404);
    throw new AppError('CASE_NOT_REPORTER', 403, [
      problem(
        'phone',
        'CASE_NOT_REPORTER',
        '手机号与反映人留下的号码不一致，只有反映人本人可以评价',
        'Only the person who reported it can rate it: the number does not match',
      ),
    ]);
  }
  const c = readerContext(deps, audit, locale);
  const d = await cases.act(
    c,
    match.id,
    'rate',
    { version: input.version, rating: input.rating, resolved: input.resolved, comment: input.comment },
    { verifiedReporter: true },
  );
  return presentPublicCase(d, locale, { withId: false });
}

// ---------------------------------------------------------------------------------------------
// a signed-in resident's own cases

export interface MyCaseItem {
  id: number;
  number: string;
  title: string;
  categoryName: string;
  state: string;
  createdAt: string;
  canRate: boolean;
}

/** 我的反映: the cases the caller reported or follows, newest first. */
export async function myCases(c: CallContext): Promise<MyCaseItem[]> {
  const page = await cases.listCases(c, { view: 'all', sort: 'created', pageSize: 100 });
  return page.items.map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    categoryName: s.categoryName,
    state: s.state,
    createdAt: s.createdAt,
    canRate: s.state === 'awaiting_rating',
  }));
}

/** One of my cases in its public shape; rating goes through POST /api/cases/:id/actions/rate. */
export async function myCase(c: CallContext, id: number): Promise<PublicCase> {
  return presentPublicCase(await cases.getCase(c, id), c.locale, { withId: true });
}
