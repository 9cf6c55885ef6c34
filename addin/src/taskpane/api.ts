// Talking to the server: the contract's operations over fetch, errors as Vietnamese messages
// with their code. The sheet arrives in the shared Sheet shape (shared/reporting/sheet.ts).
import type { Problem, SaveInput, Sheet } from '../../../shared/reporting/sheet.ts';
import { LOGIN, ME, MY_REPORT_REQUESTS, REPORT_SHEET, SAVE_REPORT } from './operations.ts';

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
}
