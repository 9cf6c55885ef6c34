// Talking to the server: the contract's operations over fetch, errors as Vietnamese messages
// with their code. The sheet arrives in the shared Sheet shape (shared/reporting/sheet.ts).
// Nothing here retries: a save is retried only through the workbook's pending save, with its key.
import type { Completeness, ConsolidatedTable } from '../../../shared/reporting/consolidated.ts';
import type { PeriodInput } from '../../../shared/reporting/period.ts';
import { MAX_SIGNED_IN_REQUEST_BYTES } from '../../../shared/reporting/save-size.ts';
import type { Problem, SaveInput, Sheet } from '../../../shared/reporting/sheet.ts';
import type { ConsolidatedSectionView, RecipientLine } from '../excel/consolidation-workbook.ts';
import {
  ACCEPT_SUBMISSION,
  COMPLETENESS,
  CONSOLIDATION,
  FIND_ORGS,
  LOGIN,
  ME,
  MY_REPORT_REQUESTS,
  OPEN_REPORT_REQUEST,
  OPEN_REQUEST_CHOICES,
  OVERSEEN_REQUESTS,
  RECIPIENT_PREVIEW,
  REPORT_SHEET,
  RETURN_SUBMISSION,
  SAVE_REPORT,
} from './operations.ts';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: string[];
  org: { id: string; code: string; name: string };
}

export type SubmissionStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';

export interface OwedRequest {
  id: string;
  title: string;
  deadline: string;
  status: string;
  period: { label: string };
  template: { id: string; code: string; name: string; version: number };
  mySubmission: {
    id: string;
    status: SubmissionStatus;
    version: number;
    submittedAt: string | null;
    late: boolean;
    returnReason: string | null;
  } | null;
}

export interface OpenedSheet extends Sheet {
  request: { id: string; title: string; deadline: string };
  org: { id: string; name: string };
  template: { id: string; code: string; name: string; version: number };
  submission: {
    id: string;
    status: SubmissionStatus;
    version: number;
    returnReason: string | null;
  } | null;
}

export interface OverseenRequest {
  id: string;
  title: string;
  deadline: string;
  viewerOversees: boolean;
  recipientCount: number;
  period: { label: string };
  template: { name: string };
}

/** A recipient's standing as the completeness sheet shows it, with its report's id. */
export interface RecipientStanding extends RecipientLine {
  submissionId: string | null;
}

export interface Standing {
  id: string;
  title: string;
  deadline: string;
  period: { label: string };
  completeness: Completeness;
  recipientStatuses: RecipientStanding[];
}

export interface ConsolidationView extends Standing {
  consolidated: { tables: ConsolidatedTable[]; outline: ConsolidatedSectionView[] };
}

export interface OrgChoice {
  id: string;
  name: string;
  level?: string | null;
}

export interface OpenRequestChoices {
  me: { org: { id: string; name: string; parent: OrgChoice | null } };
  reportTemplates: { id: string; code: string; name: string; version: number; status: string }[];
  plans: { edges: { node: { id: string; number: string | null; title: string } }[] };
}

export interface RecipientGroup {
  kind?: string;
  level?: string;
  withinOrgId?: string;
}

export interface OpenRequestInput {
  templateId: string;
  planId: string | null;
  title: string;
  period: PeriodInput;
  deadline: string;
  recipientOrgIds: string[];
  recipientGroups: RecipientGroup[];
}

export interface SaveRequest extends SaveInput {
  requestId: string;
  baseVersion: number;
  idempotencyKey: string;
  submit: boolean;
}

export interface SaveResult {
  submission: { id: string; status: SubmissionStatus; version: number; late: boolean } | null;
  problems: Problem[];
}

/**
 * Why a server address cannot work from this page, or null. A task pane is an HTTPS page: a
 * browser refuses its calls to an http:// address (mixed content).
 */
export function serverAddressProblem(server: string, pageProtocol: string): string | null {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return `"${server}" không phải là địa chỉ máy chủ (ví dụ https://baocao.tinh.gov.vn).`;
  }
  if (url.protocol === 'http:' && pageProtocol === 'https:') {
    return `Địa chỉ ${server} dùng http://: Excel chỉ cho phần bổ trợ gọi máy chủ qua https:// (trình duyệt chặn nội dung hỗn hợp). Hãy dùng địa chỉ https:// của máy chủ.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `Địa chỉ máy chủ phải bắt đầu bằng https://.`;
  }
  return null;
}

/** The page's address (absent outside a browser). */
const page = () => (globalThis as { location?: { protocol: string; origin: string } }).location;

export class Api {
  constructor(
    readonly server: string,
    /** The session or API token; part of every cached read's key, so users never share one. */
    readonly token: string | null,
  ) {}

  private get pageOrigin(): string {
    return page()?.origin ?? '';
  }

