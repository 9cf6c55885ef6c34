// Talking to the server: the contract's operations over fetch, errors as Vietnamese messages
// with their code. The sheet arrives in the shared Sheet shape (shared/reporting/sheet.ts).
import type { Completeness, ConsolidatedTable } from '../../../shared/reporting/consolidated.ts';
import type { PeriodInput } from '../../../shared/reporting/period.ts';
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

export class Api {
  constructor(
    readonly server: string,
    private token: string | null,
  ) {}

  private async call<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.server.replace(/\/$/, '')}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new ApiError(`Không kết nối được máy chủ ${this.server}.`, 'NETWORK');
    }
    const body = (await res.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const error = body?.errors?.[0];
    if (error) throw new ApiError(error.message, error.extensions?.code ?? 'ERROR');
    if (!body?.data)
      throw new ApiError(`Máy chủ trả lời không hợp lệ (HTTP ${res.status}).`, 'ERROR');
    return body.data;
  }

  async login(email: string, password: string): Promise<{ token: string; user: Me }> {
    const data = await this.call<{ login: { token: string; user: Me } }>(LOGIN, {
      email,
      password,
    });
    this.token = data.login.token;
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

  async save(
    requestId: string,
    baseVersion: number,
    input: SaveInput,
    submit: boolean,
  ): Promise<{
    submission: { id: string; status: SubmissionStatus; version: number; late: boolean } | null;
    problems: Problem[];
  }> {
    const data = await this.call<{
      saveReport: {
        submission: { id: string; status: SubmissionStatus; version: number; late: boolean } | null;
        problems: Problem[];
      };
    }>(SAVE_REPORT, {
      input: { requestId, baseVersion, idempotencyKey: crypto.randomUUID(), submit, ...input },
    });
    return data.saveReport;
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
