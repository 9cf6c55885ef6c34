// What every resolver receives: the database and who is asking.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Database } from '../db/database.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { MessagingConfig } from '../config.ts';

export interface Context {
  db: Database;
  prisma: PrismaClient;
  viewer: Viewer | null;
  /** The caller's address, for audit events and rate limits. */
  address: string | null;
  /**
   * Where the trust anchors and CRLs that signatures are verified against are (TRUST_ANCHORS,
   * TRUST_CRLS); absent: none, and every signature is refused saying so.
   */
  signing?: { trust: { anchors: string[]; crls: string[] } };
  /** How messages leave the server (SMTP_URL, MAIL_FROM, PUBLIC_URL); absent: none are sent. */
  messaging?: MessagingConfig;
}
