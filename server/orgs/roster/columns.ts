// The roster file as people read it: two sheets, "Đơn vị" (agencies) and "Tài khoản" (accounts),
// each column with its Vietnamese header, the note under it, the example row, and the Vietnamese
// words for agency kinds, levels and roles — said once for the template the server writes and
// the file it reads back.
import type { AdminLevel, OrgKind, Role } from '../../../generated/prisma/enums.ts';
import type { ChoiceOption } from '../../../shared/reporting/sheet.ts';
import { LEVEL_LABEL } from '../../../shared/reporting/consolidated-layout.ts';
import { foldVietnamese } from '../../../shared/text/fold.ts';

export const ORG_SHEET = 'Đơn vị';
export const USER_SHEET = 'Tài khoản';
/** Hidden: the drop-down lists, and which tree the file was written for. */
export const LIST_SHEET = '_danh_sach';
/** In LIST_SHEET!A1, followed by the root's code: "tonghop-roster/1 NA". */
export const FILE_MARK = 'tonghop-roster/1';

export const KIND_LABEL: Record<OrgKind, string> = {
  GOVERNMENT: 'Chính phủ',
  MINISTRY: 'Bộ, ngành Trung ương',
  PEOPLES_COMMITTEE: 'Ủy ban nhân dân',
  PEOPLES_COUNCIL: 'Hội đồng nhân dân',
  PARTY_COMMITTEE: 'Cấp ủy Đảng',
  STEERING_COMMITTEE: 'Ban Chỉ đạo',
  DEPARTMENT: 'Sở, ban, ngành',
  AGENCY: 'Đơn vị sự nghiệp, trung tâm',
  PRESS: 'Báo, đài',
  MASS_ORGANIZATION: 'Mặt trận, đoàn thể',
  ENTERPRISE: 'Doanh nghiệp',
  ASSOCIATION: 'Hội, hiệp hội',
  UNIVERSITY: 'Trường đại học, cao đẳng',
  OTHER: 'Khác',
};

export const KIND_OPTIONS: ChoiceOption[] = Object.entries(KIND_LABEL).map(([key, label]) => ({
  key,
  label,
}));
export const LEVEL_OPTIONS: ChoiceOption[] = Object.entries(LEVEL_LABEL).map(([key, label]) => ({
  key,
  label,
}));
export const levelLabel = (level: AdminLevel) => LEVEL_LABEL[level] ?? level;

export const ROLE_LABEL: Record<Role, string> = {
  REPORTER: 'Báo cáo',
  APPROVER: 'Lãnh đạo duyệt',
  CONSOLIDATOR: 'Tổng hợp',
  ANALYST: 'Phân tích',
  ADMIN: 'Quản trị',
};

/** Written after a role held over the whole tree the file is for (the province). */
export const WHOLE_TREE = 'toàn tỉnh';
/** Also read as the whole tree. */
export const WHOLE_TREE_WORDS = ['toan tinh', 'toan huyen', 'toan bo', 'ca tinh', 'tinh'];

/** The choices the "Vai trò" drop-down offers; several roles are written with commas. */
export const ROLE_CHOICES = [
  ROLE_LABEL.REPORTER,
  ROLE_LABEL.APPROVER,
  `${ROLE_LABEL.CONSOLIDATOR} (${WHOLE_TREE})`,
  `${ROLE_LABEL.ANALYST} (${WHOLE_TREE})`,
  `${ROLE_LABEL.ADMIN} (${WHOLE_TREE})`,
  `${ROLE_LABEL.REPORTER}, ${ROLE_LABEL.CONSOLIDATOR} (${WHOLE_TREE})`,
  ROLE_LABEL.CONSOLIDATOR,
  ROLE_LABEL.ANALYST,
  ROLE_LABEL.ADMIN,
];

export interface RosterColumn<K extends string> {
  key: K;
  /** The header as the template writes it. */
  header: string;
  /** Other headers read as this column (folded), e.g. the English key for scripts. */
  also: string[];
  note: string;
  example: string;
  width: number;
}

export type OrgColumnKey =
  'name' | 'kind' | 'level' | 'parent' | 'code' | 'email' | 'phone' | 'closeFrom';
export type UserColumnKey = 'email' | 'name' | 'org' | 'roles';

