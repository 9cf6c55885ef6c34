// The reporting-period examples of docs/contract/reporting.graphql (Nghị định 09/2019 Điều 12),
// checked both on the shared arithmetic and through the API.
export const contractPeriodExamples = [
  [{ kind: 'MONTH', year: 2023, number: 8 }, 'Tháng 8/2023', '2023-07-15', '2023-08-14'],
  [{ kind: 'QUARTER', year: 2024, number: 1 }, 'Quý I/2024', '2023-12-15', '2024-03-14'],
  [
    { kind: 'HALF_YEAR', year: 2024, number: 1 },
    '6 tháng đầu năm 2024',
    '2023-12-15',
    '2024-06-14',
  ],
  [{ kind: 'YEAR', year: 2024 }, 'Năm 2024', '2023-12-15', '2024-12-14'],
  [{ kind: 'NINE_MONTHS', year: 2024 }, '9 tháng năm 2024', '2023-12-15', '2024-09-14'],
] as const;
