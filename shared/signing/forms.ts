// The forms in which a report is signed, as Nghị định 30/2020/NĐ-CP on văn thư (Điều 13, and
// Phụ lục I, mục "Quyền hạn, chức vụ, họ tên và chữ ký của người có thẩm quyền") writes them at the
// foot of a document. One list for the server (the PDF copy, the history), the pane and the CLI:
// no Node or DOM imports here.

export type SigningForm = 'DIRECT' | 'TM' | 'Q' | 'KT' | 'TL' | 'TUQ';

export interface SigningFormInfo {
  code: SigningForm;
  /** Written before the office of the head the signer signs for: "KT." + " GIÁM ĐỐC". */
  prefix: string;
  /** A short name, for a choice in the pane or a line in the history. */
  label: string;
  /** When the form is used, in the decree's words: a hint next to the choice. */
  description: string;
  /** An example of the signature block's lines. */
  example: readonly string[];
}

export const SIGNING_FORMS: readonly SigningFormInfo[] = [
  {
    code: 'DIRECT',
    prefix: '',
    label: 'Người đứng đầu ký trực tiếp',
    description:
      'Người đứng đầu cơ quan làm việc theo chế độ thủ trưởng ký, ghi chức vụ của mình (Điều 13 khoản 1).',
    example: ['GIÁM ĐỐC'],
  },
  {
    code: 'TM',
    prefix: 'TM.',
    label: 'TM. – Thay mặt tập thể',
    description:
      'Cơ quan làm việc theo chế độ tập thể (Ủy ban nhân dân các cấp): người đứng đầu hoặc cấp phó thay mặt tập thể lãnh đạo ký; "TM." đặt trước tên tập thể (Điều 13 khoản 2).',
    example: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  },
  {
    code: 'Q',
    prefix: 'Q.',
    label: 'Q. – Quyền (quyền người đứng đầu)',
    description:
      'Người được giao quyền người đứng đầu ký; "Q." đặt trước chức vụ của người đứng đầu (Phụ lục I).',
    example: ['Q. GIÁM ĐỐC'],
  },
  {
    code: 'KT',
    prefix: 'KT.',
    label: 'KT. – Ký thay người đứng đầu',
    description:
      'Cấp phó được người đứng đầu giao ký thay (hoặc cấp phó được giao phụ trách, điều hành); "KT." đặt trước chức vụ người đứng đầu, dòng dưới là chức vụ người ký (Điều 13 khoản 1, 2).',
    example: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  },
  {
    code: 'TL',
    prefix: 'TL.',
    label: 'TL. – Thừa lệnh',
    description:
      'Người đứng đầu đơn vị thuộc cơ quan (Chánh Văn phòng, Trưởng phòng) được người đứng đầu giao ký thừa lệnh một số loại văn bản (Điều 13 khoản 4).',
    example: ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'],
  },
  {
    code: 'TUQ',
    prefix: 'TUQ.',
    label: 'TUQ. – Thừa ủy quyền',
    description:
      'Trường hợp đặc biệt, người đứng đầu ủy quyền bằng văn bản, có thời hạn, cho người đứng đầu đơn vị thuộc ký; không ủy quyền lại (Điều 13 khoản 3).',
    example: ['TUQ. GIÁM ĐỐC', 'TRƯỞNG PHÒNG KẾ HOẠCH – TÀI CHÍNH'],
  },
];

const CODES = new Set<string>(SIGNING_FORMS.map((f) => f.code));

export function isSigningForm(value: unknown): value is SigningForm {
  return typeof value === 'string' && CODES.has(value);
}

/** The form of a code, as typed on a command line ("kt", "KT.", "tuq"); null when none is. */
export function signingFormOf(text: string): SigningForm | null {
  const code = text.trim().replace(/\.$/, '').toUpperCase();
  return isSigningForm(code) ? code : null;
}

const line = (text: string | null | undefined) =>
  (text ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi');

/**
 * The lines of the signature block above the signer's name, in capitals as the decree writes
 * them: `office` is the head's office (or the collective body, for TM.) the form refers to,
 * `title` the signer's own office when it differs.
 *
 *   signingLine('KT', 'Giám đốc', 'Phó Giám đốc')         → ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']
 *   signingLine('TM', 'Ủy ban nhân dân', 'Chủ tịch')      → ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']
 *   signingLine('DIRECT', 'Giám đốc', null)               → ['GIÁM ĐỐC']
 */
export function signingLine(
  form: SigningForm,
  office: string | null | undefined,
  title?: string | null,
): string[] {
  const head = line(office);
  const own = line(title);
  const prefix = SIGNING_FORMS.find((f) => f.code === form)?.prefix ?? '';
  if (!prefix) {
    // The head signs under their own office: one line, whichever of the two was given.
    return [own || head].filter(Boolean);
  }
  const first = [prefix, head].filter(Boolean).join(' ');
  return own && own !== head ? [first, own] : [first];
}
