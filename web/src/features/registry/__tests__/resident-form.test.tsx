import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '../../../../../common/id-number';
import { configureApi, resetApiConfig } from '../../../lib/api';
import { renderWithProviders, scriptedFetch } from '../../../testing/render-with-providers';
import type { ResidentDetail } from '../api/types';
import { checkIdNumber, deriveFromIdNumber, ResidentFormModal } from '../components/resident-form-modal';

// 1949-12-31, sequence 002 → even → female; 1990-06-15, sequence 013 → odd → male.
const WOMAN_1949 = makeIdNumber('110105', '19491231', '002');
const MAN_1990 = makeIdNumber('330681', '19900615', '013');
const TODAY = new Date('2026-03-01T12:00:00');

function badChecksum(id: string): string {
  const last = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

afterEach(() => resetApiConfig());

describe('ID number rules in the resident form', () => {
  it('when the number is valid, then no problem is reported and birth date, sex and age are read from it', () => {
    expect(checkIdNumber(WOMAN_1949, 'zh-CN', TODAY)).toBeNull();
    expect(deriveFromIdNumber(WOMAN_1949, TODAY)).toEqual({
      idNumber: WOMAN_1949,
      birthDate: '1949-12-31',
      sex: 'female',
      age: 76,
    });
    expect(deriveFromIdNumber(MAN_1990, TODAY)?.sex).toBe('male');
  });

  it('when the number is typed with spaces, full-width digits or a small x, then it is normalised', () => {
    const withX = makeIdNumber('110101', '19800101', '001');
    const spaced = `${MAN_1990.slice(0, 6)} ${MAN_1990.slice(6, 14)} ${MAN_1990.slice(14)}`;
    expect(deriveFromIdNumber(spaced, TODAY)?.idNumber).toBe(MAN_1990);
    const fullWidth = MAN_1990.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(deriveFromIdNumber(fullWidth, TODAY)?.idNumber).toBe(MAN_1990);
    expect(deriveFromIdNumber(withX.toLowerCase(), TODAY)?.idNumber).toBe(withX);
  });

  it('explains each kind of bad number in the UI language', () => {
    expect(checkIdNumber(badChecksum(MAN_1990), 'zh-CN', TODAY)).toBe('身份证号码校验位不正确，请核对');
    expect(checkIdNumber('11010519490230002X', 'zh-CN', TODAY)).toBe('身份证号码中的出生日期不存在');
    expect(checkIdNumber('12345', 'zh-CN', TODAY)).toBe('身份证号码应为 18 位（或旧版 15 位）');
    expect(checkIdNumber(badChecksum(MAN_1990), 'en', TODAY)).toMatch(/check digit/);
    expect(deriveFromIdNumber(badChecksum(MAN_1990), TODAY)).toBeNull();
  });

  it('when the field is empty, then it is accepted (a child may have no number yet)', () => {
    expect(checkIdNumber('', 'zh-CN')).toBeNull();
    expect(checkIdNumber(undefined, 'zh-CN')).toBeNull();
    expect(deriveFromIdNumber('  ')).toBeNull();
  });
});

const household = { id: 7, roomLabel: '3-2-501' };

function saved(overrides: Partial<ResidentDetail> = {}): ResidentDetail {
  return {
    id: 501,
    householdId: 7,
    roomLabel: '3-2-501',
    name: '王秀英',
    sex: 'female',
    age: 76,
    birthDate: '1949-12',
    idNumberMasked: '110***********0028',
    phoneMasked: '138****1234',
    relation: 'self',
    registeredHere: true,
    livingHere: true,
    politicalStatus: 'masses',
    status: 'active',
    tags: [],
    allowedActions: [],
    ethnicity: '汉族',
    education: null,
    maritalStatus: null,
    occupation: null,
    employer: null,
    notes: null,
    movedInAt: '2026-03-01',
    movedOutAt: null,
    history: [],
    ...overrides,
  };
}

describe('ResidentFormModal (登记居民)', () => {
  it('when a valid ID number is typed, then birth date and sex appear read-only', async () => {
    renderWithProviders(<ResidentFormModal open mode="create" household={household} onClose={vi.fn()} />);
    fireEvent.change(await screen.findByTestId('resident-idnumber'), { target: { value: WOMAN_1949 } });
    expect((await screen.findByTestId('resident-birthdate')).textContent).toBe('1949-12-31');
    expect(screen.getByTestId('resident-sex').textContent).toContain('女');
    // Derived facts are shown, never offered as inputs.
    expect(screen.queryByLabelText('出生日期')).toBeNull();
    expect(screen.queryByLabelText('性别')).toBeNull();
  });

  it('when the check digit is wrong, then the field says so and nothing is sent', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 201, body: saved() }]);
    configureApi({ fetchImpl });
    renderWithProviders(<ResidentFormModal open mode="create" household={household} onClose={vi.fn()} />);
    fireEvent.change(await screen.findByTestId('resident-name'), { target: { value: '王秀英' } });
    fireEvent.change(screen.getByTestId('resident-idnumber'), { target: { value: badChecksum(WOMAN_1949) } });
    fireEvent.click(screen.getByTestId('resident-save'));
    expect(await screen.findByText('身份证号码校验位不正确，请核对')).toBeTruthy();
    expect(screen.queryByTestId('resident-derived')).toBeNull();
    expect(requests).toHaveLength(0);
  });

  it('when the phone is not a mobile number, then the form refuses it', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 201, body: saved() }]);
    configureApi({ fetchImpl });
    renderWithProviders(<ResidentFormModal open mode="create" household={household} onClose={vi.fn()} />);
    fireEvent.change(await screen.findByTestId('resident-name'), { target: { value: '王秀英' } });
    fireEvent.change(screen.getByTestId('resident-phone'), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('resident-save'));
    expect(await screen.findByText('请输入正确的 11 位手机号码')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });

  it('when everything is valid, then the normalised ID and phone go to the household', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 201, body: saved() }]);
    configureApi({ fetchImpl });
    const onDone = vi.fn();
    const onClose = vi.fn();
    renderWithProviders(
      <ResidentFormModal open mode="create" household={household} onClose={onClose} onDone={onDone} />,
    );
    fireEvent.change(await screen.findByTestId('resident-name'), { target: { value: ' 王秀英 ' } });
    fireEvent.change(screen.getByTestId('resident-idnumber'), {
      target: { value: ` ${WOMAN_1949.toLowerCase()} ` },
    });
    fireEvent.change(screen.getByTestId('resident-phone'), { target: { value: '+86 138-1234-1234' } });
    fireEvent.click(screen.getByTestId('resident-save'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(saved()));
    expect(onClose).toHaveBeenCalled();
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/api/registry/residents');
    expect(requests[0]?.body).toMatchObject({
      householdId: 7,
      name: '王秀英',
      idNumber: WOMAN_1949,
      phone: '13812341234',
      relation: 'self',
      registeredHere: true,
      livingHere: true,
      politicalStatus: 'masses',
      ethnicity: '汉族',
    });
    const body = requests[0]?.body as { movedInAt?: string; birthDate?: string; sex?: string };
    expect(body.movedInAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Birth date and sex are the server's to derive from the number, never sent alongside it.
    expect(body).not.toHaveProperty('birthDate');
    expect(body).not.toHaveProperty('sex');
  });

  it('when the server finds the ID number already on file, then its message appears under the ID field', async () => {
    const { fetchImpl } = scriptedFetch([
      {
        status: 409,
        body: {
          error: {
            code: 'RESIDENT_DUPLICATE_ID',
            message: '该身份证号码已登记',
            details: [
              { field: 'idNumber', code: 'RESIDENT_DUPLICATE_ID', message: '该身份证号码已登记在 5-1-302' },
            ],
          },
        },
      },
    ]);
    configureApi({ fetchImpl });
    renderWithProviders(<ResidentFormModal open mode="create" household={household} onClose={vi.fn()} />);
    fireEvent.change(await screen.findByTestId('resident-name'), { target: { value: '王秀英' } });
    fireEvent.change(screen.getByTestId('resident-idnumber'), { target: { value: WOMAN_1949 } });
    fireEvent.click(screen.getByTestId('resident-save'));
    const message = await screen.findByText('该身份证号码已登记在 5-1-302');
    expect(
      message.closest('.ant-form-item')?.querySelector('[data-testid="resident-idnumber"]'),
    ).toBeTruthy();
  });

  it('when editing, then the masked ID stays on file unless a new number is typed', async () => {
    const { fetchImpl, requests } = scriptedFetch([{ status: 200, body: saved({ occupation: '退休' }) }]);
    configureApi({ fetchImpl });
    renderWithProviders(<ResidentFormModal open mode="edit" resident={saved()} onClose={vi.fn()} />);
    expect(await screen.findByText('已登记：110***********0028（留空则不修改）')).toBeTruthy();
    // The stored (year-month) birth date and sex still show, read-only.
    expect(screen.getByTestId('resident-birthdate').textContent).toBe('1949-12');
    fireEvent.change(screen.getByTestId('resident-name'), { target: { value: '王秀英 ' } });
    fireEvent.click(screen.getByText('职业').closest('.ant-form-item')?.querySelector('input') as Element);
    fireEvent.change(screen.getByText('职业').closest('.ant-form-item')?.querySelector('input') as Element, {
      target: { value: '退休' },
    });
    fireEvent.click(screen.getByTestId('resident-save'));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.method).toBe('PATCH');
    expect(requests[0]?.url).toBe('/api/registry/residents/501');
    // Only what changed goes out: the masked ID and phone stay on file, the unchanged name is not resent.
    expect(requests[0]?.body).toEqual({ occupation: '退休' });
  });
});
