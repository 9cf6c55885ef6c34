// The order of an agency's to-do list: what it still owes before what it has sent, each by the
// nearest deadline (the list arrives sorted by deadline; the sort is stable).
export function owedFirst<T>(requests: T[], isSent: (r: T) => boolean): T[] {
  return [...requests].sort((a, b) => Number(isSent(a)) - Number(isSent(b)));
}
