import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';

/** Media types a book upload is sent as; the file itself is the body (no multipart form). */
const FORM_OR_JSON = /^(multipart\/|application\/x-www-form-urlencoded|application\/json)/i;

/**
 * Reads an upload body from the request stream, and only now: the route's guards (who is calling,
 * may they import here) have run, so nobody unauthenticated makes the server hold a large body.
 * The limit is applied while reading: a declared `Content-Length` over it is refused before a byte
 * is read, and a body that grows past it is refused as soon as it does (the connection closes, so
 * the rest is never read). A form or a JSON body is refused with UPLOAD_NOT_A_FILE: the book is
 * the body itself.
 */
export async function readUploadBody(req: Request, limit: number): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (FORM_OR_JSON.test(type)) throw new DomainError('UPLOAD_NOT_A_FILE', { type: type.split(';')[0]!.trim() });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(req, limit);
  if (req.readableEnded) return Buffer.alloc(0);
  // Listeners, not `for await`: leaving an async iterator early destroys the socket, and the
  // caller would never read why.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        reject(tooLarge(req, limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      stop();
      reject(new DomainError('MALFORMED_REQUEST', { reason: error.message }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function tooLarge(req: Request, limit: number): DomainError {
  // Answer, then close: reading the rest of a body we refused would only cost us.
  req.res?.setHeader('Connection', 'close');
  return new DomainError('FILE_TOO_LARGE', { limit });
}
