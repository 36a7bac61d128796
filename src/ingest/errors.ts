// A file the importer cannot read as a whole. The importer runs each file in one transaction and
// rolls it back on this error, so nothing of a half-read file is kept. A single bad record is not
// this error: it becomes a `rejected` item and the rest of the file still counts.

export interface MalformedFileWhere {
  /** File name (not the full path), added by the file reader. */
  file?: string | null;
  /** Where in the file: `line 3, column 7`, `entry 12`, `after line 40`. */
  position?: string | null;
  /** What the upstream service said, when the file is a well-formed error response from it. */
  upstreamMessage?: string | null;
}

export class MalformedFileError extends Error {
  override readonly name = 'MalformedFileError';
  /** What is wrong, without the location. */
  readonly problem: string;
  readonly file: string | null;
  readonly position: string | null;
  /** arXiv's or the OAI-PMH server's own message when the file is an error response (else null). */
  readonly upstreamMessage: string | null;

  constructor(problem: string, where: MalformedFileWhere = {}, options?: ErrorOptions) {
    const file = where.file ?? null;
    const position = where.position ?? null;
    super([file, position, problem].filter((part) => part !== null && part !== '').join(': '), options);
    this.problem = problem;
    this.file = file;
    this.position = position;
    this.upstreamMessage = where.upstreamMessage ?? null;
  }

  /** The same error naming the file it came from (parsers know positions, only the reader knows the file). */
  inFile(file: string): MalformedFileError {
    if (this.file !== null) return this;
    return new MalformedFileError(
      this.problem,
      { file, position: this.position, upstreamMessage: this.upstreamMessage },
      { cause: this.cause },
    );
  }
}
