// What a parse step hands to a normalize step: the record as the file had it, with its position,
// or a rejection when even that much failed (a JSONL line that is not JSON).

export type RawItem =
  { kind: 'raw'; position: string; value: unknown } | { kind: 'rejected'; position: string; reason: string };
