// A template as sheets need it: outline sections with their audiences, tables with columns and
// fixed rows. Published versions never change (DESIGN.md §5), so they are kept in memory once read.
import type { PrismaClient, ReportTemplate } from '../../generated/prisma/client.ts';
import type { Aggregate, ChoiceOption, ColumnType } from '../../shared/reporting/sheet.ts';
import type { AudienceFacts } from './rows.ts';
import { LRUCache } from 'lru-cache';

export interface ShapeColumn {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  readOnly: boolean;
  options: ChoiceOption[];
  aggregate: Aggregate;
  binding: string | null;
  targetId: string | null;
  carryForward: boolean;
  /** The column's own factor, or the template's (null: no change check). */
  changeFactor: number | null;
}

export interface ShapeRow {
  key: string;
  groupKey: string | null;
  label: string;
  isGroup: boolean;
  readOnly: boolean;
  values: Record<string, string>;
  targetId: string | null;
  carryForward: boolean;
}

export interface ShapeTable {
  key: string;
  title: string;
  description: string | null;
  rowMode: 'FIXED' | 'TASKS' | 'TARGETS' | 'OPEN';
  allowOpenRows: boolean;
  columns: ShapeColumn[];
  rows: ShapeRow[];
}

export interface ShapeSection {
  key: string;
  number: string | null;
  heading: string;
  guidance: string | null;
  depth: number;
  answerable: boolean;
  required: boolean;
  audiences: AudienceFacts[];
}

export interface TemplateShape {
  /** The template's own row, for the GraphQL ReportTemplate without another query. */
  row: ReportTemplate;
  id: string;
  code: string;
  name: string;
  version: number;
  published: boolean;
  sections: ShapeSection[];
  tables: ShapeTable[];
}

/** Published versions never change: kept once read, the 200 used last. */
const cache = new LRUCache<string, TemplateShape>({ max: 200 });

const stringValues = (json: unknown): Record<string, string> =>
  json && typeof json === 'object' && !Array.isArray(json)
    ? Object.fromEntries(
        Object.entries(json as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      )
    : {};

/** A column's stored choice list (JSON) as options; anything else as none. */
export const choiceOptions = (json: unknown): ChoiceOption[] =>
  Array.isArray(json)
    ? json.filter(
        (o): o is ChoiceOption =>
          typeof o === 'object' && o !== null && typeof (o as ChoiceOption).key === 'string',
      )
    : [];

export async function templateShape(
  prisma: PrismaClient,
  templateId: string,
): Promise<TemplateShape | null> {
  const cached = cache.get(templateId);
  if (cached) return cached;
  const t = await prisma.reportTemplate.findUnique({
    where: { id: templateId },
    include: {
      sections: { orderBy: { sortOrder: 'asc' }, include: { audiences: true } },
      tables: {
        orderBy: { sortOrder: 'asc' },
        include: {
          columns: { orderBy: { sortOrder: 'asc' } },
          rows: { orderBy: { sortOrder: 'asc' } },
        },
      },
    },
  });
  if (!t) return null;
  const shape: TemplateShape = {
    // Its own columns only: the relations here were loaded in another shape than GraphQL's.
    row: (({ sections: _sections, tables: _tables, ...own }: typeof t) => own)(t),
    id: t.id,
    code: t.code,
    name: t.name,
    version: t.version,
    published: t.status === 'PUBLISHED',
    sections: t.sections.map((s) => ({
      key: s.key,
      number: s.number,
      heading: s.heading,
      guidance: s.guidance,
      depth: s.depth,
      answerable: s.answerable,
      required: s.required,
      audiences: s.audiences.map((a) => ({
        orgId: a.orgId,
        groupKind: a.groupKind,
        groupLevel: a.groupLevel,
      })),
    })),
    tables: t.tables.map((tb) => ({
      key: tb.key,
      title: tb.title,
      description: tb.description,
      rowMode: tb.rowMode,
      allowOpenRows: tb.allowOpenRows,
      columns: tb.columns.map((c) => ({
        key: c.key,
        label: c.label,
        type: c.type,
        required: c.required,
        readOnly: c.readOnly || (c.binding !== null && c.binding !== 'target.measured'),
        options: choiceOptions(c.options),
        aggregate: c.aggregate,
        binding: c.binding,
        targetId: c.targetId,
        carryForward: c.carryForward,
        changeFactor: c.changeFactor ?? t.changeFactor,
      })),
      rows: tb.rows.map((r) => ({
        key: r.key,
        groupKey: r.groupKey,
        label: r.label,
        isGroup: r.isGroup,
        readOnly: r.readOnly,
        values: stringValues(r.values),
        targetId: r.targetId,
        carryForward: r.carryForward,
      })),
    })),
  };
  if (shape.published) {
    cache.set(templateId, shape);
  }
  return shape;
}
