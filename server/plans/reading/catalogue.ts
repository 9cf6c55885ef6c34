// The central documents plans cite most (57-NQ/TW, 749/QĐ-TTg, the laws on local government and
// IT …), as the seed data records them from the citing texts (prisma/seed/data, the national
// documents: the same rows the database holds): an imported basis is matched to one, and a citation that
// gets its date, issuer or symbol wrong becomes a review finding.
import { readdirSync, readFileSync } from 'node:fs';
import { foldVietnamese, searchTokens } from '../../../shared/text/fold.ts';
import { kindCodeOf, numberKey, type LegalBasis } from './bases.ts';

export interface KnownDocument {
  number: string | null;
  title: string;
  issuedOn: string | null;
  issuerName: string | null;
  kind: string;
}

interface SeedFile {
  documents?: (KnownDocument & { key: string })[];
}

const SEED_DATA = new URL('../../../prisma/seed/data/', import.meta.url);

/** Every national document the seed data holds ("VN-…" keys), from whichever file records it. */
export const CENTRAL_DOCUMENTS: KnownDocument[] = readdirSync(SEED_DATA)
  .filter((f) => f.endsWith('.json'))
  .flatMap(
    (f) => (JSON.parse(readFileSync(new URL(f, SEED_DATA), 'utf8')) as SeedFile).documents ?? [],
  )
  .filter((d) => d.key.startsWith('VN-'))
  .map(({ number, title, issuedOn, issuerName, kind }) => ({
    number,
    title,
    issuedOn,
    issuerName,
    kind,
  }));

const nameKey = (text: string) =>
  foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** "749/QĐ-TT" → ["749", "QĐ", "TT"]: its serial, kind code and issuer code. */
function parts(number: string): [string, string | null, string] {
  const serial = /^\d+/.exec(number)?.[0] ?? '';
  const issuer = number.split(/[-/]/).at(-1) ?? '';
  return [serial, kindCodeOf(number), issuer];
}

/** Issuer codes one slip apart: "TT" cut from "TTg", "BTTT" for "BTTTT". */
function nearCode(a: string, b: string): boolean {
  if (a === b) return false;
  if (b.startsWith(a) || a.startsWith(b)) return Math.abs(a.length - b.length) <= 2;
  return a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1;
}

const sameYear = (k: KnownDocument, basis: LegalBasis) =>
  !basis.issuedOn || k.issuedOn?.slice(0, 4) === basis.issuedOn.slice(0, 4);

/** Most of a known title's words in what the citation says about the document. */
function describes(subject: string, title: string): boolean {
  const words = searchTokens(title);
  const have = new Set(searchTokens(subject));
  return words.length > 0 && words.filter((w) => have.has(w)).length / words.length >= 0.6;
}

export interface KnownMatch {
  known: KnownDocument;
  /** The citation's number differs from the known one by a slip in its symbol. */
  slip: boolean;
}

/**
 * The known document a basis cites: by its number however spaced or dotted; by its serial, kind
 * and date when the symbol has a slip ("749/QĐ-TT" of 03/6/2020); a law cited without a number by
 * its name, when only one law of that name is known.
 */
export function knownDocumentOf(
  basis: LegalBasis,
  known: KnownDocument[] = CENTRAL_DOCUMENTS,
): KnownMatch | null {
  if (basis.number) {
    const key = numberKey(basis.number);
    // Serial numbers restart each year ("17/NQ-CP" of 2019 and of 2020): the same number is
    // the same document when the year agrees or the citation describes it in its words.
    const exact = known.find(
      (k) =>
        k.number &&
        numberKey(k.number) === key &&
        (sameYear(k, basis) || describes(basis.subject ?? '', k.title)),
    );
    if (exact) return { known: exact, slip: false };
    const [serial, code, issuer] = parts(basis.number);
    // A slip in the symbol ("749/QĐ-TT"), or in the serial of a document the citation names by
    // its date and words ("44/2020/NĐ-CP ngày 08/4/2020 về thực hiện thủ tục hành chính …").
    const near = known.find((k) => {
      if (!k.number || !basis.issuedOn || k.issuedOn !== basis.issuedOn) return false;
      const [kSerial, kCode, kIssuer] = parts(k.number);
      if (kCode !== code) return false;
      if (kSerial === serial) return nearCode(issuer, kIssuer);
      return issuer === kIssuer && describes(basis.subject ?? '', k.title);
    });
    return near ? { known: near, slip: true } : null;
  }
  const name = nameKey(basis.title.split(/\s+(?:ngày|năm)\s+\d/u)[0]!);
  // A new law may keep an old one's name (Luật Tổ chức chính quyền địa phương 2015 and 2025).
  const laws = known.filter((k) => nameKey(k.title) === name && sameYear(k, basis));
  return laws.length === 1 ? { known: laws[0]!, slip: false } : null;
}