  private async call<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>(JSON.stringify({ query, variables }));
  }

  private async send<T>(body: string): Promise<T> {
    const problem = serverAddressProblem(this.server, page()?.protocol ?? 'https:');
    if (problem) throw new ApiError(problem, 'BAD_SERVER_ADDRESS');
    let res: Response;
    try {
      res = await fetch(`${this.server.replace(/\/$/, '')}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body,
      });
    } catch {
      const elsewhere = new URL(this.server).origin !== this.pageOrigin;
      throw new ApiError(
        `Không kết nối được máy chủ ${this.server}.` +
          (elsewhere
            ? ` Nếu máy chủ đang chạy, quản trị cần cho phép địa chỉ ${this.pageOrigin} (CORS_ORIGINS).`
            : ''),
        'NETWORK',
      );
    }
    const answer = (await res.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const error = answer?.errors?.[0];
    if (error) throw new ApiError(error.message, error.extensions?.code ?? 'ERROR');
    if (!answer?.data)
      throw new ApiError(`Máy chủ trả lời không hợp lệ (HTTP ${res.status}).`, 'ERROR');
    return answer.data;
  }

  async login(email: string, password: string): Promise<{ token: string; user: Me }> {
    const data = await this.call<{ login: { token: string; user: Me } }>(LOGIN, {
      email,
      password,
    });
    return data.login;
  }

  async me(): Promise<Me> {
    return (await this.call<{ me: Me }>(ME)).me;
  }

  async owed(): Promise<OwedRequest[]> {
    return (await this.call<{ myReportRequests: OwedRequest[] }>(MY_REPORT_REQUESTS))
      .myReportRequests;
  }

  async sheet(requestId: string): Promise<OpenedSheet> {
    return (await this.call<{ reportSheet: OpenedSheet }>(REPORT_SHEET, { requestId })).reportSheet;
  }

  /** The body of a SaveReport request, refused here when the server could not take it. */
  saveBody(request: SaveRequest): string {
    const { requestId, baseVersion, idempotencyKey, submit, tables, answers } = request;
    const body = JSON.stringify({
      query: SAVE_REPORT,
      variables: { input: { requestId, baseVersion, idempotencyKey, submit, tables, answers } },
    });
    const bytes = new TextEncoder().encode(body).length;
    if (bytes > MAX_SIGNED_IN_REQUEST_BYTES) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace('.', ',');
      throw new ApiError(
        `Lần lưu này quá lớn (${mb(bytes)} MB, máy chủ nhận tối đa ${mb(MAX_SIGNED_IN_REQUEST_BYTES)} MB). Hãy lưu nháp sau khi điền từng phần.`,
        'TOO_LARGE',
      );
    }
    return body;
  }

  /** SaveReport, as built by saveBody. */
  async save(body: string): Promise<SaveResult> {
    return (await this.send<{ saveReport: SaveResult }>(body)).saveReport;
  }

  // ───────────── The consolidating department ─────────────

  async overseen(): Promise<OverseenRequest[]> {
    const data = await this.call<{ reportRequests: { edges: { node: OverseenRequest }[] } }>(
      OVERSEEN_REQUESTS,
    );
    return data.reportRequests.edges.map((e) => e.node).filter((r) => r.viewerOversees);
  }

  async standing(requestId: string): Promise<Standing> {
    return (await this.call<{ reportRequest: Standing }>(COMPLETENESS, { requestId }))
      .reportRequest;
  }

  async consolidation(requestId: string): Promise<ConsolidationView> {
    return (await this.call<{ reportRequest: ConsolidationView }>(CONSOLIDATION, { requestId }))
      .reportRequest;
  }

  /** An agency's sheet as the consolidator sees it (values as last saved). */
  async sheetOf(requestId: string, orgId: string): Promise<OpenedSheet> {
    return (await this.call<{ reportSheet: OpenedSheet }>(REPORT_SHEET, { requestId, orgId }))
      .reportSheet;
  }

  async returnSubmission(id: string, reason: string): Promise<void> {
    await this.call(RETURN_SUBMISSION, { id, reason });
  }

  async acceptSubmission(id: string): Promise<void> {
    await this.call(ACCEPT_SUBMISSION, { id });
  }

  async openRequestChoices(): Promise<OpenRequestChoices> {
    return this.call<OpenRequestChoices>(OPEN_REQUEST_CHOICES);
  }

  async findOrgs(search: string, within: string | null): Promise<OrgChoice[]> {
    const data = await this.call<{ orgs: { edges: { node: OrgChoice }[] } }>(FIND_ORGS, {
      search,
      within,
    });
    return data.orgs.edges.map((e) => e.node);
  }

  async previewRecipients(
    period: PeriodInput,
    ids: string[],
    groups: RecipientGroup[],
  ): Promise<{ count: number; orgs: OrgChoice[]; outsideScope: OrgChoice[] }> {
    const data = await this.call<{
      recipientPreview: { count: number; orgs: OrgChoice[]; outsideScope: OrgChoice[] };
    }>(RECIPIENT_PREVIEW, { period, ids, groups });
    return data.recipientPreview;
  }

  async openRequest(input: OpenRequestInput): Promise<{ id: string; title: string }> {
    const data = await this.call<{ openReportRequest: { id: string; title: string } }>(
      OPEN_REPORT_REQUEST,
      { input: { ...input, planId: input.planId || null } },
    );
    return data.openReportRequest;
  }
}
