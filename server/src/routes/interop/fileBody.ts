import { HttpProblem } from '../../http/httpProblem.ts';
import { asHttpProblem } from '../../interop/interopError.ts';

/**
 * Reads a file sent as the raw request body with `read`: an empty or missing body is a 400 that says what to
 * send, and a file the reader refuses becomes its problem+json (interopError.ts).
 */
export async function readFileBody<T>(
  body: unknown,
  whatToSend: { id: string; en: string },
  read: (file: Buffer) => Promise<T>,
): Promise<T> {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpProblem('bad-request', whatToSend);
  try {
    return await read(body);
  } catch (error) {
    throw asHttpProblem(error);
  }
}
