// Talking to the server: the contract's operations over fetch, errors as Vietnamese messages
// with their code. The sheet arrives in the shared Sheet shape (shared/reporting/sheet.ts).
// Nothing here retries: a save is retried only through the workbook's pending save, with its key.
import { MAX_SIGNED_IN_REQUEST_BYTES } from '../../../shared/reporting/save-size.ts';
import type {
  ApprovalQueueQuery,
  HistoryEventFragment,
  FindOrgsQuery,
  MeQuery,
  MessageLogFragment,
  MyNotificationsQuery,
  MyReportRequestsQuery,
  OpenReportRequestInput,
  OpenRequestChoicesQuery,
  OverseenRequestsQuery,
  PeriodInput,
  RecipientGroupInput,
  ReportSheetQuery,
  SaveReportInput,
  SaveReportMutation,
  SignatureSummaryFragment,
  StandingFragment,
  TypedDocumentString,
} from './gql/graphql.ts';
import type { ConsolidationPageReader } from './consolidation-pages.ts';
import {
  ACCEPT_SUBMISSION,
  ACTIVATE_ACCOUNT,
  APPROVAL_QUEUE,
  APPROVE_SUBMISSION,
  COMPLETENESS,
  CONSOLIDATION_AGENCIES,
  CONSOLIDATION_OUTLINE,
  CONSOLIDATION_TABLES,
  FIND_ORGS,
  LOGIN,
  MARK_NOTIFICATIONS_READ,
  ME,
  MY_NOTIFICATIONS,
  MY_REPORT_REQUESTS,
  OPEN_REPORT_REQUEST,
  OPEN_REQUEST_CHOICES,
  OVERSEEN_REQUESTS,
  RECIPIENT_PREVIEW,
  REMINDERS,
  REPORT_SHEET,
  REQUEST_PASSWORD_RESET,
  RESET_PASSWORD,
  RETURN_SUBMISSION,
  RETURN_TO_STAFF,
  SAVE_REPORT,
  SEND_SUBMISSION,
  SET_REMINDER_RULES,
  SUBMISSION_REVIEW,
  UNAPPROVE_SUBMISSION,
} from './operations.ts';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The error's extensions besides its code (a CONFLICT's currentVersion). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** How long a reachability check waits: a weak connection that answers slower counts as none. */
const PING_TIMEOUT_MS = 5000;

// What the pane works with, as the schema types each operation's answer (npm run codegen).
export type Me = NonNullable<MeQuery['me']>;
export type OwedRequest = MyReportRequestsQuery['myReportRequests'][number];
export type SubmissionStatus = NonNullable<OwedRequest['mySubmission']>['status'];
export type OpenedSheet = ReportSheetQuery['reportSheet'];
export type OverseenRequest = OverseenRequestsQuery['reportRequests']['edges'][number]['node'];
export type Standing = StandingFragment;
/** A recipient's standing as the completeness sheet shows it, with its report's id. */
export type RecipientStanding = Standing['recipientStatuses'][number];
/** An agency as the pane offers and lists it: found by name, previewed, or the province. */
export type OrgChoice = Pick<FindOrgsQuery['orgs']['edges'][number]['node'], 'id' | 'name'>;
export type OpenRequestChoices = OpenRequestChoicesQuery;
export type RecipientGroup = RecipientGroupInput;
export type OpenRequestInput = OpenReportRequestInput;
export type { PeriodInput };

/** A report waiting for the agency's leader, or approved and not sent yet. */
export type Notice = MyNotificationsQuery['myNotifications'][number];
export type SentMessage = MessageLogFragment;
export interface ReminderRuleInput {
  offsetDays: number;
  attachLetter: boolean;
}
/** A file the server made, as downloaded: its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}
export type QueuedReport = ApprovalQueueQuery['approvalQueue'][number];
export type SignatureSummary = SignatureSummaryFragment;
export type HistoryEvent = HistoryEventFragment;
/** One agency's report as the consolidator reviews it: its signature and history. */
export interface SubmissionReview {
  signature: SignatureSummary | null;
  history: HistoryEvent[];
}

