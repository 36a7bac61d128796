// Why a request body was refused. `BadBodyError` is a body that does not parse as what its
// Content-Type says (400); `UnsupportedMediaTypeError` a body of a kind the route does not take (415).
// Both name the field at fault when there is one ("body" otherwise), like InvalidInputError.
import { InvalidInputError } from '../../services/errors.js';

export class BadBodyError extends InvalidInputError {
  override name = 'BadBodyError';
}

export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}
