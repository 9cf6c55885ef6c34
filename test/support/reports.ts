// Reports as agencies fill them, for tests that need one sent: Sở Y tế Nghệ An on the Phụ lục 01–03
// template (NA-403-PL01-03) of a request about Kế hoạch 586/KH-UBND.

/** Every cell Sở Y tế must fill before sending, plus an answer to each section it must answer. */
export const fullReport = {
  answers: [{ key: 'A.I', text: 'Sở đã ban hành kế hoạch triển khai.' }],
  tables: [
    {
      key: 'pl03',
      rows: [
        {
          key: 'II.4',
          cells: [
            { columnKey: 'ket_qua', value: 'Trang bị 120 máy tính' },
            { columnKey: 'tien_do', value: 'Hoàn thành' },
          ],
        },
        {
          key: 'IV.2',
          cells: [
            { columnKey: 'ket_qua', value: 'Kho dữ liệu ngành Y tế đã vận hành' },
            { columnKey: 'tien_do', value: 'đang triển khai' },
          ],
        },
        { key: 'IV.9', cells: [{ columnKey: 'ket_qua', value: 'Cập nhật CSDL y tế quốc gia' }] },
      ],
    },
    {
      key: 'pl02',
      rows: [
        {
          cells: [
            { columnKey: 'noi_dung', value: 'Tuyên truyền chuyển đổi số' },
            { columnKey: 'ket_qua', value: '=HYPERLINK("http://x")' },
          ],
        },
      ],
    },
  ],
};
