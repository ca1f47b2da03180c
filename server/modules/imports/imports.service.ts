import { rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { LocalizedText } from '../../../common/i18n.js';
import { type Actor, authorize, isInSubtree } from '../../../common/permissions.js';
import type { Deps } from '../../context.js';
import { AppError } from '../../errors.js';
import type { AuditContext } from '../audit/audit.service.js';
import {
  type BulkBuilding,
  type BulkCounts,
  type BulkHousehold,
  type BulkResident,
  bulkImport,
} from '../registry/registry.bulk.js';
import { scopePaths } from '../registry/registry.policy.js';
import { readCsvBatches } from './csv-stream.js';
import { COLUMNS, type ImportKind, matchHeader } from './import-columns.js';
import { LineWriter, readLines } from './import-files.js';
import {
  FIRST_ERRORS,
  type ImportJob,
  type ImportJobStore,
  type JobEvent,
  type PendingRoom,
} from './import-jobs.js';
import { type CellValue, type CleanRow, isBlankRow, MSG, parseRow, type RowProblem } from './import-rows.js';
import * as repo from './imports.repository.js';
import { readXlsxSheets } from './xlsx-stream.js';

// Import use cases (docs/api-registry.md "Import / export"; issue 3 item 6): a dry run streams the file, checks
// every row (format, vocabularies, ID checksum, duplicates in the file and in the register, buildings, rooms,
// scope) and keeps the valid rows — encrypted — in a temp job; the commit writes all of them in ONE transaction or
// nothing. Scope: every row's place must be one the importer may write (person.write).

/** Who imports: a signed-in user (actor) or the operator at the command line (actor null: every right). */
export interface Importer {
  userId: number | null;
  audit: AuditContext;
  actor: Actor | null;
  source: 'web' | 'cli';
}

export interface UploadedFile {
  filename: string;
  stream: Readable;
  /** Upload size when known (Content-Length), for a percentage during validation. */
  size?: number | null;
}

export interface DryRunSummary {
  token: string;
  kind: ImportKind;
  nodeId: number | null;
  total: number;
  valid: number;
  errorCount: number;
  errors: RowProblem[];
}

const BATCH = 2000;
/** Share of each batch's encryption done on this thread; the crypto helper thread does the rest meanwhile. */
const MAIN_SHARE = 0.2;
const COMMIT_CHUNK = 5000;

const canWrite = (imp: Importer, nodePath: string) =>
  imp.actor === null || authorize(imp.actor, 'person.write', { path: nodePath });

/** Where the importer may write: the subtrees of their person.write roles (the whole tree at the command line). */
export function writeRoots(imp: Importer): string[] {
  return imp.actor === null ? ['/'] : scopePaths(imp.actor, 'person.write');
}

const fileError = (code: string, message: LocalizedText) =>
  new AppError(code, 400, [{ field: 'file', code, message }]);

export function formatOf(filename: string): 'csv' | 'xlsx' {
  const ext = path.extname(filename).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw fileError('IMPORT_FILE_INVALID', {
    zh: '只能上传 .xlsx 或 .csv 文件（.xls 请先在 Excel 中另存为 .xlsx）',
    en: 'Upload an .xlsx or .csv file (save .xls files as .xlsx first)',
  });
}

// ---------------------------------------------------------------------------------------------
// what the dry run knows about the target subtree

class ScopeCache {
  readonly nodesById = new Map<number, repo.NodeInfo>();
  private readonly nodesByCode = new Map<string, repo.NodeInfo | null>();
  /** buildings of the target subtree by number */
  private readonly targetByNumber = new Map<string, repo.BuildingInfo[]>();
  private readonly loadedPaths: string[] = [];
  private readonly buildingsByNode = new Map<number, repo.BuildingInfo[]>();
  readonly rooms = new Map<string, repo.RoomInfo>();
  private readonly communityNumbers = new Map<string, Set<string>>();

  constructor(
    private readonly deps: Deps,
    private readonly kind: ImportKind,
  ) {}

  async init(targetPaths: readonly string[]) {
    await this.load(targetPaths, true);
  }

  private async load(paths: readonly string[], target: boolean) {
    const fresh = paths.filter((p) => !this.loadedPaths.some((q) => p.startsWith(q)));
    if (!fresh.length) return;
    const nodes = await repo.nodesUnder(this.deps.db, fresh);
    this.loadedPaths.push(...fresh);
    for (const n of nodes) {
      this.nodesById.set(n.id, n);
      this.nodesByCode.set(n.code, n);
    }
    if (this.kind === 'buildings') return;
    const buildings = await repo.buildingsOfNodes(
      this.deps.db,
      nodes.map((n) => n.id),
    );
    for (const b of buildings) {
      this.buildingsByNode.set(b.nodeId, [...(this.buildingsByNode.get(b.nodeId) ?? []), b]);
      if (target) this.targetByNumber.set(b.number, [...(this.targetByNumber.get(b.number) ?? []), b]);
    }
    await repo.roomsOfBuildings(
      this.deps.db,
      buildings.map((b) => b.id),
      this.rooms,
    );
  }

  async node(code: string): Promise<repo.NodeInfo | null> {
    if (!this.nodesByCode.has(code)) {
      const n = (await repo.nodeByCode(this.deps.db, code)) ?? null;
      this.nodesByCode.set(code, n);
      if (n) this.nodesById.set(n.id, n);
    }
    return this.nodesByCode.get(code) ?? null;
  }

  /** Codes whose node (and, when writable, its subtree) is loaded: rows naming them are checked without waiting. */
  private readonly preparedCodes = new Set<string>();
  private readonly buildingsUnder = new Map<string, repo.BuildingInfo[]>();

  isPrepared(code: string): boolean {
    return this.preparedCodes.has(code);
  }

  /** Loads a node by code and, when the importer may write there, its subtree's buildings and rooms. */
  async prepare(code: string, writable: (path: string) => boolean): Promise<void> {
    const n = await this.node(code);
    if (n && !n.retired && writable(n.path)) await this.load([n.path], false);
    this.preparedCodes.add(code);
  }

  /** The node of a prepared code (null when there is none). */
  preparedNode(code: string): repo.NodeInfo | null {
    return this.nodesByCode.get(code) ?? null;
  }

  /** Buildings numbered `number` in the whole target, or under a node whose subtree is loaded (see prepare). */
  buildingsLoaded(number: string, under: repo.NodeInfo | null): repo.BuildingInfo[] {
    if (!under) return this.targetByNumber.get(number) ?? [];
    const key = `${under.id}|${number}`;
    let out = this.buildingsUnder.get(key);
    if (!out) {
      out = [];
      for (const n of this.nodesById.values())
        if (isInSubtree(n.path, under.path))
          for (const b of this.buildingsByNode.get(n.id) ?? []) if (b.number === number) out.push(b);
      this.buildingsUnder.set(key, out);
    }
    return out;
  }

  /** Buildings numbered `number` under a node (loading that subtree on first use) or in the whole target. */
  async buildings(number: string, under: repo.NodeInfo | null): Promise<repo.BuildingInfo[]> {
    if (!under) return this.targetByNumber.get(number) ?? [];
    await this.load([under.path], false);
    const out: repo.BuildingInfo[] = [];
    for (const n of this.nodesById.values())
      if (isInSubtree(n.path, under.path))
        for (const b of this.buildingsByNode.get(n.id) ?? []) if (b.number === number) out.push(b);
    return out;
  }

  pathOf(nodeId: number): string {
    return this.nodesById.get(nodeId)?.path ?? '';
  }

  /** The community a micro-grid belongs to (building numbers are unique per community). */
  async communityPath(node: repo.NodeInfo): Promise<string> {
    const ids = node.path.split('/').filter(Boolean).map(Number);
    const missing = ids.filter((id) => !this.nodesById.has(id));
    for (const n of await repo.nodesByIds(this.deps.db, missing)) this.nodesById.set(n.id, n);
    const community = ids.map((id) => this.nodesById.get(id)).find((n) => n?.level === 'community');
    return community?.path ?? node.path;
  }

  async numbersIn(communityPath: string): Promise<Set<string>> {
    let s = this.communityNumbers.get(communityPath);
    if (!s) {
      s = await repo.buildingNumbersUnder(this.deps.db, communityPath);
      this.communityNumbers.set(communityPath, s);
    }
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// dry run

interface Pending {
  row: number;
  problems: RowProblem[];
  values: CleanRow;
  out?: unknown;
  bidx?: string;
  pendingRoom?: [string, PendingRoom];
}

const header = (kind: ImportKind, key: string) => COLUMNS[kind].find((c) => c.key === key)?.header ?? key;

/**
 * The line kept for a valid resident (a compact array: this file is written and read back once per row): its
 * household id (0: the room is created at commit, key k), its node, then the stored form — sensitive values only
 * as ciphertext and blind index.
 */
export type ResidentLine = [
  h: number,
  k: string,
  n: number,
  name: string,
  idNumberEnc: string | null,
  idNumberBidx: string | null,
  birthDate: string | null,
  sex: string | null,
  phoneEnc: string | null,
  phoneBidx: string | null,
  relation: string,
  registeredHere: number,
  livingHere: number,
  politicalStatus: string,
  ethnicity: string | null,
  education: string | null,
  maritalStatus: string | null,
  occupation: string | null,
  employer: string | null,
  notes: string | null,
  movedInAt: string | null,
];

function residentOf(l: ResidentLine, householdId: number): BulkResident {
  return {
    householdId,
    nodeId: l[2],
    name: l[3],
    idNumberEnc: l[4],
    idNumberBidx: l[5],
    birthDate: l[6],
    sex: l[7],
    phoneEnc: l[8],
    phoneBidx: l[9],
    relation: l[10],
    registeredHere: l[11],
    livingHere: l[12],
    politicalStatus: l[13],
    ethnicity: l[14],
    education: l[15],
    maritalStatus: l[16],
    occupation: l[17],
    employer: l[18],
    notes: l[19],
    movedInAt: l[20],
  };
}
export type HouseholdLine = { op: 'u'; id: number; use: string } | ({ op: 'i' } & BulkHousehold);

class DryRun {
  private readonly scope: ScopeCache;
  private readonly today: Date;
  private readonly idsInFile = new Map<string, number>();
  private readonly roomsInFile = new Map<string, number>();
  private readonly buildingsInFile = new Map<string, number>();
  private batch: Pending[] = [];
  private readonly valid: LineWriter;
  private readonly errors: LineWriter;
  bytes = 0;

  constructor(
    private readonly deps: Deps,
    private readonly imp: Importer,
    private readonly job: ImportJob,
    private readonly kind: ImportKind,
    private readonly emit: (ev: JobEvent) => void,
    private readonly size: number | null,
  ) {
    this.scope = new ScopeCache(deps, kind);
    this.today = deps.clock.now();
    this.valid = new LineWriter(job.validPath);
    this.errors = new LineWriter(job.errorsPath);
  }

  async init(targetPaths: readonly string[]) {
    await this.scope.init(targetPaths);
  }

  private problem(p: Pending, key: string, code: string, message: LocalizedText) {
    p.problems.push({ row: p.row, column: header(this.kind, key), code, message });
  }

  /** True when a row names a micro-grid code whose subtree is not loaded yet (the row must wait for a query). */
  private needsScope(p: Pending): boolean {
    const code = p.values.nodeCode;
    return code !== undefined && code !== null && code !== '' && !this.scope.isPrepared(String(code));
  }

  private prepareScope(p: Pending): Promise<void> {
    return this.scope.prepare(String(p.values.nodeCode), (path) => canWrite(this.imp, path));
  }

  /**
   * Finds the building of a room label and checks scope and bounds; null when the row already failed. The row's
   * micro-grid code, if any, must be prepared (needsScope false).
   */
  private place(p: Pending) {
    const v = p.values;
    if (v.roomBuilding === undefined || v.roomBuilding === null) return null;
    let under: repo.NodeInfo | null = null;
    if (v.nodeCode) {
      under = this.scope.preparedNode(String(v.nodeCode));
      if (!under || under.retired) {
        this.problem(p, 'nodeCode', 'IMPORT_UNKNOWN_NODE', MSG.unknownNode);
        return null;
      }
      if (!canWrite(this.imp, under.path)) {
        this.problem(p, 'nodeCode', 'IMPORT_OUT_OF_SCOPE', MSG.outOfScope);
        return null;
      }
    }
    const number = String(v.roomBuilding);
    const found = this.scope.buildingsLoaded(number, under);
    if (found.length === 0) {
      this.problem(p, 'roomLabel', 'IMPORT_UNKNOWN_BUILDING', MSG.unknownBuilding(number));
      return null;
    }
    if (found.length > 1) {
      this.problem(p, 'roomLabel', 'IMPORT_AMBIGUOUS_BUILDING', MSG.ambiguousBuilding(number));
      return null;
    }
    const b = found[0];
    if (!canWrite(this.imp, this.scope.pathOf(b.nodeId))) {
      this.problem(p, 'roomLabel', 'IMPORT_OUT_OF_SCOPE', MSG.outOfScope);
      return null;
    }
    const unit = Number(v.roomUnit);
    const floor = Number(v.roomFloor);
    const room = Number(v.roomNo);
    if (unit > b.units || floor > b.floors || room > b.roomsPerFloor) {
      this.problem(
        p,
        'roomLabel',
        'IMPORT_ROOM_OUTSIDE',
        MSG.roomOutside(b.units, b.floors, b.roomsPerFloor),
      );
      return null;
    }
    const key = `${b.id}:${unit}:${floor}:${room}`;
    return { b, key, unit, floor, room, existing: this.scope.rooms.get(key) };
  }

  /**
   * Checks one row. Synchronous unless the row needs a database look-up (a micro-grid code seen for the first time,
   * a full batch to check against the register): rows go through without a promise each.
   */
  row(rowNumber: number, cells: CellValue[]): void | Promise<void> {
    const { values, problems } = parseRow(this.kind, this.indexOf(), cells, rowNumber, this.today);
    const p: Pending = { row: rowNumber, problems, values };
    if (this.kind === 'buildings') return this.buildingRow(p).then(() => this.add(p));
    if (this.needsScope(p)) return this.prepareScope(p).then(() => this.checkRow(p));
    return this.checkRow(p);
  }

  private checkRow(p: Pending): void | Promise<void> {
    if (this.kind === 'households') this.householdRow(p);
    else this.residentRow(p);
    return this.add(p);
  }

  private add(p: Pending): void | Promise<void> {
    this.batch.push(p);
    if (this.batch.length >= BATCH) return this.flush();
  }

  private index: Map<string, number> | null = null;
  setIndex(index: Map<string, number>) {
    this.index = index;
  }
  private indexOf() {
    return this.index!;
  }

  private async buildingRow(p: Pending) {
    const v = p.values;
    if (!v.nodeCode) return;
    const node = await this.scope.node(String(v.nodeCode));
    if (!node || node.retired) return this.problem(p, 'nodeCode', 'IMPORT_UNKNOWN_NODE', MSG.unknownNode);
    if (!canWrite(this.imp, node.path))
      return this.problem(p, 'nodeCode', 'IMPORT_OUT_OF_SCOPE', MSG.outOfScope);
    if (node.level !== 'microgrid')
      return this.problem(p, 'nodeCode', 'IMPORT_NOT_MICROGRID', MSG.notMicrogrid);
    if (v.number === null || v.number === undefined) return;
    const community = await this.scope.communityPath(node);
    const key = `${community}|${v.number}`;
    const seen = this.buildingsInFile.get(key);
    if (seen !== undefined)
      this.problem(p, 'number', 'IMPORT_DUPLICATE_BUILDING', MSG.duplicateBuildingInFile(seen));
    else if ((await this.scope.numbersIn(community)).has(String(v.number)))
      this.problem(p, 'number', 'IMPORT_BUILDING_EXISTS', MSG.buildingExists);
    else this.buildingsInFile.set(key, p.row);
    const out: BulkBuilding = {
      nodeId: node.id,
      number: String(v.number),
      name: (v.name as string | null) ?? null,
      address: (v.address as string | null) ?? null,
      type: String(v.type ?? 'residential'),
      units: Number(v.units),
      floors: Number(v.floors),
      roomsPerFloor: Number(v.roomsPerFloor),
      lat: v.lat === null || v.lat === undefined ? null : Number(v.lat),
      lng: v.lng === null || v.lng === undefined ? null : Number(v.lng),
    };
    p.out = out;
  }

  private householdRow(p: Pending) {
    const place = this.place(p);
    if (!place) return;
    const seen = this.roomsInFile.get(place.key);
    if (seen !== undefined)
      return this.problem(p, 'roomLabel', 'IMPORT_DUPLICATE_ROOM', MSG.duplicateRoomInFile(seen));
    this.roomsInFile.set(place.key, p.row);
    const use = String(p.values.use ?? '');
    const line: HouseholdLine = place.existing
      ? { op: 'u', id: place.existing.id, use }
      : {
          op: 'i',
          buildingId: place.b.id,
          buildingNumber: place.b.number,
          nodeId: place.b.nodeId,
          unitNo: place.unit,
          floor: place.floor,
          roomNo: place.room,
          use,
        };
    p.out = line;
  }

  private residentRow(p: Pending) {
    const v = p.values;
    const idNumber = v.idNumber as string | null | undefined;
    if (idNumber) {
      // normalised by parseRow (upper-case X), so equal numbers are equal strings
      const seen = this.idsInFile.get(idNumber);
      if (seen !== undefined) this.problem(p, 'idNumber', 'IMPORT_DUPLICATE_ID', MSG.duplicateIdInFile(seen));
      else this.idsInFile.set(idNumber, p.row);
    }
    const place = this.place(p);
    if (!place || p.problems.length) return;
    p.pendingRoom = place.existing
      ? undefined
      : [
          place.key,
          {
            buildingId: place.b.id,
            buildingNumber: place.b.number,
            nodeId: place.b.nodeId,
            unitNo: place.unit,
            floor: place.floor,
            roomNo: place.room,
          },
        ];
    // parseRow has checked and normalised every value (ID checksum and derived birth date and sex, mobile number,
    // vocabularies): what is left is the stored form. The ID number and phone (plain here, at [4] and [8]) are
    // replaced by their ciphertext and blind indexes for the whole batch at once (seal) before the line is kept.
    const phone = v.phone as string | null | undefined;
    const line: ResidentLine = [
      place.existing?.id ?? 0,
      place.key,
      place.b.nodeId,
      String(v.name),
      idNumber || null,
      null,
      idNumber ? (v.birthDate as string) : null,
      idNumber ? (v.sex as string) : null,
      phone || null,
      null,
      String(v.relation),
      v.registeredHere === 0 ? 0 : 1,
      v.livingHere === 0 ? 0 : 1,
      String(v.politicalStatus ?? 'masses'),
      (v.ethnicity as string | null) ?? null,
      (v.education as string | null) ?? null,
      (v.maritalStatus as string | null) ?? null,
      (v.occupation as string | null) ?? null,
      (v.employer as string | null) ?? null,
      (v.notes as string | null) ?? null,
      (v.movedInAt as string | null) ?? null,
    ];
    p.out = line;
  }

  /** The batch before the current one, until its rows are sealed and written (rows stay in file order). */
  private inFlight: Promise<void> = Promise.resolve();

  /**
   * Hands a full batch on: its ID numbers and phones are encrypted and indexed (mostly on the crypto helper thread)
   * while this thread parses the next batch; then the batch is checked against the register and written. Waits
   * only for the previous batch, so at most two batches are in memory.
   */
  async flush() {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    const previous = this.inFlight;
    const sealed = this.kind === 'residents' ? this.seal(batch) : null;
    const current = (async () => {
      await previous;
      if (sealed) await sealed;
      await this.finish(batch);
    })();
    current.catch(() => {}); // awaited by the next flush or close; this only keeps it from counting as unhandled
    this.inFlight = current;
    await previous;
  }

  private async seal(batch: Pending[]) {
    const kinds: string[] = [];
    const values: string[] = [];
    for (const p of batch) {
      if (p.problems.length) continue;
      const l = p.out as ResidentLine;
      if (l[4]) {
        kinds.push('id_number');
        values.push(l[4]);
      }
      if (l[8]) {
        kinds.push('phone');
        values.push(l[8]);
      }
    }
    const out = values.length ? await this.deps.crypto.sealMany(kinds, values, MAIN_SHARE) : [];
    let k = 0;
    for (const p of batch) {
      if (p.problems.length) continue;
      const l = p.out as ResidentLine;
      if (l[4]) {
        l[4] = out[k++];
        l[5] = p.bidx = out[k++];
      }
      if (l[8]) {
        l[8] = out[k++];
        l[9] = out[k++];
      }
    }
  }

  private async finish(batch: Pending[]) {
    if (this.kind === 'residents') {
      const ask = batch.filter((p) => p.bidx && !p.problems.length).map((p) => p.bidx!);
      const known = ask.length ? await repo.registeredIdIndexes(this.deps.db, ask) : new Set<string>();
      for (const p of batch)
        if (p.bidx && known.has(p.bidx))
          this.problem(p, 'idNumber', 'IMPORT_ID_REGISTERED', MSG.duplicateIdInDb);
    }
    const job = this.job;
    for (const p of batch) {
      job.total++;
      if (p.problems.length) {
        job.errorCount += p.problems.length;
        for (const e of p.problems) {
          this.errors.push(e);
          if (job.firstErrors.length < FIRST_ERRORS) job.firstErrors.push(e);
        }
      } else {
        job.valid++;
        this.valid.push(p.out);
        if (p.pendingRoom) job.pendingRooms.set(p.pendingRoom[0], p.pendingRoom[1]);
      }
    }
    await Promise.all([this.errors.flush(), this.valid.flush()]);
    job.processed = job.total;
    job.percent = this.size ? Math.min(99, Math.floor((this.bytes / this.size) * 100)) : null;
    this.emit({
      phase: 'validate',
      state: job.state,
      processed: job.total,
      total: null,
      percent: job.percent,
    });
  }

  async close() {
    await this.flush();
    await this.inFlight;
    await Promise.all([this.errors.close(), this.valid.close()]);
  }

  abort() {
    this.errors.destroy();
    this.valid.destroy();
  }
}

export type Sheet = { name: string; rows: AsyncGenerator<Array<{ row: number; cells: CellValue[] }>> };

export async function* sheetsOf(format: 'csv' | 'xlsx', stream: Readable): AsyncGenerator<Sheet> {
  if (format === 'xlsx') {
    yield* readXlsxSheets(stream);
    return;
  }
  const records = readCsvBatches(stream);
  async function* rows() {
    while (true) {
      const r = await records.next();
      if (r.done) {
        if (r.value.unterminated)
          throw fileError('IMPORT_FILE_INVALID', {
            zh: 'CSV 文件中有未闭合的引号，文件可能不完整',
            en: 'The CSV file has an unclosed quote; it may be cut short',
          });
        return;
      }
      yield r.value;
    }
  }
  yield { name: '', rows: rows() };
}

const unreadable = () =>
  fileError('IMPORT_FILE_INVALID', {
    zh: '文件无法读取：请确认是 Excel（.xlsx）或 CSV 文件且没有损坏',
    en: 'The file cannot be read; make sure it is an undamaged .xlsx or .csv file',
  });

/**
 * Validates a whole upload without writing anything to the register; keeps the valid rows in the job and returns
 * the counts and the first 1,000 problems. A wrong file, sheet or header language is one file-level 400.
 */
export async function dryRun(
  deps: Deps,
  imp: Importer,
  store: ImportJobStore,
  job: ImportJob,
  kind: ImportKind,
  file: UploadedFile,
  targetPaths: readonly string[],
  targetNodeId: number | null,
): Promise<DryRunSummary> {
  if (job.state !== 'waiting') throw new AppError('CONFLICT', 409);
  job.kind = kind;
  job.nodeId = targetNodeId;
  job.state = 'validating';
  const emit = (ev: JobEvent) => store.emit(job, ev);
  const format = (() => {
    try {
      return formatOf(file.filename);
    } catch (e) {
      job.state = 'failed';
      file.stream.resume();
      throw e;
    }
  })();
  const run = new DryRun(deps, imp, job, kind, emit, file.size ?? null);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      run.bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const counted = pipeline(file.stream, counter, () => {});
  try {
    job.auditMark = await repo.lastAuditId(deps.db);
    await run.init(targetPaths);
    let matched = false;
    let firstBad: ReturnType<typeof matchHeader> | null = null;
    try {
      for await (const sheet of sheetsOf(format, counted)) {
        const skip = matched || sheet.name === '说明';
        let index: Map<string, number> | null = null;
        let bad = false;
        rows: for await (const batch of sheet.rows) {
          if (skip || bad) continue;
          for (const r of batch) {
            if (!index) {
              if (isBlankRow(r.cells)) continue;
              const h = matchHeader(kind, r.cells);
              if (!h.ok) {
                firstBad ??= h;
                bad = true;
                if (format === 'csv') break rows;
                continue rows;
              }
              index = h.index;
              matched = true;
              run.setIndex(index);
              continue;
            }
            if (isBlankRow(r.cells)) continue;
            const wait = run.row(r.row, r.cells);
            if (wait) await wait;
          }
        }
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw fileError('IMPORT_FILE_INVALID', {
          zh: '文件超过 50 MB，请分成几个文件导入',
          en: 'The file is larger than 50 MB; split it into several files',
        });
      throw unreadable();
    }
    if (!matched) {
      const missing =
        firstBad && !firstBad.ok
          ? firstBad.missing
          : COLUMNS[kind].filter((c) => c.required).map((c) => c.header);
      if (firstBad && !firstBad.ok && firstBad.reason === 'language')
        throw fileError('IMPORT_HEADER_LANGUAGE', {
          zh: '表头是英文的：请下载中文模板，按模板的中文表头填写',
          en: 'The header row is in English; download the template and keep its Chinese headers',
        });
      throw fileError('IMPORT_HEADER_INVALID', {
        zh: `找不到必需的列：${missing.join('、')}。请确认选对了导入类型和工作表，并使用下载的模板`,
        en: `Required columns are missing (${missing.join(', ')}); check the import kind and the sheet, and use the template`,
      });
    }
    await run.close();
    if (job.total === 0)
      throw fileError('IMPORT_EMPTY', { zh: '文件中没有数据行', en: 'The file has no data rows' });
    job.state = 'ready';
    job.percent = 100;
    emit({ phase: 'validate', state: 'ready', processed: job.total, total: job.total, percent: 100 });
    return {
      token: job.token,
      kind,
      nodeId: targetNodeId,
      total: job.total,
      valid: job.valid,
      errorCount: job.errorCount,
      errors: job.firstErrors,
    };
  } catch (e) {
    run.abort();
    counted.resume();
    job.state = 'failed';
    emit({ phase: 'validate', state: 'failed', processed: job.total, total: null, percent: null });
    rmSync(job.validPath, { force: true });
    rmSync(job.errorsPath, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// commit

const isUniqueViolation = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  'code' in err &&
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(
    String((err as { code: unknown }).code),
  );

const stale = () =>
  new AppError('IMPORT_STALE', 409, [
    {
      field: 'file',
      code: 'IMPORT_STALE',
      message: {
        zh: '试导入之后数据已有变化（例如同一身份证号已被登记），本次没有写入任何数据；请重新上传校验',
        en: 'The register changed since the dry run (e.g. an ID number was registered); nothing was written — upload again',
      },
    },
  ]);

/** Rooms a building gets on creation: one vacant household per unit × floor × room (as POST /buildings). */
function roomsOf(b: BulkBuilding, id: number): BulkHousehold[] {
  const out: BulkHousehold[] = [];
  for (let u = 1; u <= b.units; u++)
    for (let f = 1; f <= b.floors; f++)
      for (let r = 1; r <= b.roomsPerFloor; r++)
        out.push({
          buildingId: id,
          buildingNumber: b.number,
          nodeId: b.nodeId,
          unitNo: u,
          floor: f,
          roomNo: r,
          use: 'vacant',
        });
  return out;
}

/**
 * Writes every valid row of a dry run in ONE transaction with one summary audit row, or nothing: a row that became
 * invalid since (same ID registered meanwhile, room created meanwhile) aborts the whole commit with 409.
 */
export async function commitJob(
  deps: Deps,
  imp: Importer,
  store: ImportJobStore,
  job: ImportJob,
): Promise<{ inserted: number; updated: number; counts: BulkCounts }> {
  if (job.state !== 'ready' || !job.kind) throw new AppError('CONFLICT', 409);
  if (job.valid === 0)
    throw fileError('IMPORT_EMPTY', { zh: '没有可导入的有效行', en: 'There are no valid rows to import' });
  const kind = job.kind;
  job.state = 'committing';
  let done = 0;
  const progress = (n: number) => {
    done += n;
    store.emit(job, {
      phase: 'commit',
      state: 'committing',
      processed: done,
      total: job.valid,
      percent: Math.floor((done / job.valid) * 100),
    });
  };
  try {
    const { counts } = await bulkImport(
      deps,
      imp.audit,
      {
        kind,
        nodeId: job.nodeId,
        fileRows: job.total,
        rejectedRows: job.total - job.valid,
        source: imp.source,
      },
      async (w) => {
        if (kind === 'buildings') {
          for await (const chunk of readLines<BulkBuilding>(job.validPath, 2000)) {
            const ids = await w.buildings(chunk);
            let rooms: BulkHousehold[] = [];
            for (const [i, b] of chunk.entries()) {
              rooms.push(...roomsOf(b, ids[i]));
              if (rooms.length >= COMMIT_CHUNK) {
                await w.households(rooms);
                rooms = [];
              }
            }
            if (rooms.length) await w.households(rooms);
            progress(chunk.length);
          }
        } else if (kind === 'households') {
          for await (const chunk of readLines<HouseholdLine>(job.validPath, COMMIT_CHUNK)) {
            const inserts = chunk.filter((l): l is { op: 'i' } & BulkHousehold => l.op === 'i');
            const updates = chunk.filter((l): l is { op: 'u'; id: number; use: string } => l.op === 'u');
            if (inserts.length) await w.households(inserts);
            if (updates.length) await w.householdUses(updates);
            progress(chunk.length);
          }
        } else {
          const roomIds = new Map<string, number>();
          if (job.pendingRooms.size) {
            const wanted = [...job.pendingRooms.entries()];
            const existing = new Map<string, repo.RoomInfo>();
            await repo.roomsOfBuildings(w.tx, [...new Set(wanted.map(([, r]) => r.buildingId))], existing);
            const create = wanted.filter(([k]) => !existing.has(k));
            for (const [k] of wanted) if (existing.has(k)) roomIds.set(k, existing.get(k)!.id);
            for (const part of repo.chunks(create, COMMIT_CHUNK)) {
              const ids = await w.households(part.map(([, r]) => ({ ...r, use: 'owner' })));
              part.forEach(([k], i) => {
                roomIds.set(k, ids[i]);
              });
            }
          }
          // The dry run checked every ID number against the register; only if something was written since (the
          // audit log moved on) can one have been registered meanwhile, and then every row is checked again.
          const recheck = job.auditMark === null || (await repo.lastAuditId(w.tx)) !== job.auditMark;
          for await (const chunk of readLines<ResidentLine>(job.validPath, COMMIT_CHUNK)) {
            const bidx: string[] = [];
            if (recheck) for (const l of chunk) if (l[5]) bidx.push(l[5]);
            if (bidx.length && (await repo.registeredIdIndexes(w.tx, bidx)).size) throw stale();
            await w.residents(chunk.map((l) => residentOf(l, l[0] || roomIds.get(l[1])!)));
            progress(chunk.length);
          }
        }
      },
    );
    job.state = 'committed';
    const inserted = counts.buildings + counts.households + counts.residents;
    job.inserted =
      kind === 'residents' ? counts.residents : kind === 'buildings' ? counts.buildings : counts.households;
    store.emit(job, {
      phase: 'commit',
      state: 'committed',
      processed: job.valid,
      total: job.valid,
      percent: 100,
    });
    rmSync(job.validPath, { force: true });
    return { inserted: job.inserted ?? inserted, updated: counts.householdsUpdated, counts };
  } catch (e) {
    job.state = 'ready';
    store.emit(job, { phase: 'commit', state: 'failed', processed: 0, total: job.valid, percent: null });
    if (isUniqueViolation(e)) throw stale();
    throw e;
  }
}
