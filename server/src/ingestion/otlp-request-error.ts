import { AppError } from '../errors/app-error.js';

/**
 * A whole OTLP request refused before anything is written. The status follows the OTLP/HTTP
 * spec (400 malformed, 413 too large, 415 unsupported encoding) so exporters know not to retry.
 */
export class OtlpRequestError extends AppError {
  readonly status: 400 | 401 | 405 | 413 | 415;

  constructor(status: 400 | 401 | 405 | 413 | 415, message: string, options?: { cause?: unknown }) {
    super(status === 401 ? 'UNAUTHENTICATED' : 'INVALID_INPUT', message, options);
    this.name = 'OtlpRequestError';
    this.status = status;
  }
}
