// A department moving a DTI component while the agency that owns it is saving a value there, at
// the same moment, again and again on real PostgreSQL (and PGlite): whichever wins, no value is
// left in a row that another agency is now asked — the move is refused because the value was
// written, or the save is refused because the row moved.
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { shippedFrameworkText, withTestComponents } from '../../support/dti.ts';
import type { Target } from '../../support/databases.ts';
import type { Json } from '../../support/json.ts';
import { loadFramework } from '../../../server/dti/load.ts';

const SHEET = contractOperation('ReportSheet');
const SAVE = contractOperation('SaveReport');
const OPEN = `mutation($input: OpenDtiAssessmentInput!) { openDtiAssessment(input: $input) {
  id request { id } } }`;
const SET_OWNER = `mutation($input: SetDtiComponentOwnerInput!) {
  setDtiComponentOwner(input: $input) { how } }`;

/** Components answered by Sở Y tế in the test list (every fourth of each main indicator). */
const HEALTH_ROWS = ['1.5', '1.9', '2.1', '2.5', '2.9', '3.1', '3.5', '4.1', '4.5', '4.9'];

describe.each<Target>(['pglite', 'postgres'])(
  'moving a component while it is saved, on %s',
  (target) => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(target);
    }, 180_000);
    afterAll(async () => {
      await server?.close();
    });

    test('no value ends up in a row asked of another agency', async () => {
      const prisma = server.app.db.prisma;
      await loadFramework(prisma, withTestComponents(shippedFrameworkText('dti-922-2022.json')));
      const consolidator = await server.login('stttt.nghean@demo.vn');
      const health = await server.login('syte.nghean@demo.vn');
      const finance = (await prisma.org.findUniqueOrThrow({ where: { code: 'NA.STC' } })).id;
      const syt = (await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } })).id;
      const opened = await server.gql<Json>(
        OPEN,
        {
          input: {
            frameworkCode: 'DTI-922-2022',
            year: 2025,
            deadline: '2026-03-15T17:00:00+07:00',
          },
        },
        consolidator,
      );
      expect(opened.errors).toBeUndefined();
      const assessmentId = opened.data!.openDtiAssessment.id as string;
      const requestId = opened.data!.openDtiAssessment.request.id as string;

      const outcomes = { moved: 0, kept: 0 };
      for (const [i, code] of HEALTH_ROWS.entries()) {
        const sheet = await server.gql<Json>(SHEET, { requestId }, health);
        const baseVersion = sheet.data!.reportSheet.submission?.version ?? 0;
        const rowKey = `dti_${code.replace('.', '_')}`;
        // Started together: the save (a draft) and the move of the same row to Sở Tài chính.
        const [saved, moved] = await Promise.all([
          server.gql<Json>(
            SAVE,
            {
              input: {
                requestId,
                baseVersion,
                idempotencyKey: `race-${target}-${i}`,
                tables: [
                  {
                    key: 'chi_so_dti',
                    rows: [{ key: rowKey, cells: [{ columnKey: 'ghi_chu', value: 'Đã rà soát' }] }],
                  },
                ],
              },
            },
            health,
          ),
          server.gql<Json>(
            SET_OWNER,
            {
              input: {
                frameworkCode: 'DTI-922-2022',
                componentCode: code,
                orgId: finance,
                assessmentId,
              },
            },
            consolidator,
          ),
        ]);
        const route = await prisma.requestRowRoute.findFirstOrThrow({
          where: { requestId, rowKey },
        });
        const written = await prisma.cellValue.count({
          where: { submission: { requestId, orgId: syt }, rowKey, value: { not: null } },
        });
        if (route.orgId === finance) {
          // The move won: the save was refused (reload), and nothing of it is left in the row.
          outcomes.moved++;
          expect(written).toBe(0);
          const refused =
            saved.errors?.[0]?.extensions?.code === 'CONFLICT' ||
            (saved.data?.saveReport.problems as Json[] | undefined)?.length === 1;
          expect(refused).toBe(true);
        } else {
          // The save won: the move was refused because the value is there.
          outcomes.kept++;
          expect(route.orgId).toBe(syt);
          expect(written).toBe(1);
          expect(moved.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        }
      }
      expect(outcomes.moved + outcomes.kept).toBe(HEALTH_ROWS.length);
    }, 120_000);
  },
);
