// Which deadline applies to an agency: the one set for its administrative level when the request
// sets one (communes often later than districts), else the request's own.
export interface RequestDeadlines {
  deadline: Date;
  deadlines: { level: string; deadline: Date }[];
}

export function deadlineFor(request: RequestDeadlines, orgLevel: string | null): Date {
  const forLevel = orgLevel ? request.deadlines.find((d) => d.level === orgLevel) : undefined;
  return forLevel?.deadline ?? request.deadline;
}