export type SaveRequest = SaveReportInput & { submit: boolean };
export type SaveResult = SaveReportMutation['saveReport'];

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

  private async call<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    return this.send<TResult>(
      JSON.stringify({ query: document.toString(), variables: variables[0] ?? {} }),
    );
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
      errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
    } | null;
    const error = answer?.errors?.[0];
    if (error) {
      const { code, ...details } = error.extensions ?? {};
      throw new ApiError(error.message, code ?? 'ERROR', details);
    }
    // A gateway's error page while the server is down: not reached, try again later.
    if (!answer && res.status >= 502 && res.status <= 504) {
      throw new ApiError(`Máy chủ ${this.server} chưa trả lời (HTTP ${res.status}).`, 'NETWORK');
    }
    if (!answer?.data)
      throw new ApiError(`Máy chủ trả lời không hợp lệ (HTTP ${res.status}).`, 'ERROR');
    return answer.data;
  }

  /** Whether the server answers now (checked on a timer and when the pane gets the focus). */
  async reachable(): Promise<boolean> {
    try {
      const res = await fetch(`${this.server.replace(/\/$/, '')}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(PING_TIMEOUT_MS),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  async login(email: string, password: string) {
    return (await this.call(LOGIN, { email, password })).login;
  }

  /** Activates a new account with its one-time code; signs in like login. */
  async activate(email: string, code: string, newPassword: string) {
    return (await this.call(ACTIVATE_ACCOUNT, { email, code, newPassword })).activateAccount;
  }

  /** Asks the server to email a password reset code (it answers the same for any address). */
  async requestPasswordReset(email: string): Promise<void> {
    await this.call(REQUEST_PASSWORD_RESET, { email });
  }

  /** Sets a new password with the emailed reset code; signs in like login. */
  async resetPassword(email: string, code: string, newPassword: string) {
    return (await this.call(RESET_PASSWORD, { email, code, newPassword })).resetPassword;
  }

  async me(): Promise<Me> {
    const { me } = await this.call(ME);
    if (!me) throw new ApiError('Cần đăng nhập lại.', 'UNAUTHENTICATED');
    return me;
  }

  async owed(): Promise<OwedRequest[]> {
    return (await this.call(MY_REPORT_REQUESTS)).myReportRequests;
  }

  async sheet(requestId: string): Promise<OpenedSheet> {
    return (await this.call(REPORT_SHEET, { requestId })).reportSheet;
  }

  /** The body of a SaveReport request, refused here when the server could not take it. */
  saveBody(request: SaveRequest): string {
    const { requestId, baseVersion, idempotencyKey, submit, tables, answers } = request;
    const body = JSON.stringify({
      query: SAVE_REPORT.toString(),
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
    const data = await this.call(OVERSEEN_REQUESTS);
    return data.reportRequests.edges.map((e) => e.node).filter((r) => r.viewerOversees);
  }

  async standing(requestId: string): Promise<Standing> {
    return found((await this.call(COMPLETENESS, { requestId })).reportRequest);
  }

  /** The consolidation's pages of one request, read as the workbook asks for them. */
  consolidationPages(requestId: string): ConsolidationPageReader {
    return {
      tables: async (after) =>
        found((await this.call(CONSOLIDATION_TABLES, { requestId, after })).reportRequest)
          .consolidatedPages.tables,
      agencies: async (tableAfter, first, after) => {
        const request = found(
          (await this.call(CONSOLIDATION_AGENCIES, { requestId, tableAfter, first, after }))
            .reportRequest,
        );
        const [table] = request.consolidatedPages.tables.edges;
        if (!table) throw new ApiError('Bảng tổng hợp không còn trên máy chủ.', 'NOT_FOUND');
        return table.node.agencies;
      },
      outline: async (key, first, after) =>
        found(
          (await this.call(CONSOLIDATION_OUTLINE, { requestId, key, first, after })).reportRequest,
        ).consolidatedPages.outline,
    };
  }

  /** An agency's sheet as the consolidator sees it (values as last saved). */
  async sheetOf(requestId: string, orgId: string): Promise<OpenedSheet> {
    return (await this.call(REPORT_SHEET, { requestId, orgId })).reportSheet;
  }

  async returnSubmission(id: string, reason: string): Promise<void> {
    await this.call(RETURN_SUBMISSION, { id, reason });
  }

  async acceptSubmission(id: string): Promise<void> {
    await this.call(ACCEPT_SUBMISSION, { id });
  }

  /** The signature and history of an agency's report (null: the consolidator cannot read it). */
  async submissionReview(requestId: string, orgId: string): Promise<SubmissionReview | null> {
    const request = found((await this.call(SUBMISSION_REVIEW, { requestId })).reportRequest);
    return request.submissions.find((s) => s.org.id === orgId) ?? null;
  }

  // ───────────── The agency's leader ─────────────

  async approvalQueue(): Promise<QueuedReport[]> {
    return (await this.call(APPROVAL_QUEUE)).approvalQueue;
  }

  /** Approves `version`, the one the leader read: refused if staff saved another since. */
  async approve(id: string, version: number) {
    return (await this.call(APPROVE_SUBMISSION, { id, version })).approveSubmission;
  }

  async returnToStaff(id: string, reason: string) {
    return (await this.call(RETURN_TO_STAFF, { id, reason })).returnToStaff;
  }

  async unapprove(id: string, reason: string | null = null) {
    return (await this.call(UNAPPROVE_SUBMISSION, { id, reason })).unapproveSubmission;
  }

  /** Sends an approved (and, where required, signed) report to the consolidating department. */
  async sendSubmission(id: string) {
    return (await this.call(SEND_SUBMISSION, { id })).sendSubmission;
  }

  /**
   * Any operation, as text: for shared code that speaks GraphQL itself (shared/signing's
   * signReport), with this pane's server, token and error messages.
   */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>(JSON.stringify({ query, variables }));
  }

  async openRequestChoices(): Promise<OpenRequestChoices> {
    return this.call(OPEN_REQUEST_CHOICES);
  }

  async findOrgs(search: string, within: string | null): Promise<OrgChoice[]> {
    const data = await this.call(FIND_ORGS, { search, within });
    return data.orgs.edges.map((e) => e.node);
  }

  async previewRecipients(
    period: PeriodInput,
    ids: string[],
    groups: RecipientGroup[],
    deadline: string | null,
  ) {
    return (await this.call(RECIPIENT_PREVIEW, { period, ids, groups, deadline })).recipientPreview;
  }

  async openRequest(input: OpenRequestInput) {
    return (
      await this.call(OPEN_REPORT_REQUEST, { input: { ...input, planId: input.planId || null } })
    ).openReportRequest;
  }

  async notifications(unreadOnly: boolean): Promise<Notice[]> {
    return (await this.call(MY_NOTIFICATIONS, { unreadOnly })).myNotifications;
  }

  /** Marks these notifications read, or all of the user's when `ids` is absent. */
  async markRead(ids?: string[]): Promise<number> {
    return (await this.call(MARK_NOTIFICATIONS_READ, { ids: ids ?? null })).markNotificationsRead;
  }

  async reminders(requestId: string) {
    return found((await this.call(REMINDERS, { requestId })).reportRequest);
  }

  async setReminderRules(requestId: string, rules: ReminderRuleInput[]) {
    return (await this.call(SET_REMINDER_RULES, { requestId, rules })).setReminderRules;
  }

  /**
   * A file under /files (the .docx documents of a request), fetched with the session like every
   * call, since a plain link could not carry it. The name is the server's (RFC 6266 filename*).
   */
  async download(path: string): Promise<DownloadedFile> {
    let res: Response;
    try {
      res = await fetch(`${this.server.replace(/\/$/, '')}/files/${path}`, {
        headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      });
    } catch {
      throw new ApiError(`Không kết nối được máy chủ ${this.server}.`, 'NETWORK');
    }
    if (!res.ok) {
      const answer = (await res.json().catch(() => null)) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      } | null;
      const error = answer?.errors?.[0];
      throw new ApiError(
        error?.message ?? `Máy chủ không gửi được tệp (HTTP ${res.status}).`,
        error?.extensions?.code ?? 'ERROR',
      );
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
    const name = encoded ? decodeURIComponent(encoded) : (plain ?? path.split('/').pop()!);
    return { blob: await res.blob(), name };
  }
}

/** A request the server knows nothing of (deleted, or outside the viewer's reach). */
function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) {
    throw new ApiError('Không tìm thấy yêu cầu báo cáo.', 'NOT_FOUND');
  }
  return value;
}
