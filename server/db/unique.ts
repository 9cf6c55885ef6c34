// Prisma's "unique constraint failed" (P2002): another writer made the same row first — a race
// the caller answers as a conflict, or settles by reading what the other writer made.
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
