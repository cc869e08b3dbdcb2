// Why a document was refused. The code is stable (API clients and the CLI branch on it);
// the message says what to do about it.
export type DocumentErrorCode = 'EMPTY' | 'BINARY' | 'ENCODING' | 'TOO_LARGE' | 'NO_CONTENT' | 'BAD_DATE' | 'BAD_META';

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
  }
}
