import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { roomLabel } from '../../common/registry.js';
import type { Deps } from '../context.js';
import { insertNameGrams } from '../modules/registry/registry.repository.js';
import type { Client } from './build-test-app.js';
import type { NodeRef } from './factories.js';

/** A building with every room (households, vacant) inserted straight into the tables (test data, no audit). */
export async function makeBuildingWithRooms(
  deps: Deps,
  node: NodeRef,
  number: string,
  units: number,
  floors: number,
  rooms: number,
  withRooms = true,
) {
  const at = deps.clock.now().toISOString();
  const b = await deps.db
    .insertInto('buildings')
    .values({
      node_id: node.id,
      number,
      name: null,
      address: null,
      type: 'residential',
      units,
      floors,
      rooms_per_floor: rooms,
      lat: null,
      lng: null,
      retired_at: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (withRooms)
    for (let u = 1; u <= units; u++)
      for (let f = 1; f <= floors; f++)
        for (let r = 1; r <= rooms; r++)
          await deps.db
            .insertInto('households')
            .values({
              building_id: b.id,
              node_id: node.id,
              unit_no: u,
              floor: f,
              room_no: r,
              room_label: roomLabel(number, u, f, r),
              use: 'owner',
              householder_id: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
  return { id: b.id, number };
}

/** A resident with an ID number, straight into the table. */
export async function makeResidentIn(deps: Deps, householdId: number, name: string, idNumber: string) {
  const h = await deps.db
    .selectFrom('households')
    .select(['node_id'])
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const at = deps.clock.now().toISOString();
  const r = await deps.db
    .insertInto('residents')
    .values({
      household_id: householdId,
      node_id: h.node_id,
      name,
      id_number_enc: deps.crypto.encrypt(idNumber),
      id_number_bidx: deps.crypto.blindIndex('id_number', idNumber),
      birth_date: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      sex: Number(idNumber[16]) % 2 ? 'male' : 'female',
      phone_enc: null,
      phone_bidx: null,
      relation: 'self',
      registered_here: 1,
      living_here: 1,
      political_status: 'masses',
      ethnicity: null,
      education: null,
      marital_status: null,
      occupation: null,
      employer: null,
      notes: null,
      status: 'active',
      moved_in_at: null,
      moved_out_at: null,
      created_at: at,
      updated_at: at,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await insertNameGrams(deps.db, [r]);
  return r.id;
}

/** Writes a real .xlsx to disk (first sheet = data) and returns its bytes. */
export async function writeXlsx(
  file: string,
  rows: Array<Array<string | number | null>>,
  opts: { sheetName?: string; before?: Array<{ name: string; rows: string[][] }> } = {},
) {
  const wb = new ExcelJS.Workbook();
  for (const s of opts.before ?? []) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  const ws = wb.addWorksheet(opts.sheetName ?? '居民导入');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Writes a UTF-8 CSV (with a BOM, as Excel does) to disk. */
export function writeCsv(file: string, rows: Array<Array<string | number | null>>, bom = true) {
  const q = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  writeFileSync(file, `${bom ? '\uFEFF' : ''}${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`);
  return file;
}

/** A multipart/form-data body with one file part. */
export function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----onegrid${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads a file to a dry run as the logged-in client. */
export function upload(app: FastifyInstance, client: Client, url: string, filename: string, content: Buffer) {
  const body = multipart(filename, content);
  return app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie: client.cookie, 'x-csrf-token': client.csrf },
  });
}