export const ORG_COLUMNS: RosterColumn<OrgColumnKey>[] = [
  {
    key: 'name',
    header: 'Tên đơn vị',
    also: ['ten', 'name'],
    note: 'Bắt buộc. Tên đầy đủ, ví dụ "Sở Y tế tỉnh Nghệ An". Sửa tên ở đây là đổi tên đơn vị (cần có mã).',
    example: 'Trung tâm Chuyển đổi số tỉnh Nghệ An',
    width: 42,
  },
  {
    key: 'kind',
    header: 'Loại đơn vị',
    also: ['loai', 'kind'],
    note: 'Chọn trong danh sách. Bắt buộc với đơn vị mới; để trống: giữ nguyên.',
    example: KIND_LABEL.AGENCY,
    width: 26,
  },
  {
    key: 'level',
    header: 'Cấp',
    also: ['cap hanh chinh', 'level'],
    note: 'Chọn trong danh sách. Để trống: đơn vị mới lấy cấp của đơn vị cấp trên.',
    example: LEVEL_LABEL.PROVINCE!,
    width: 14,
  },
  {
    key: 'parent',
    header: 'Đơn vị cấp trên',
    also: ['don vi cap tren (ma hoac ten)', 'cap tren', 'parent'],
    note: 'Mã hoặc tên của đơn vị có sẵn, hoặc của một dòng trong trang này. Để trống: đơn vị mới trực thuộc UBND tỉnh; đơn vị có sẵn giữ nguyên.',
    example: 'Sở Khoa học và Công nghệ tỉnh Nghệ An',
    width: 36,
  },
  {
    key: 'code',
    header: 'Mã đơn vị',
    also: ['ma', 'code'],
    note: 'Chữ in hoa, số, dấu chấm (NA.SYT). Đơn vị có sẵn được nhận ra theo mã trước, rồi theo tên. Để trống: máy tự đặt mã cho đơn vị mới.',
    example: 'NA.SKHCN.TTCDS',
    width: 22,
  },
  {
    key: 'email',
    header: 'Thư điện tử',
    also: ['email', 'thu dien tu don vi'],
    note: 'Thư điện tử của đơn vị (để nhắc báo cáo). Để trống: giữ nguyên.',
    example: 'ttcds@nghean.gov.vn',
    width: 30,
  },
  {
    key: 'phone',
    header: 'Điện thoại',
    also: ['so dien thoai', 'phone'],
    note: 'Số điện thoại của đơn vị, ghi như văn bản (giữ số 0 đầu). Để trống: giữ nguyên.',
    example: '0238 3598 888',
    width: 18,
  },
  {
    key: 'closeFrom',
    header: 'Ngừng hoạt động từ ngày',
    also: ['ngung hoat dong tu', 'close from', 'closefrom'],
    note: 'Ngày/tháng/năm đơn vị thôi hoạt động (sáp nhập, giải thể), ví dụ 01/07/2025. Để trống: giữ nguyên.',
    example: '',
    width: 16,
  },
];

export const USER_COLUMNS: RosterColumn<UserColumnKey>[] = [
  {
    key: 'email',
    header: 'Thư điện tử',
    also: ['email'],
    note: 'Bắt buộc; mỗi người một địa chỉ. Tài khoản có sẵn được nhận ra theo địa chỉ này.',
    example: 'nguyenvana@nghean.gov.vn',
    width: 32,
  },
  {
    key: 'name',
    header: 'Họ và tên',
    also: ['ho ten', 'ten', 'name'],
    note: 'Bắt buộc với tài khoản mới.',
    example: 'Nguyễn Văn A',
    width: 26,
  },
  {
    key: 'org',
    header: 'Đơn vị',
    also: ['don vi (ma hoac ten)', 'agency', 'org'],
    note: 'Mã hoặc tên đơn vị (có sẵn, hoặc có trong trang "Đơn vị"). Bắt buộc với tài khoản mới.',
    example: 'NA.SKHCN.TTCDS',
    width: 36,
  },
  {
    key: 'roles',
    header: 'Vai trò',
    also: ['roles'],
    note: `Báo cáo, Tổng hợp, Phân tích, Quản trị; nhiều vai trò cách nhau bằng dấu phẩy. Vai trò áp dụng cho đơn vị của người đó; thêm "(${WHOLE_TREE})" để áp dụng cho cả tỉnh, hoặc "(mã đơn vị)". Để trống: giữ nguyên.`,
    example: ROLE_LABEL.REPORTER,
    width: 34,
  },
];

/** The folded forms a header is recognised by. */
export function headerKeys(column: RosterColumn<string>): string[] {
  return [column.header, ...column.also].map(foldVietnamese);
}

/** The column a header names, or null. */
export function columnOfHeader<K extends string>(
  columns: RosterColumn<K>[],
  header: string,
): RosterColumn<K> | null {
  const folded = foldVietnamese(header.replace(/\*$/, ''));
  return columns.find((c) => headerKeys(c).includes(folded)) ?? null;
}

/** Where a problem is: the sheet, its row (as Excel numbers them) and the column's header. */
export function placeText(sheet: string, row: number | null, column: string | null): string {
  return [`Trang "${sheet}"`, row ? `dòng ${row}` : null, column ? `cột "${column}"` : null]
    .filter(Boolean)
    .join(', ');
}
